/// Pub/Sub v1: topics and subscriptions, and their IAM policies. Synchronous: every answer
/// is the resource itself. Creates are `PUT` with the name in the path, so a repeat after a
/// lost reply meets 409 and counts as done (`CreateResult.alreadyExisted`)
/// (https://cloud.google.com/pubsub/docs/reference/rest).
public struct PubSubAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct Topic: Codable, Sendable, Equatable {
        public var name: String?
        public var labels: [String: String]?
        /// A JSON Duration (`"86400s"`), 10 minutes to 31 days; none: retention is each subscription's.
        public var messageRetentionDuration: String?
        public var kmsKeyName: String?
        /// Output only: ACTIVE, INGESTION_RESOURCE_ERROR.
        public var state: String?

        public init(labels: [String: String]? = nil, messageRetentionDuration: String? = nil) {
            self.labels = labels
            self.messageRetentionDuration = messageRetentionDuration
        }

        /// The topic id, the last segment of `name`.
        public var id: String { name?.split(separator: "/").last.map(String.init) ?? "" }
    }

    /// `projects/P/topics/T`, as subscriptions, dead-letter policies and Scheduler name a topic.
    public static func topicName(project: String, id: String) -> String { "projects/\(project)/topics/\(id)" }

    /// The Pub/Sub service agent as an IAM member: it forwards dead-lettered messages and
    /// mints push subscriptions' OIDC tokens.
    public static func serviceAgent(projectNumber: String) -> String {
        "serviceAccount:service-\(projectNumber)@gcp-sa-pubsub.iam.gserviceaccount.com"
    }

    static func topicPath(_ project: String, _ id: String) -> APIPath { "v1/projects/\(project)/topics/\(id)" }

    public func topic(project: String, id: String) async throws -> Topic? {
        try await client.getIfExists(.pubsub, Self.topicPath(project, id))
    }

    public func topics(project: String) async throws -> [Topic] {
        struct Page: Decodable, Sendable { var topics: [Topic]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, .pubsub, "v1/projects/\(project)/topics", query: [("pageSize", "100")]),
                                        items: { (page: Page) in page.topics ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    /// The names (`projects/P/subscriptions/S`) of the subscriptions attached to a topic.
    public func topicSubscriptions(project: String, topic: String) async throws -> [String] {
        struct Page: Decodable, Sendable { var subscriptions: [String]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, .pubsub, Self.topicPath(project, topic) + "/subscriptions", query: [("pageSize", "100")]),
                                        items: { (page: Page) in page.subscriptions ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    public func createTopic(project: String, id: String, _ topic: Topic) async throws -> CreateResult<Topic> {
        try await client.create(GoogleCall(.put, .pubsub, Self.topicPath(project, id), json: topic))
    }

    /// Changes the fields `updateMask` names (`labels`, `messageRetentionDuration`) to
    /// `topic`'s values; a named field `topic` leaves out is cleared.
    public func patchTopic(project: String, id: String, _ topic: Topic, updateMask: [String]) async throws -> Topic {
        struct Request: Encodable { var topic: Topic; var updateMask: String }
        return try await client.decode(GoogleCall(.patch, .pubsub, Self.topicPath(project, id),
                                                  json: Request(topic: topic, updateMask: updateMask.joined(separator: ","))))
    }

    /// Deletes the topic (404 counts as done). Its subscriptions stay, detached: delete them first.
    public func deleteTopic(project: String, id: String) async throws {
        _ = try await client.delete(GoogleCall(.delete, .pubsub, Self.topicPath(project, id)), as: EmptyResponse.self)
    }
}
