import Foundation

/// The PostgreSQL servers behind one emulator's Data API: none until an `executeSql` needs
/// one, then a throwaway cluster per Cloud SQL instance (each instance is a server of its
/// own: its users, passwords and databases), all stopped and their directories removed when
/// the emulator stops. When no server can run (none installed, or it will not start), the
/// model answers instead, and the log says why, once.
final class PostgresServers: Sendable {
    /// A Cloud SQL instance; one deleted and made again under its name is another.
    struct Instance: Hashable, Sendable {
        var project: String
        var name: String
        var createTime: String
    }

    private struct Registry {
        var installation: Result<PostgresInstallation, PostgresInstallation.Unusable>?
        var clusters: [Instance: PostgresCluster] = [:]
        /// Why the model answers instead of a server, once that is decided.
        var modelReason: String?
        var stopped = false
    }

    let choice: PostgresServerChoice
    private let log: @Sendable (String) -> Void
    private let supervisor = SupervisorThread(name: "gcp-emulator postgres")
    private let registry = Locked(Registry())

    init(choice: PostgresServerChoice, log: @escaping @Sendable (String) -> Void) {
        self.choice = choice
        self.log = log
    }

    /// Whether `executeSql` may go to a server (false once it is known that none can run).
    var mayUseServer: Bool { choice != .model && registry.withLock { $0.modelReason == nil } }

    /// What answers `executeSql`, for the log: found and checked now (it runs `postgres
    /// --version`), so only the executable asks at start.
    func describe() -> String {
        switch choice {
        case .model: return "executeSql answers from the emulator's model of PostgreSQL (--no-postgres)"
        case .installed, .binaries:
            switch installation() {
            case .success(let found): return "executeSql runs on \(found.summary): a throwaway cluster per Cloud SQL instance, started on its first executeSql"
            case .failure(let reason): return "executeSql answers from the emulator's model of PostgreSQL: \(reason)"
            }
        }
    }

    /// The cluster standing for `instance`, started on first use, its roles and databases
    /// made equal to `snapshot`; nil when the model must answer.
    func cluster(for instance: Instance, matching snapshot: PostgresMirror.Snapshot) async -> PostgresCluster? {
        guard mayUseServer else { return nil }
        return await supervisor.run { [self] in prepare(instance, snapshot) }
    }

    /// Stops every cluster and removes its directory; waits for it.
    func shutdown() async {
        guard supervisor.hasStarted else {
            registry.withLock { $0.stopped = true }
            return
        }
        await supervisor.run { [self] in
            let clusters = registry.withLock { registry in
                registry.stopped = true
                defer { registry.clusters.removeAll() }
                return Array(registry.clusters.values)
            }
            for cluster in clusters { cluster.stop() }
        }
        supervisor.finish()
    }

    /// The clusters running now, by instance: the postmaster's pid and the directory.
    var running: [(instance: Instance, pid: Int32, directory: String)] {
        registry.withLock { $0.clusters.map { ($0.key, $0.value.pid, $0.value.directory) } }
    }

    private func installation() -> Result<PostgresInstallation, PostgresInstallation.Unusable> {
        if let known = registry.withLock({ $0.installation }) { return known }
        let found = PostgresInstallation.find(choice)
        registry.withLock { $0.installation = found }
        return found
    }

    /// On the supervisor thread.
    private func prepare(_ instance: Instance, _ snapshot: PostgresMirror.Snapshot) -> PostgresCluster? {
        let (stopped, existing, stale) = registry.withLock { registry in
            let stale = registry.clusters.filter { $0.key != instance && $0.key.project == instance.project && $0.key.name == instance.name }
            for key in stale.keys { registry.clusters[key] = nil }
            return (registry.stopped || registry.modelReason != nil, registry.clusters[instance], Array(stale.values))
        }
        for cluster in stale { cluster.stop() }
        guard !stopped else { return nil }
        let cluster: PostgresCluster
        if let existing {
            cluster = existing
        } else {
            switch installation() {
            case .failure(let reason):
                useModel(because: reason.description)
                return nil
            case .success(let found):
                let started = Date()
                do {
                    cluster = try PostgresCluster.start(found)
                } catch {
                    useModel(because: "\(found.summary) did not start: \(error)")
                    return nil
                }
                registry.withLock { $0.clusters[instance] = cluster }
                log("executeSql: started \(found.summary) for Cloud SQL instance \(instance.project)/\(instance.name) in \(cluster.directory) "
                    + "(\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
            }
        }
        mirror(snapshot, into: cluster, instance: instance)
        return cluster
    }

    private func mirror(_ snapshot: PostgresMirror.Snapshot, into cluster: PostgresCluster, instance: Instance) {
        guard !cluster.mirror.isCurrent(snapshot) else { return }
        do {
            let session = try cluster.administratorSession()
            defer { session.terminate() }
            for problem in try cluster.mirror.apply(snapshot, through: session) {
                log("executeSql: \(instance.project)/\(instance.name): \(problem)")
            }
        } catch {
            log("executeSql: \(instance.project)/\(instance.name): users and databases not mirrored: \(error)")
        }
    }

    private func useModel(because reason: String) {
        registry.withLock { $0.modelReason = reason }
        log("executeSql: answering from the emulator's model of PostgreSQL: \(reason)")
    }
}
