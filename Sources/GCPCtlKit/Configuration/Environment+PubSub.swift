extension Environment {
    /// The topics and subscriptions the environment declares, names expanded, labels merged.
    public struct PubSub: Codable, Equatable, Sendable {
        public var topics: [PubSubTopic]
        public var subscriptions: [PubSubSubscription]

        public func topic(named name: String) -> PubSubTopic? { topics.first { $0.name == name } }
    }

    public struct PubSubTopic: Codable, Equatable, Sendable {
        public var name: String
        /// Seconds; nil: the topic keeps no messages.
        public var retentionSeconds: Int?
        public var labels: [String: String]
    }

    public struct PubSubSubscription: Codable, Equatable, Sendable {
        public var name: String
        public var topic: String
        public var ackDeadlineSeconds: Int
        public var retentionSeconds: Int
        public var deadLetter: DeadLetter?
        public var retry: Retry?
        public var push: Push?
        public var labels: [String: String]

        public struct DeadLetter: Codable, Equatable, Sendable {
            public var topic: String
            public var maxDeliveryAttempts: Int
        }

        public struct Retry: Codable, Equatable, Sendable {
            public var minimumBackoffSeconds: Int
            public var maximumBackoffSeconds: Int
        }

        public struct Push: Codable, Equatable, Sendable {
            public var service: String
            public var path: String
        }
    }

    /// What Google answers when none is given.
    public static let defaultAckDeadlineSeconds = 10
    public static let defaultSubscriptionRetentionSeconds = 7 * 86_400
    public static let defaultMaxDeliveryAttempts = 5
}
