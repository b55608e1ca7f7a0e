import Foundation

/// Compute Engine v1 (`compute/v1/…` under https://compute.googleapis.com/): the parts
/// private networking uses. Every change answers a `ComputeOperation`; references between
/// resources are URLs, which Google answers in full
/// (`https://www.googleapis.com/compute/v1/projects/P/global/networks/N`) and accepts full
/// or partial; `Reference.normalized` compares them. Networks, subnets, NEGs, backend
/// services, URL maps, proxies and certificates have no labels: gcpctl marks what it made
/// with its `description`.
public struct ComputeAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    /// Compute's names: RFC 1035, `[a-z]([-a-z0-9]{0,61}[a-z0-9])?`.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, (1...63).contains(bytes.count), (97...122).contains(first), bytes.last != UInt8(ascii: "-")
        else { return false }
        return bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
    }

    /// References as Compute answers and takes them.
    public enum Reference {
        /// The part of a reference from `projects/` on, so that a full URL Google answers and
        /// the partial one gcpctl sends compare equal.
        public static func normalized(_ reference: String) -> String {
            guard let range = reference.range(of: "projects/") else { return reference }
            return String(reference[range.lowerBound...])
        }

        /// The last segment: the resource's name.
        public static func name(_ reference: String) -> String {
            reference.split(separator: "/").last.map(String.init) ?? reference
        }

        public static func network(project: String, name: String) -> String { "projects/\(project)/global/networks/\(name)" }
    }

    func path(_ project: String, _ rest: APIPath) -> APIPath { "compute/v1/projects/\(project)/" + rest }

    /// Insert with a fresh `requestId`, so that the client's own retry of this call is
    /// recognised by Google as the same insert (remembered 60 minutes) instead of a second one.
    func insert(_ path: APIPath, _ body: some Encodable) async throws -> CreateResult<ComputeOperation> {
        try await client.create(GoogleCall(.post, .compute, path, query: [("requestId", UUID().uuidString.lowercased())], json: body))
    }

    /// A change of an existing resource (patch, setLabels, removePeering), answered by its operation.
    func change(_ method: HTTPMethod, _ path: APIPath, _ body: some Encodable) async throws -> ComputeOperation {
        try await client.decode(GoogleCall(method, .compute, path, query: [("requestId", UUID().uuidString.lowercased())], json: body, idempotency: .idempotent))
    }

    /// Starts a delete; nil when it was already gone (404).
    func remove(_ path: APIPath) async throws -> ComputeOperation? {
        try await client.delete(GoogleCall(.delete, .compute, path, query: [("requestId", UUID().uuidString.lowercased())]))
    }

    /// Every item of a list, page by page.
    func list<Item: Decodable & Sendable>(_ path: APIPath, filter: String? = nil, as: Item.Type = Item.self) async throws -> [Item] {
        var query = [("maxResults", "500")]
        if let filter { query.append(("filter", filter)) }
        return try await client.listAll(
            GoogleCall(.get, .compute, path, query: query),
            items: { (page: ComputeListPage<Item>) in page.items ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    /// Waits for an operation; throws `OperationError.failed` with Compute's reason.
    public func waitFor(_ operation: ComputeOperation, project: String, what: String, poller: OperationPoller,
                        progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws {
        try await client.wait(for: operation, project: project, what: what, timeout: .seconds(600), poller: poller, progress: progress)
    }

    /// Waits for an operation and returns how it ended (a delete that failed because the
    /// resource is still in use is for the caller to explain).
    public func finished(_ operation: ComputeOperation, project: String, what: String, poller: OperationPoller,
                         progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws -> ComputeOperation {
        try await client.finished(operation, project: project, what: what, timeout: .seconds(600), poller: poller, progress: progress)
    }
}

/// One page of a Compute list (`compute#networkList`, …).
struct ComputeListPage<Item: Decodable & Sendable>: Decodable, Sendable {
    var items: [Item]?
    var nextPageToken: String?
}
