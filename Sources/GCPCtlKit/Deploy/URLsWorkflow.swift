import GoogleCloud

/// `gcpctl urls`: each deployed service's URL (and its tagged revisions' URLs), one a line
/// on stdout, or one JSON document.
public struct URLsWorkflow: Sendable {
    public init() {}

    public struct Entry: Sendable, Encodable, Equatable {
        public var name: String
        /// The variable deploy writes the URL to: API_GATEWAY_URL …
        public var variable: String
        public var deployed: Bool
        /// The deterministic URL (`https://SERVICE-NUMBER.REGION.run.app`).
        public var url: String?
        /// Cloud Run's hash-based `uri`, which serves too.
        public var hashURL: String?
        public var ready: Bool?
        public var revision: String?
        /// The revisions that receive traffic, with their share.
        public var serving: [Share]?
        /// Tag → URL of tagged revisions (`candidate` after `deploy --no-traffic`).
        public var tags: [String: String]?
    }

    public struct Share: Sendable, Encodable, Equatable {
        public var revision: String
        public var percent: Int
    }

    /// Beside the envelope (`CommandDocument`), which names the environment, project and region.
    struct Document: Encodable {
        var services: [Entry]
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        let resourceContext = try await connector.resourceContext(for: context)
        let entries = try await withThrowingTaskGroup(of: (Int, Entry).self) { group in
            for (index, service) in environment.services.enumerated() {
                group.addTask {
                    let observed = try await CloudRunService(service, environment: environment).observe(in: resourceContext)
                    return (index, Self.entry(service.name, observed))
                }
            }
            var entries = [Entry?](repeating: nil, count: environment.services.count)
            for try await (index, entry) in group { entries[index] = entry }
            return entries.compactMap { $0 }
        }
        let reporter = context.reporter
        reporter.result(Document(services: entries)) {
            var rows: [(String, String)] = []
            for entry in entries {
                guard let url = entry.url else {
                    reporter.warning("\(entry.name) is not deployed in \(environment.region) (gcpctl deploy \(entry.name) --env=\(environment.shortName))")
                    continue
                }
                rows.append((entry.name, url))
                if let hashURL = entry.hashURL { rows.append((entry.name, hashURL)) }
                rows += (entry.tags ?? [:]).sorted { $0.key < $1.key }.map { ("\(entry.name):\($0.key)", $0.value) }
            }
            let width = rows.map(\.0.count).max() ?? 0
            for (name, url) in rows { reporter.line(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + url) }
        }
        return .success
    }

    static func entry(_ name: String, _ service: CloudRunAPI.Service?) -> Entry {
        var tags: [String: String] = [:]
        for status in service?.trafficStatuses ?? [] {
            if let tag = status.tag, let uri = status.uri { tags[tag] = uri }
        }
        return Entry(name: name, variable: ServiceURLs.variableName(for: name), deployed: service != nil,
                     url: service.flatMap { $0.deterministicURL ?? $0.uri }, hashURL: service?.hashURL, ready: service.map(\.isReady), revision: service?.latestReadyRevision,
                     serving: service.map { TrafficPlan.servingRevisions(of: $0).map { Share(revision: $0.revision, percent: $0.percent) } },
                     tags: tags.isEmpty ? nil : tags)
    }
}
