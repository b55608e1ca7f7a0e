/// Pub/Sub v1 subscriptions (https://cloud.google.com/pubsub/docs/reference/rest/v1/projects.subscriptions).
extension PubSubAPI {
    public struct Subscription: Codable, Sendable, Equatable {
        public var name: String?
        /// `projects/P/topics/T`; `_deleted-topic_` once the topic was deleted. Fixed at creation.
        public var topic: String?
        public var labels: [String: String]?
        /// 10 to 600 seconds (Google answers 10 when none was given).
        public var ackDeadlineSeconds: Int?
        /// A JSON Duration, 10 minutes to 31 days (Google answers 7 days when none was given).
        public var messageRetentionDuration: String?
        public var retainAckedMessages: Bool?
        /// None: Google's default, expiry after 31 days without activity; `.never`: never expires.
        public var expirationPolicy: ExpirationPolicy?
        public var deadLetterPolicy: DeadLetterPolicy?
        public var retryPolicy: RetryPolicy?
        /// None (or no endpoint): a pull subscription.
        public var pushConfig: PushConfig?
        public var enableMessageOrdering: Bool?
        public var filter: String?
        /// Output only: ACTIVE, RESOURCE_ERROR.
        public var state: String?

        public init(topic: String, labels: [String: String]? = nil, ackDeadlineSeconds: Int? = nil,
                    messageRetentionDuration: String? = nil, expirationPolicy: ExpirationPolicy? = nil,
                    deadLetterPolicy: DeadLetterPolicy? = nil, retryPolicy: RetryPolicy? = nil, pushConfig: PushConfig? = nil) {
            self.topic = topic
            self.labels = labels
            self.ackDeadlineSeconds = ackDeadlineSeconds
            self.messageRetentionDuration = messageRetentionDuration
            self.expirationPolicy = expirationPolicy
            self.deadLetterPolicy = deadLetterPolicy
            self.retryPolicy = retryPolicy
            self.pushConfig = pushConfig
        }

        /// The subscription id, the last segment of `name`.
        public var id: String { name?.split(separator: "/").last.map(String.init) ?? "" }
        /// The endpoint messages are pushed to; nil for a pull subscription.
        public var pushEndpoint: String? { pushConfig?.pushEndpoint.flatMap { $0.isEmpty ? nil : $0 } }
    }

    public struct ExpirationPolicy: Codable, Sendable, Equatable {
        /// A JSON Duration, at least 1 day; nil: never expires.
        public var ttl: String?
        public init(ttl: String?) { self.ttl = ttl }
        /// `{}`: the subscription never expires (an empty `ttl` string is not a Duration).
        public static let never = ExpirationPolicy(ttl: nil)
    }

    public struct DeadLetterPolicy: Codable, Sendable, Equatable {
        /// `projects/P/topics/T`; it must exist.
        public var deadLetterTopic: String?
        /// 5 to 100 (Google answers 5 when none was given).
        public var maxDeliveryAttempts: Int?
        public init(deadLetterTopic: String, maxDeliveryAttempts: Int? = nil) {
            self.deadLetterTopic = deadLetterTopic
            self.maxDeliveryAttempts = maxDeliveryAttempts
        }
    }

    public struct RetryPolicy: Codable, Sendable, Equatable {
        /// JSON Durations, 0 to 600 s (Google answers 10s and 600s for those not given).
        public var minimumBackoff: String?
        public var maximumBackoff: String?
        public init(minimumBackoff: String?, maximumBackoff: String?) {
            self.minimumBackoff = minimumBackoff
            self.maximumBackoff = maximumBackoff
        }
    }

    public struct PushConfig: Codable, Sendable, Equatable {
        /// An https URL.
        public var pushEndpoint: String?
        public var oidcToken: OIDCToken?
        /// Google adds `x-goog-version: v1`.
        public var attributes: [String: String]?
        public init(pushEndpoint: String, oidcToken: OIDCToken? = nil) {
            self.pushEndpoint = pushEndpoint
            self.oidcToken = oidcToken
        }
    }

    public struct OIDCToken: Codable, Sendable, Equatable {
        public var serviceAccountEmail: String?
        /// None: the push endpoint.
        public var audience: String?
        public init(serviceAccountEmail: String, audience: String? = nil) {
            self.serviceAccountEmail = serviceAccountEmail
            self.audience = audience
        }
    }

    static func subscriptionPath(_ project: String, _ id: String) -> APIPath { "v1/projects/\(project)/subscriptions/\(id)" }

    public func subscription(project: String, id: String) async throws -> Subscription? {
        try await client.getIfExists(.pubsub, Self.subscriptionPath(project, id))
    }

    public func subscriptions(project: String) async throws -> [Subscription] {
        struct Page: Decodable, Sendable { var subscriptions: [Subscription]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, .pubsub, "v1/projects/\(project)/subscriptions", query: [("pageSize", "100")]),
                                        items: { (page: Page) in page.subscriptions ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    /// 404 (`GoogleAPIError.isNotFound`) when the topic or the dead-letter topic does not exist.
    public func createSubscription(project: String, id: String, _ subscription: Subscription) async throws -> CreateResult<Subscription> {
        try await client.create(GoogleCall(.put, .pubsub, Self.subscriptionPath(project, id), json: subscription))
    }

    /// Changes the fields `updateMask` names (`ackDeadlineSeconds`, `pushConfig`,
    /// `deadLetterPolicy`, …) to `subscription`'s values; a named field left out is cleared.
    /// `topic`, `filter` and `enableMessageOrdering` cannot change (400).
    public func patchSubscription(project: String, id: String, _ subscription: Subscription, updateMask: [String]) async throws -> Subscription {
        struct Request: Encodable { var subscription: Subscription; var updateMask: String }
        var body = subscription
        body.topic = nil
        return try await client.decode(GoogleCall(.patch, .pubsub, Self.subscriptionPath(project, id),
                                                  json: Request(subscription: body, updateMask: updateMask.joined(separator: ","))))
    }

    /// Deletes the subscription (404 counts as done); its backlog goes with it.
    public func deleteSubscription(project: String, id: String) async throws {
        _ = try await client.delete(GoogleCall(.delete, .pubsub, Self.subscriptionPath(project, id)), as: EmptyResponse.self)
    }
}
