/// The status a deployed Cloud Run service's URLs answer (`/_emulator/run-health`,
/// `Emulator.setServiceHealth`): per service, or per service and revision, so that a
/// rollback to an earlier revision can be healthy again.
extension EmulatorCore {
    /// `service` may be the id, the full name, or the `run.app` host.
    func setRunHealth(service: String, revision: String?, status: Int) {
        var id = String(service.split(separator: "/").last ?? "")
        if id.hasSuffix(".run.app"), let dash = id.prefix(while: { $0 != "." }).lastIndex(of: "-") {
            id = String(id[..<dash])
        }
        let key = revision.map { "\(id)/\(String($0.split(separator: "/").last ?? ""))" } ?? id
        runHealth.withLock { $0[key] = status }
    }

    /// The status a service's revision answers: its own setting, else the service's, else 200.
    func runHealthStatus(service: String, revision: String) -> Int {
        runHealth.withLock { $0["\(service)/\(revision)"] ?? $0[service] } ?? 200
    }
}
