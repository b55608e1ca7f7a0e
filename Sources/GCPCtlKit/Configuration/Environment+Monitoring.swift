extension Environment {
    /// The resolved `monitoring:` section: the checks and policies setup makes, named.
    public struct Monitoring: Codable, Equatable, Sendable {
        /// The email notification channel's address.
        public var email: String?
        public var uptimeChecks: [UptimeCheck]
        public var alertPolicies: [AlertPolicy]
        /// The environment's labels: every check, policy and channel carries them.
        public var labels: [String: String]

        /// A check of one service's health path, from Google's checker locations.
        public struct UptimeCheck: Codable, Equatable, Sendable {
            /// The display name, which is how gcpctl finds it: `api-gateway-health-prod`.
            public var name: String
            public var service: String
            /// The edge's domain when the environment has one, else the service's run.app host.
            public var host: Host
            /// `/health`, after the service's route prefix on the edge (`/ws/health`).
            public var path: String
            public var periodSeconds: Int
            public var timeoutSeconds: Int
        }

        public enum Host: Codable, Equatable, Sendable {
            /// The service's own `…run.app` host, which needs the project number to write.
            case runApp
            case domain(String)
        }

        public struct AlertPolicy: Codable, Equatable, Sendable {
            /// The display name, which is how gcpctl finds it: `api-gateway-uptime-prod`.
            public var name: String
            public var condition: Condition
        }

        public enum Condition: Codable, Equatable, Sendable {
            /// The named uptime check fails from more than one location.
            case uptime(check: String, service: String)
            /// The service's 5xx answers exceed this share of its requests.
            case errorRatio(service: String, threshold: Double)
            case sqlCPU(instance: String, threshold: Double)
            case sqlDisk(instance: String, threshold: Double)
        }
    }
}
