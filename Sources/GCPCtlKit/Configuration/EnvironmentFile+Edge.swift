extension EnvironmentFile {
    /// `edge:`: an external HTTPS load balancer in front of the public services
    /// (docs/configuration.md). Absent: no edge, and the services take traffic on run.app.
    public struct Edge: Codable, Equatable, Sendable {
        /// The start of the edge's resource names (`digitwinlive-{env}` → `digitwinlive-prod-urlmap`).
        public var name: String?
        /// The domain the Google-managed certificate is for, and the URL map's host.
        public var domain: String
        /// The reserved global address; absent: `<name>-ip`.
        public var address: String?
        /// `default` → the service for every path no other route names; `/ws/*` → a service.
        public var routes: [String: String]
        /// Answer HTTP on port 80 with a redirect to HTTPS (default true).
        public var httpsRedirect: Bool?
        public var armor: Armor?

        /// The Cloud Armor policy on every backend service.
        public struct Armor: Codable, Equatable, Sendable {
            /// Absent: `<name>-armor`.
            public var policy: String?
            public var rateLimit: RateLimit?
            /// Preconfigured WAF rules (`xss-v33-stable`), each a deny(403) rule.
            public var waf: [String]?
            /// Source ranges always allowed (monitoring), before every other rule.
            public var allow: [String]?
        }

        /// Requests per client IP address in a window; beyond them, `exceed`.
        public struct RateLimit: Codable, Equatable, Sendable {
            public var count: Int
            public var intervalSec: Int
            /// deny(429) by default.
            public var exceed: String?
        }
    }
}
