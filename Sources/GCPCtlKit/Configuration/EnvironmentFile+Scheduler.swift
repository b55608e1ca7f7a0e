extension EnvironmentFile {
    /// `scheduler:` — Cloud Scheduler jobs in the environment's region. Absent: none.
    public struct Scheduler: Codable, Equatable, Sendable {
        public var jobs: [SchedulerJob]?
    }

    public struct SchedulerJob: Codable, Equatable, Sendable {
        public var name: String
        /// unix-cron, five fields: `0 3 * * *`.
        public var schedule: String
        /// A tz database name; absent: `Etc/UTC`.
        public var timeZone: String?
        /// Calls a declared service's URL with an OIDC token of the runtime account…
        public var http: HTTPTarget?
        /// …or publishes to a declared topic: exactly one of the two.
        public var pubsub: PubSubTarget?
        public var retry: SchedulerRetry?
    }

    public struct HTTPTarget: Codable, Equatable, Sendable {
        public var service: String
        /// Starts with `/`; absent: `/`.
        public var path: String?
        /// POST, GET, PUT, PATCH, DELETE; absent: POST.
        public var method: String?
    }

    public struct PubSubTarget: Codable, Equatable, Sendable {
        public var topic: String
        /// The message's text; absent: `{}`.
        public var data: String?
    }

    public struct SchedulerRetry: Codable, Equatable, Sendable {
        /// 0 to 5; absent: 0.
        public var count: Int?
        /// Durations; absent: 5s and 1h.
        public var minBackoff: String?
        public var maxBackoff: String?
    }
}
