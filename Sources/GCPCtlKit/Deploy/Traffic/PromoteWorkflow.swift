import GoogleCloud

/// `gcpctl promote`: after `deploy --no-traffic` (and a smoke test), send the traffic to
/// the new revision, all of it (from then on following the latest revision) or a share.
public struct PromoteWorkflow: Sendable {
    public var services: [String]
    /// nil: the latest ready revision.
    public var revision: String?
    public var percent: Int

    public init(services: [String] = [], revision: String? = nil, percent: Int = 100) {
        self.services = services
        self.revision = revision
        self.percent = percent
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        let selected = try environment.selectServices(services)
        let resourceContext = try await connector.resourceContext(for: context)
        let shifts = await withTaskGroup(of: (Int, TrafficShift).self) { group in
            for (index, service) in selected.enumerated() {
                group.addTask {
                    await (index, TrafficShift.perform(service.name, region: environment.region, in: resourceContext,
                                                       progress: context.progress) { observed in
                        TrafficPlan.promote(revision, percent: percent, observed: observed)
                    })
                }
            }
            var shifts = [TrafficShift?](repeating: nil, count: selected.count)
            for await (index, shift) in group { shifts[index] = shift }
            return shifts.compactMap { $0 }
        }
        return TrafficShift.report(shifts, verb: "promote", on: context.reporter)
    }
}
