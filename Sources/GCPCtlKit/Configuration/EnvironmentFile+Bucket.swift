extension EnvironmentFile {
    public struct Bucket: Codable, Equatable, Sendable {
        /// Globally unique; `{project}` and `{env}` are replaced.
        public var name: String
        /// The legacy .env variable that holds this bucket's name (GCS_BUCKET_UPLOADS).
        public var envVar: String?
        /// Defaults to the region, upper-cased (US-CENTRAL1).
        public var location: String?
        public var storageClass: String?
        public var versioning: Bool?
        /// Uniform bucket-level access; defaults to true.
        public var uniformAccess: Bool?
        public var labels: [String: String]?
        public var lifecycle: [LifecycleRule]?
    }

    /// One Object Lifecycle Management rule: an action and the conditions that trigger it.
    public struct LifecycleRule: Codable, Equatable, Sendable {
        /// `Delete` or `SetStorageClass`.
        public var action: String
        /// The target class of `SetStorageClass`.
        public var storageClass: String?
        public var age: Int?
        public var matchesPrefix: [String]?
        public var matchesSuffix: [String]?
        public var numNewerVersions: Int?
        public var isLive: Bool?
    }
}
