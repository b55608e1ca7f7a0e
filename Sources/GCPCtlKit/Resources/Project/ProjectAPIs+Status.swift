import GoogleCloud

extension ProjectAPIs: StatusDescribing {
    /// One row per API, each enabled or missing with the command that enables it.
    func expand(_ row: StatusRow, state enabled: Set<String>?, environment: Environment) -> [StatusRow] {
        guard let enabled, row.state != .failed else { return [row] }
        return services.map { service in
            let isOn = enabled.contains(service)
            return StatusRow(section: .apis, kind: ResourceKind.apis.id, name: service, state: isOn ? .ok : .missing,
                             reason: isOn ? nil : "not enabled",
                             fix: isOn ? nil : StatusFix.enable(environment, apis: [service]))
        }
    }

    var statusLabel: String { "APIs" }
}
