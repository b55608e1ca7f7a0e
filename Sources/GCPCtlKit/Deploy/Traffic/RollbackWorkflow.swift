import GoogleCloud

/// `gcpctl rollback SERVICE`: all traffic back to an earlier revision, by default the
/// newest ready revision created before the latest one, pinned there until the next deploy.
public struct RollbackWorkflow: Sendable {
    public var service: String
    public var toRevision: String?

    public init(service: String, toRevision: String? = nil) {
        self.service = service
        self.toRevision = toRevision
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        let name = try environment.selectServices([service]).first?.name ?? service
        let resourceContext = try await connector.resourceContext(for: context)
        let toRevision = toRevision
        let result = await TrafficShift.perform(name, region: environment.region, in: resourceContext, progress: context.progress) { observed in
            if let toRevision { return TrafficPlan.pinned(toRevision) }
            let revisions = try await resourceContext.cloudRun.revisions(project: environment.project, region: environment.region, service: name)
            guard let previous = Self.previousRevision(revisions, latest: observed.latestCreatedRevision) else {
                throw NoEarlierRevisionError(service: name)
            }
            return TrafficPlan.pinned(previous)
        }
        return TrafficShift.report([result], verb: "roll back", on: context.reporter)
    }

    /// The newest ready revision created before `latest`.
    public static func previousRevision(_ revisions: [CloudRunAPI.Revision], latest: String?) -> String? {
        let sorted = revisions.sorted { ($0.createTime ?? "", $0.id) > ($1.createTime ?? "", $1.id) }
        let older = latest.flatMap { latest in sorted.firstIndex { $0.id == latest } }.map { sorted[($0 + 1)...] } ?? sorted.dropFirst()
        return older.first(where: \.isReady)?.id
    }
}

public struct NoEarlierRevisionError: Error, Sendable, CustomStringConvertible {
    public var service: String
    public var description: String {
        "\(service) has no ready revision older than its latest one to roll back to; name one with --to-revision, or deploy a fixed version"
    }
}
