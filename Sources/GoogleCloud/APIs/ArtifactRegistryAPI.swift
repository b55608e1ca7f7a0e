/// Artifact Registry v1: the Docker repository images are pushed to.
public struct ArtifactRegistryAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct Repository: Codable, Sendable {
        public var name: String?
        public var format: String?
        public var description: String?
        public var labels: [String: String]?
        public var createTime: String?
        public var sizeBytes: String?

        public init(format: String?, description: String?, labels: [String: String]?) {
            self.format = format
            self.description = description
            self.labels = labels
        }
    }

    public struct DockerImage: Codable, Sendable {
        public var name: String?
        public var uri: String?
        public var tags: [String]?
        public var imageSizeBytes: String?
        public var uploadTime: String?
    }

    func path(_ project: String, _ location: String, _ id: String) -> APIPath {
        "v1/projects/\(project)/locations/\(location)/repositories/\(id)"
    }

    /// `us-central1-docker.pkg.dev/PROJECT/REPOSITORY`: where images of this repository live.
    public static func dockerHost(project: String, location: String, repository: String) -> String {
        "\(location)-docker.pkg.dev/\(project)/\(repository)"
    }

    /// The repository's IAM policy; nil when the repository does not exist.
    public func iamPolicy(project: String, location: String, repository: String) async throws -> IAMPolicy? {
        try await client.getIfExists(.artifactRegistry, path(project, location, repository) + ":getIamPolicy",
                                     query: [("options.requestedPolicyVersion", "3")])
    }

    public func setIAMPolicy(project: String, location: String, repository: String, policy: IAMPolicy,
                             retryAlso: [RetryPredicate] = []) async throws -> IAMPolicy {
        struct Request: Encodable { var policy: IAMPolicy }
        return try await client.decode(GoogleCall(.post, .artifactRegistry, path(project, location, repository) + ":setIamPolicy",
                                                  json: Request(policy: policy), idempotency: .idempotent, retryAlso: retryAlso))
    }

    public func repository(project: String, location: String, id: String) async throws -> Repository? {
        try await client.getIfExists(.artifactRegistry, path(project, location, id))
    }

    public func repositories(project: String, location: String) async throws -> [Repository] {
        struct Page: Decodable, Sendable { var repositories: [Repository]?; var nextPageToken: String? }
        return try await client.listAll(
            GoogleCall(.get, .artifactRegistry, "v1/projects/\(project)/locations/\(location)/repositories", query: [("pageSize", "1000")]),
            items: { (page: Page) in page.repositories ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    public func createRepository(project: String, location: String, id: String, description: String?,
                                 labels: [String: String]) async throws -> CreateResult<LongRunningOperation> {
        try await client.create(GoogleCall(.post, .artifactRegistry, "v1/projects/\(project)/locations/\(location)/repositories",
                                           query: [("repositoryId", id)],
                                           json: Repository(format: "DOCKER", description: description, labels: labels)))
    }

    /// Changes the labels, and the description unless it is nil.
    public func patchRepository(project: String, location: String, id: String, description: String?,
                                labels: [String: String]) async throws -> Repository {
        try await client.decode(GoogleCall(.patch, .artifactRegistry, path(project, location, id),
                                           query: [("updateMask", description == nil ? "labels" : "description,labels")],
                                           json: Repository(format: nil, description: description, labels: labels)))
    }

    public func deleteRepository(project: String, location: String, id: String) async throws -> LongRunningOperation? {
        try await client.delete(GoogleCall(.delete, .artifactRegistry, path(project, location, id)))
    }

    public func dockerImages(project: String, location: String, repository: String) async throws -> [DockerImage] {
        struct Page: Decodable, Sendable { var dockerImages: [DockerImage]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, .artifactRegistry, path(project, location, repository) + "/dockerImages",
                                                   query: [("pageSize", "1000")]),
                                        items: { (page: Page) in page.dockerImages ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    public func waitFor(_ operation: LongRunningOperation, what: String, poller: OperationPoller,
                        progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws {
        _ = try await client.wait(for: operation, api: .artifactRegistry, version: "v1", what: what,
                                  timeout: .seconds(300), poller: poller, progress: progress)
    }
}
