import GoogleCloud

/// `gcpctl rollback SERVICE`: all traffic back to an earlier revision, by default the
/// newest ready revision created before the latest one, pinned there until the next deploy.
/// Without a service, every service of the environment, after one confirmation.
public struct RollbackWorkflow: Sendable {
    /// nil: every service.
    public var service: String?
    public var toRevision: String?

    public init(service: String?, toRevision: String? = nil) {
        self.service = service
        self.toRevision = toRevision
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        if service == nil, toRevision != nil { throw RollbackAllError.revisionNeedsAService }
        let names = try environment.selectServices(service.map { [$0] } ?? []).map(\.name)
        if service == nil {
            guard try await context.prompter.confirm(
                "Roll back every service of \(environment.name) (\(names.joined(separator: ", "))) to its previous ready revision?") else {
                context.reporter.warning("Cancelled; traffic is unchanged.")
                return .configurationError
            }
        }
        let resourceContext = try await connector.resourceContext(for: context)
        let toRevision = toRevision
        let shifts = await withTaskGroup(of: (Int, TrafficShift).self) { group in
            for (index, name) in names.enumerated() {
                group.addTask {
                    await (index, TrafficShift.perform(name, region: environment.region, in: resourceContext, progress: context.progress) { observed in
                        if let toRevision { return TrafficPlan.pinned(toRevision) }
                        let revisions = try await resourceContext.cloudRun.revisions(project: environment.project, region: environment.region, service: name)
                        guard let previous = Self.previousRevision(revisions, latest: observed.latestCreatedRevision) else {
                            throw NoEarlierRevisionError(service: name)
                        }
                        return TrafficPlan.pinned(previous)
                    })
                }
            }
            var shifts = [TrafficShift?](repeating: nil, count: names.count)
            for await (index, shift) in group { shifts[index] = shift }
            return shifts.compactMap { $0 }
        }
        return TrafficShift.report(shifts, verb: "roll back", on: context.reporter)
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

public enum RollbackAllError: Error, Sendable, CustomStringConvertible, ExitStatusProviding {
    case revisionNeedsAService

    public var description: String { "--to-revision names one service's revision; give the service too" }
    public var exitStatus: ExitStatus { .configurationError }
}
