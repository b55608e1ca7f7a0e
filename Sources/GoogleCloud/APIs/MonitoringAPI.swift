/// Cloud Monitoring v3: the project's alert policies (status counts them).
public struct MonitoringAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct AlertPolicy: Codable, Sendable {
        public var name: String?
        public var displayName: String?
        public var enabled: Bool?
        public var severity: String?
        public var userLabels: [String: String]?
    }

    public func alertPolicies(project: String) async throws -> [AlertPolicy] {
        struct Page: Decodable, Sendable { var alertPolicies: [AlertPolicy]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, .monitoring, "v3/projects/\(project)/alertPolicies", query: [("pageSize", "1000")]),
                                        items: { (page: Page) in page.alertPolicies ?? [] }, nextPageToken: { $0.nextPageToken })
    }
}
