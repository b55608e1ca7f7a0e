extension EnvironmentFile {
    /// `monitoring:`: an uptime check on each public service's `/health`, alert policies on
    /// them, on each service's share of 5xx answers and on Cloud SQL's CPU and disk, and the
    /// email address the alerts go to (docs/configuration.md). Absent: none of it.
    public struct Monitoring: Codable, Equatable, Sendable {
        /// Where alerts are sent (an email notification channel); absent: incidents are only
        /// shown in the console.
        public var email: String?
        public var uptimeChecks: UptimeChecks?
        /// The alert policies to make; absent: all four at their defaults. Present: only the
        /// keys written.
        public var alerts: Alerts?
    }

    public struct UptimeChecks: Codable, Equatable, Sendable {
        /// 60s, 5m, 10m or 15m; absent: 60s.
        public var period: String?
        /// 1s to 60s; absent: 10s.
        public var timeout: String?
        /// The path each check asks for; absent: `/health`.
        public var path: String?
    }

    public struct Alerts: Codable, Equatable, Sendable {
        /// A policy per uptime check: failing from more than one checker location.
        public var uptime: Bool?
        /// A policy per service: 5xx answers above this share of requests for 5 minutes.
        public var errorRatio: Double?
        /// Cloud SQL CPU utilisation above this (0 to 1) for 5 minutes.
        public var sqlCpu: Double?
        /// Cloud SQL disk utilisation above this (0 to 1) for 5 minutes.
        public var sqlDisk: Double?
    }
}
