extension EnvironmentFile {
    /// `pubsub:` — topics and their subscriptions. Absent: none (development declares none).
    public struct PubSub: Codable, Equatable, Sendable {
        public var topics: [PubSubTopic]?
        public var subscriptions: [PubSubSubscription]?
    }

    public struct PubSubTopic: Codable, Equatable, Sendable {
        /// `{env}` and `{project}` are replaced.
        public var name: String
        /// How long the topic keeps published messages (`10m` to `31d`); absent: not kept.
        public var messageRetention: String?
        public var labels: [String: String]?
    }

    public struct PubSubSubscription: Codable, Equatable, Sendable {
        public var name: String
        /// A topic declared under `pubsub.topics`.
        public var topic: String
        /// 10 to 600; absent: 10.
        public var ackDeadlineSeconds: Int?
        /// `10m` to `31d`; absent: 7 days.
        public var messageRetention: String?
        public var deadLetter: DeadLetter?
        public var retry: Retry?
        /// Absent: a pull subscription.
        public var push: Push?
        public var labels: [String: String]?
    }

    /// Messages not acknowledged after `maxDeliveryAttempts` go to `topic`.
    public struct DeadLetter: Codable, Equatable, Sendable {
        public var topic: String
        /// 5 to 100; absent: 5.
        public var maxDeliveryAttempts: Int?
    }

    /// Redelivery backoff, `0s` to `600s` each.
    public struct Retry: Codable, Equatable, Sendable {
        public var minimumBackoff: String?
        public var maximumBackoff: String?
    }

    /// Push to a declared Cloud Run service's URL, with an OIDC token of the runtime account.
    public struct Push: Codable, Equatable, Sendable {
        public var service: String
        /// Starts with `/`; absent: `/`.
        public var path: String?
    }
}
