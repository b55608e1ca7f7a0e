extension EnvironmentFile {
    /// One Cloud Run service, built from `source` with `dockerfile` and deployed with these
    /// limits. Defaults are the bash scripts' (512Mi, 1 CPU, 0-10 instances, 300 s).
    public struct Service: Codable, Equatable, Sendable {
        /// The build context directory, relative to the config directory.
        public var source: String
        public var dockerfile: String?
        public var port: Int?
        public var memory: String?
        public var cpu: String?
        public var minInstances: Int?
        public var maxInstances: Int?
        public var timeoutSeconds: Int?
        public var concurrency: Int?
        /// Whether allUsers may invoke the service.
        public var `public`: Bool?
        /// Whether the service connects to the Cloud SQL instance over its Unix socket.
        public var cloudSQL: Bool?
        public var env: [String: String]?
        /// ENV_NAME → Secret Manager secret id, mounted as the latest version.
        public var secrets: [String: String]?
    }
}
