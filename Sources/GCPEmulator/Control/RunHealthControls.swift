/// The status a deployed Cloud Run service's URLs answer (`/_emulator/run-health`,
/// `Emulator.setServiceHealth`): per service, or per service and revision, so that a
/// rollback to an earlier revision can be healthy again; and for a number of requests
/// only, as a service that is still starting answers.
extension EmulatorCore {
    /// `service` may be the id, the full name, or the `run.app` host. With `times`, only
    /// the next that many requests answer `status`.
    func setRunHealth(service: String, revision: String?, status: Int, times: Int? = nil) {
        var id = String(service.split(separator: "/").last ?? "")
        if id.hasSuffix(".run.app"), let dash = id.prefix(while: { $0 != "." }).lastIndex(of: "-") {
            id = String(id[..<dash])
        }
        let key = revision.map { "\(id)/\(String($0.split(separator: "/").last ?? ""))" } ?? id
        if let times {
            runHealthOverrides.withLock { $0[key] = times > 0 ? (status, times) : nil }
        } else {
            runHealth.withLock { $0[key] = status }
        }
    }

    /// The status a service's revision answers to one request: a pending `times` setting
    /// (used up by this request), else its own setting, else the service's, else 200.
    func runHealthStatus(service: String, revision: String) -> Int {
        let keys = ["\(service)/\(revision)", service]
        let overridden = runHealthOverrides.withLock { overrides -> Int? in
            guard let key = keys.first(where: { overrides[$0] != nil }), let override = overrides[key] else { return nil }
            overrides[key] = override.remaining > 1 ? (override.status, override.remaining - 1) : nil
            return override.status
        }
        return overridden ?? runHealth.withLock { $0[keys[0]] ?? $0[keys[1]] } ?? 200
    }

    /// What the next request would be answered, without using up a `times` setting.
    func currentRunHealthStatus(service: String, revision: String) -> Int {
        let keys = ["\(service)/\(revision)", service]
        let pending = runHealthOverrides.withLock { overrides in keys.compactMap { overrides[$0]?.status }.first }
        return pending ?? runHealth.withLock { $0[keys[0]] ?? $0[keys[1]] } ?? 200
    }
}
