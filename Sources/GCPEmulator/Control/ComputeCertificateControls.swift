/// Google-managed certificates provision once DNS points at the load balancer, which the
/// emulator cannot see: tests and demos move them on themselves.
/// `POST /_emulator/certificates` `{"project","name","status"}` and optionally
/// `"domainStatus": {"DOMAIN": "FAILED_NOT_VISIBLE"}`.
enum ComputeCertificateControls {
    static func handle(_ body: JSONValue, core: EmulatorCore) -> HTTPResponseMessage {
        guard let project = body["project"]?.stringValue, let name = body["name"]?.stringValue,
            let status = body["status"]?.stringValue
        else {
            return .error(.invalidArgument("Expected {\"project\",\"name\",\"status\"} and optionally \"domainStatus\" {DOMAIN: STATE}."))
        }
        let domainStatus = body["domainStatus"]?.objectValue?.compactMapValues(\.stringValue)
        let now = core.clock.now()
        let changed = core.withState {
            ComputeSSLCertificatesAPI.setStatus(project: project, name: name, status: status, domainStatus: domainStatus, now: now, state: &$0)
        }
        guard changed else {
            return .error(.notFound(
                "No managed certificate \(name) in \(project), or a state that is not one of \(ComputeSSLCertificatesAPI.certificateStates.sorted()) / \(ComputeSSLCertificatesAPI.domainStates.sorted())."))
        }
        return .json(["project": .string(project), "name": .string(name), "status": .string(status)])
    }
}

extension Emulator {
    /// Moves a Google-managed certificate to `status` (PROVISIONING, ACTIVE,
    /// PROVISIONING_FAILED, PROVISIONING_FAILED_PERMANENTLY, RENEWAL_FAILED); its domains
    /// follow (`ACTIVE` makes them ACTIVE) unless `domainStatus` names theirs. False when
    /// there is no such managed certificate or a state is not one of Google's.
    @discardableResult
    public func setCertificateStatus(project: String, name: String, status: String, domainStatus: [String: String]? = nil) -> Bool {
        let now = core.clock.now()
        return mutateState {
            ComputeSSLCertificatesAPI.setStatus(project: project, name: name, status: status, domainStatus: domainStatus, now: now, state: &$0)
        }
    }
}
