/// Cloud Logging v2: reading log entries (`entries.list`, POST v2/entries:list).
public struct LoggingAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct ListRequest: Codable, Sendable {
        public var resourceNames: [String]
        public var filter: String
        /// `timestamp asc` (oldest first) or `timestamp desc`.
        public var orderBy: String
        public var pageSize: Int
        public var pageToken: String?

        public init(project: String, filter: String, orderBy: String, pageSize: Int, pageToken: String? = nil) {
            resourceNames = ["projects/\(project)"]
            self.filter = filter
            self.orderBy = orderBy
            self.pageSize = pageSize
            self.pageToken = pageToken
        }
    }

    /// An entry as Logging answers it: kept whole (`--format json` prints it as it came),
    /// with accessors for what the text form shows.
    public struct Entry: Codable, Sendable {
        public var json: JSONValue

        public init(from decoder: any Decoder) throws { json = try JSONValue(from: decoder) }
        public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }

        public var timestamp: String? { json["timestamp"]?.stringValue }
        public var insertId: String? { json["insertId"]?.stringValue }
        public var severity: String? { json["severity"]?.stringValue }
        public func resourceLabel(_ key: String) -> String? { json["resource"]?["labels"]?[key]?.stringValue }
    }

    public struct Page: Decodable, Sendable {
        public var entries: [Entry]?
        public var nextPageToken: String?
    }

    /// One page. A read: sent again after a lost answer.
    public func list(_ request: ListRequest) async throws -> Page {
        try await client.decode(GoogleCall(.post, .logging, "v2/entries:list", json: request, idempotency: .idempotent))
    }

    /// Up to `limit` entries, following pages.
    public func entries(_ request: ListRequest, limit: Int) async throws -> [Entry] {
        var request = request
        var entries: [Entry] = []
        while entries.count < limit {
            request.pageSize = min(1000, limit - entries.count)
            let page = try await list(request)
            entries += page.entries ?? []
            guard let token = page.nextPageToken, !token.isEmpty else { break }
            request.pageToken = token
        }
        return Array(entries.prefix(limit))
    }
}
