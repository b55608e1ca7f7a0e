import GoogleCloud

/// `gcpctl delete-service`: deletes the named Cloud Run services (or, with `all`, every
/// service of the environment in its region: those it declares and those gcpctl labelled as
/// the environment's), after a confirmation. Images, secrets and the database stay. A
/// service that is not the environment's by `Ownership`'s rule (deployed by hand, or by
/// another environment) is deleted only with `force`.
public struct DeleteServiceWorkflow: Sendable {
    public var services: [String]
    public var all: Bool
    public var force: Bool

    public init(services: [String] = [], all: Bool = false, force: Bool = false) {
        self.services = services
        self.all = all
        self.force = force
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        let reporter = context.reporter
        let resourceContext = try await connector.resourceContext(for: context)
        var names = try environment.selectServices(all ? [] : services).map(\.name)
        if all {
            let labelled = try await resourceContext.cloudRun.services(project: environment.project, region: environment.region)
                .asyncCompactMap { try await Ownership.of($0, in: resourceContext) == .environment ? $0.id : nil }
            names += labelled.filter { !names.contains($0) }
        }
        var existing: [String] = []
        for name in names {
            let service = CloudRunService(name: name, region: environment.region)
            guard let state = try await service.observe(in: resourceContext) else {
                reporter.info("\(name) is not deployed in \(environment.region); nothing to delete")
                continue
            }
            try await Ownership.of(state, in: resourceContext)
                .checkDeletable("\(service.id)", evidence: state.ownershipEvidence, force: force)
            existing.append(name)
        }
        guard !existing.isEmpty else {
            reporter.result(Document(deleted: [], failed: [:])) { reporter.line("Nothing to delete.") }
            return .success
        }
        let list = existing.joined(separator: ", ")
        guard try await context.prompter.confirm(
            "Delete the Cloud Run service\(existing.count == 1 ? "" : "s") \(list) in \(environment.region) of project \(environment.project)?") else {
            reporter.warning("Cancelled; nothing was deleted.")
            return .configurationError
        }
        var deleted: [String] = [], failed: [String: String] = [:]
        await withTaskGroup(of: (String, String?).self) { group in
            for name in existing {
                group.addTask {
                    do {
                        try await context.progress.track("deleting Cloud Run service \(name)") {
                            try await CloudRunService(name: name, region: environment.region).delete(in: resourceContext)
                        }
                        return (name, nil)
                    } catch {
                        return (name, "\(error)")
                    }
                }
            }
            for await (name, error) in group {
                if let error { failed[name] = error } else { deleted.append(name) }
            }
        }
        deleted = existing.filter(deleted.contains)
        reporter.result(Document(deleted: deleted, failed: failed)) {
            for name in deleted { reporter.outcome("Deleted Cloud Run service \(name)") }
            for (name, error) in failed.sorted(by: { $0.key < $1.key }) { reporter.error("\(name): \(error)") }
        }
        return failed.isEmpty ? .success : .operationFailed
    }

    struct Document: Encodable {
        var deleted: [String]
        var failed: [String: String]
    }
}
