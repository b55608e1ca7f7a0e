import GoogleCloud

/// `gcpctl revisions SERVICE`: the service's revisions, newest first, with when each was
/// made, its image, the traffic it serves (and its tags) and whether it is ready. What
/// `rollback --to-revision` and `promote --revision` take.
public struct RevisionsWorkflow: Sendable {
    public var service: String

    public init(service: String) {
        self.service = service
    }

    struct Entry: Encodable {
        var name: String
        var created: String?
        var image: String?
        var trafficPercent: Int
        var tags: [String]
        var ready: Bool
        var reason: String?
        var latest: Bool
    }

    /// The service's revisions; the region is the envelope's (CommandDocument).
    struct Document: Encodable {
        var service: String
        var revisions: [Entry]
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        let name = try environment.selectServices([service]).first?.name ?? service
        let resourceContext = try await connector.resourceContext(for: context)
        let cloudRun = resourceContext.cloudRun
        async let observedService = cloudRun.service(project: environment.project, region: environment.region, id: name)
        async let observedRevisions = cloudRun.revisions(project: environment.project, region: environment.region, service: name)
        guard let observed = try await observedService else { throw ServiceNotDeployedError(service: name, region: environment.region) }
        let revisions = try await observedRevisions
        let entries = Self.entries(revisions, service: observed)
        let reporter = context.reporter
        reporter.result(Document(service: name, revisions: entries)) {
            reporter.table(TextTable(columns: ["REVISION", "CREATED", "IMAGE", "TRAFFIC", "READY"], rows: entries.map { entry in
                let traffic = ([entry.trafficPercent > 0 || entry.tags.isEmpty ? "\(entry.trafficPercent)%" : nil]
                    + entry.tags.map { "tag \($0)" }).compactMap { $0 }.joined(separator: ", ")
                return [
                    TextTable.Cell(entry.name + (entry.latest ? " (latest)" : "")),
                    TextTable.Cell(entry.created.map(SecretListWorkflow.shortTime) ?? "-"),
                    TextTable.Cell(entry.image.map(Self.shortImage) ?? "-"),
                    TextTable.Cell(traffic, entry.trafficPercent > 0 ? .good : .muted),
                    entry.ready ? TextTable.Cell("yes", .good) : TextTable.Cell("no" + (entry.reason.map { ": \($0)" } ?? ""), .bad),
                ]
            }))
        }
        return .success
    }

    /// Newest first, each with the traffic Google reports serving it.
    static func entries(_ revisions: [CloudRunAPI.Revision], service: CloudRunAPI.Service) -> [Entry] {
        let statuses = service.trafficStatuses ?? []
        return revisions.sorted { ($0.createTime ?? "", $0.id) > ($1.createTime ?? "", $1.id) }.map { revision in
            let serving = statuses.filter { status in
                status.revision == revision.id
                    || (status.type == "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST" && revision.id == service.latestReadyRevision)
            }
            let ready = revision.conditions?.first { $0.type == "Ready" }
            return Entry(name: revision.id, created: revision.createTime, image: revision.containers?.first?.image,
                         trafficPercent: serving.compactMap(\.percent).reduce(0, +), tags: serving.compactMap(\.tag).sorted(),
                         ready: revision.isReady, reason: revision.isReady ? nil : (ready?.message ?? ready?.reason ?? ready?.state),
                         latest: revision.id == service.latestCreatedRevision)
        }
    }

    /// `us-central1-docker.pkg.dev/p/repo/api@sha256:0123456789ab…` → `repo/api@sha256:0123456789ab`.
    static func shortImage(_ image: String) -> String {
        var parts = image.split(separator: "/").map(String.init)
        if parts.count > 2, parts[0].hasSuffix(".pkg.dev") { parts.removeFirst(2) }
        var short = parts.joined(separator: "/")
        if let at = short.range(of: "@sha256:") { short = String(short[..<at.upperBound]) + String(short[at.upperBound...].prefix(12)) }
        return short
    }
}
