extension Environment {
    /// The Cloud Scheduler jobs the environment declares, names expanded.
    public struct SchedulerJob: Codable, Equatable, Sendable {
        public var name: String
        public var schedule: String
        public var timeZone: String
        public var target: Target
        public var retry: Retry

        public enum Target: Codable, Equatable, Sendable {
            case http(service: String, path: String, method: String)
            case pubsub(topic: String, data: String)
            /// Neither or both were written: the validator reports it, so nothing plans one.
            case unclear
        }

        public struct Retry: Codable, Equatable, Sendable {
            public var count: Int
            public var minBackoffSeconds: Int
            public var maxBackoffSeconds: Int
        }
    }
}
