extension Environment {
    public struct ArtifactRegistry: Codable, Equatable, Sendable {
        public var repository: String
        public var description: String
        public var location: String
        public var format = "DOCKER"

        /// `us-central1-docker.pkg.dev/my-project/digitwinlive`: prefix of image names.
        public func imagePrefix(project: String) -> String {
            "\(location)-docker.pkg.dev/\(project)/\(repository)"
        }
    }

    public struct Bucket: Codable, Equatable, Sendable {
        public var name: String
        public var envVar: String?
        /// Upper case, as Cloud Storage reports it: US-CENTRAL1.
        public var location: String
        public var storageClass: String
        public var versioning: Bool
        public var uniformAccess: Bool
        /// The environment's labels merged with the bucket's own.
        public var labels: [String: String]
        public var lifecycle: [LifecycleRule]
    }

    public struct LifecycleRule: Codable, Equatable, Sendable {
        /// `Delete` or `SetStorageClass`.
        public var action: String
        public var storageClass: String?
        public var age: Int?
        public var matchesPrefix: [String]
        public var matchesSuffix: [String]
        public var numNewerVersions: Int?
        public var isLive: Bool?
    }

    public struct ServiceAccount: Codable, Equatable, Sendable {
        public var id: String
        public var displayName: String
        /// `roles/cloudsql.client` …, granted on the project.
        public var roles: [String]
        /// `digitwinlive-sa@my-project.iam.gserviceaccount.com`.
        public var email: String
    }

    public struct Secret: Codable, Equatable, Sendable {
        public var id: String
        /// The environment's labels merged with the secret's own.
        public var labels: [String: String]
    }
}
