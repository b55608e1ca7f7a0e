extension Environment {
    /// One Cloud Run service with every default applied.
    public struct Service: Codable, Equatable, Sendable {
        public var name: String
        /// The build context, relative to the config directory.
        public var source: String
        /// The Dockerfile, relative to `source`.
        public var dockerfile: String
        public var port: Int
        /// A Kubernetes quantity: 512Mi, 1Gi.
        public var memory: String
        /// "1", "2", "500m", "0.5".
        public var cpu: String
        public var minInstances: Int
        public var maxInstances: Int
        public var timeoutSeconds: Int
        /// Nil: Cloud Run's default (80).
        public var concurrency: Int?
        /// Whether allUsers may invoke the service (property 21).
        public var isPublic: Bool
        /// Whether the Cloud SQL instance is mounted (property 18).
        public var usesCloudSQL: Bool
        /// Plain environment variables, as declared.
        public var env: [String: String]
        /// ENV_NAME → Secret Manager secret id (property 17).
        public var secrets: [String: String]
    }
}
