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

extension RuntimeServiceAccount: StatusDescribing {
    func statusDetails(of state: IAMAPI.ServiceAccount, extra: Void?) -> [StatusDetail] {
        [StatusDetail("displayName", column: "DETAILS", state.displayName)]
    }

    func health(of state: IAMAPI.ServiceAccount, extra: Void?, environment: Environment) -> StatusFinding? {
        guard state.disabled == true else { return nil }
        return StatusFinding(state: .unhealthy, reason: "the account is disabled; services running as it cannot start",
                             fix: .command("gcloud iam service-accounts enable \(account.email) --project=\(environment.project)"))
    }
}

extension ProjectRoles: StatusDescribing {
    func statusDetails(of granted: Set<String>, extra: Void?) -> [StatusDetail] {
        let declared = account.roles.filter(granted.contains)
        let extras = extraRoles(in: granted)
        return [StatusDetail("roles", column: "DETAILS", .array(declared.map(JSONValue.string)),
                             text: "\(declared.count) of \(account.roles.count) roles: " + declared.joined(separator: ", ")
                                 + (extras.isEmpty ? "" : "; not declared: " + extras.joined(separator: ", ")))]
    }

    var statusLabel: String { "project roles" }
}

extension ManagedSecret: StatusDescribing {
    /// The number of versions only: status never shows a secret's value (it reads the latest
    /// one only to tell a placeholder, `SecretPlaceholder`).
    func statusDetails(of state: State, extra: Void?) -> [StatusDetail] {
        [StatusDetail("versionCount", column: "VERSIONS", state.versionCount)]
    }

    /// A placeholder is worse than drift: the services read it as their secret.
    func health(of state: State, extra: Void?, environment: Environment) -> StatusFinding? {
        guard let version = state.placeholderVersion else { return nil }
        return StatusFinding(state: .unhealthy, reason: "holds a placeholder (version \(version)), which the services would read as the secret; setup replaces it with a generated value",
                             fix: StatusFix.setup(environment))
    }

}

extension BuildAccountRoles: StatusDescribing {
    func statusDetails(of held: Set<Grant>, extra: Void?) -> [StatusDetail] {
        let granted = grants.filter(held.contains).map(\.description)
        return [StatusDetail("roles", column: "DETAILS", .array(granted.map(JSONValue.string)),
                             text: "\(granted.count) of \(grants.count): " + granted.joined(separator: ", "))]
    }

    var statusLabel: String { "bucket and repository roles" }
}
