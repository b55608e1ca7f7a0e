import Foundation

/// Cloud Storage JSON API v1: buckets and objects. Bucket names are global.
public struct StorageAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct Bucket: Codable, Sendable, Equatable {
        public var name: String?
        public var location: String?
        public var locationType: String?
        public var storageClass: String?
        public var labels: [String: String]?
        public var lifecycle: Lifecycle?
        public var iamConfiguration: IAMConfiguration?
        public var versioning: Versioning?
        public var projectNumber: String?
        public var timeCreated: String?
        public var updated: String?
        public var metageneration: String?

        public init(name: String? = nil, location: String? = nil, storageClass: String? = nil, labels: [String: String]? = nil,
                    lifecycle: Lifecycle? = nil, iamConfiguration: IAMConfiguration? = nil, versioning: Versioning? = nil) {
            self.name = name
            self.location = location
            self.storageClass = storageClass
            self.labels = labels
            self.lifecycle = lifecycle
            self.iamConfiguration = iamConfiguration
            self.versioning = versioning
        }
    }

    public struct Lifecycle: Codable, Sendable, Equatable {
        public var rule: [Rule]?
        public init(rule: [Rule]?) { self.rule = rule }

        public struct Rule: Codable, Sendable, Equatable {
            public var action: Action
            public var condition: Condition
            public init(action: Action, condition: Condition) {
                self.action = action
                self.condition = condition
            }
        }

        public struct Action: Codable, Sendable, Equatable {
            public var type: String
            public var storageClass: String?
            public init(type: String, storageClass: String? = nil) {
                self.type = type
                self.storageClass = storageClass
            }
        }

        public struct Condition: Codable, Sendable, Equatable {
            public var age: Int?
            public var isLive: Bool?
            public var numNewerVersions: Int?
            public var matchesPrefix: [String]?
            public var matchesSuffix: [String]?
            public var matchesStorageClass: [String]?
            public var daysSinceNoncurrentTime: Int?
            public init(age: Int? = nil, isLive: Bool? = nil, numNewerVersions: Int? = nil, matchesPrefix: [String]? = nil,
                        matchesSuffix: [String]? = nil, matchesStorageClass: [String]? = nil, daysSinceNoncurrentTime: Int? = nil) {
                self.age = age
                self.isLive = isLive
                self.numNewerVersions = numNewerVersions
                self.matchesPrefix = matchesPrefix
                self.matchesSuffix = matchesSuffix
                self.matchesStorageClass = matchesStorageClass
                self.daysSinceNoncurrentTime = daysSinceNoncurrentTime
            }
        }
    }

    public struct IAMConfiguration: Codable, Sendable, Equatable {
        public var uniformBucketLevelAccess: Toggle?
        public var publicAccessPrevention: String?
        public init(uniformBucketLevelAccess: Toggle?, publicAccessPrevention: String? = nil) {
            self.uniformBucketLevelAccess = uniformBucketLevelAccess
            self.publicAccessPrevention = publicAccessPrevention
        }
    }

    public struct Toggle: Codable, Sendable, Equatable {
        public var enabled: Bool?
        public init(enabled: Bool?) { self.enabled = enabled }
    }

    public typealias Versioning = Toggle

    public struct Object: Codable, Sendable {
        public var name: String?
        public var bucket: String?
        public var size: String?
        public var generation: String?
        public var timeCreated: String?
        public var updated: String?
        public var timeDeleted: String?
        public var contentType: String?
        public var md5Hash: String?

        /// `size`, 0 when missing or unreadable (`ByteSizes`).
        public var byteCount: Int64 { ByteSizes.parse(size) ?? 0 }
    }

    public func bucket(_ name: String) async throws -> Bucket? {
        try await client.getIfExists(.storage, "storage/v1/b/\(name)")
    }

    public func buckets(project: String, prefix: String? = nil) async throws -> [Bucket] {
        struct Page: Decodable, Sendable { var items: [Bucket]?; var nextPageToken: String? }
        var query = [("project", project), ("maxResults", "1000")]
        if let prefix { query.append(("prefix", prefix)) }
        return try await client.listAll(GoogleCall(.get, .storage, "storage/v1/b", query: query),
                                        items: { (page: Page) in page.items ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    public func createBucket(project: String, _ bucket: Bucket) async throws -> CreateResult<Bucket> {
        try await client.create(GoogleCall(.post, .storage, "storage/v1/b", query: [("project", project)], json: bucket))
    }

    /// A patch sends only the fields it names; a field set to nil is left alone.
    /// `body` may carry nulls: a label set to null is removed.
    public func patchBucket(_ name: String, body: JSONValue) async throws -> Bucket {
        try await client.decode(GoogleCall(.patch, .storage, "storage/v1/b/\(name)", json: body))
    }

    public func deleteBucket(_ name: String) async throws {
        _ = try await client.delete(GoogleCall(.delete, .storage, "storage/v1/b/\(name)"), as: EmptyResponse.self)
    }

    /// The bucket's IAM policy (version 3); nil when the bucket does not exist.
    public func iamPolicy(bucket: String) async throws -> IAMPolicy? {
        try await client.getIfExists(.storage, "storage/v1/b/\(bucket)/iam",
                                     query: [("optionsRequestedPolicyVersion", "3")])
    }

    /// Writes a policy read moments ago (PUT …/iam); its etag refuses a concurrent change.
    public func setIAMPolicy(bucket: String, policy: IAMPolicy, retryAlso: [RetryPredicate] = []) async throws -> IAMPolicy {
        try await client.decode(GoogleCall(.put, .storage, "storage/v1/b/\(bucket)/iam", json: policy,
                                           retryAlso: retryAlso))
    }

    /// Every object, with noncurrent generations too when `versions` is set.
    public func objects(bucket: String, prefix: String? = nil, versions: Bool = false) async throws -> [Object] {
        struct Page: Decodable, Sendable { var items: [Object]?; var nextPageToken: String? }
        var query = [("maxResults", "1000")]
        if let prefix { query.append(("prefix", prefix)) }
        if versions { query.append(("versions", "true")) }
        // A bucket of uploads may hold millions of objects: ten times the usual page limit.
        return try await client.listAll(GoogleCall(.get, .storage, "storage/v1/b/\(bucket)/o", query: query),
                                        maxPages: GoogleCloudClient.maxPagesPerList * 10,
                                        items: { (page: Page) in page.items ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    public func deleteObject(bucket: String, name: String, generation: String? = nil) async throws {
        var query: [(String, String)] = []
        if let generation { query.append(("generation", generation)) }
        _ = try await client.delete(GoogleCall(.delete, .storage,
                                               "storage/v1/b/\(bucket)/o/\(name)",
                                               query: query), as: EmptyResponse.self)
    }

    /// An object's bytes from byte `offset` on (`alt=media` with `Range: bytes=OFFSET-`);
    /// empty when there are none past `offset` (416). `retried: false` makes one attempt,
    /// for a read worth doing only now (the next lines of a build's log).
    public func download(bucket: String, name: String, from offset: Int64 = 0, retried: Bool = true,
                         timeout: Duration? = nil) async throws -> Data {
        var call = GoogleCall(.get, .storage, "storage/v1/b/\(bucket)/o/\(name)",
                              query: [("alt", "media")], timeout: timeout)
        call.headers = [("Range", "bytes=\(offset)-")]
        call.isRetried = retried
        do {
            let response = try await client.send(call)
            // 200 is the whole object: the range was not honoured.
            return response.status == 206 ? response.body : Data(response.body.dropFirst(Int(offset)))
        } catch let error as GoogleAPIError where error.httpStatus == 416 {
            return Data()
        }
    }

    /// A media upload, or above `StorageResumableUpload.threshold` a resumable one;
    /// `ifGenerationMatch=0` when `createOnly`, so a repeat cannot overwrite what the first
    /// attempt wrote. A request carrying more than a MiB may take longer the more it carries.
    public func upload(bucket: String, name: String, data: Data, contentType: String, createOnly: Bool = false) async throws -> Object {
        if data.count > StorageResumableUpload.threshold {
            return try await StorageResumableUpload(client: client, bucket: bucket, name: name, data: data, contentType: contentType,
                                                    createOnly: createOnly).run()
        }
        var query = [("uploadType", "media"), ("name", name)]
        if createOnly { query.append(("ifGenerationMatch", "0")) }
        let call = GoogleCall(.post, .storage, "upload/storage/v1/b/\(bucket)/o", query: query,
                              body: data, contentType: contentType, idempotency: createOnly ? .createWithFixedName : .idempotent,
                              timeout: data.count > 1 << 20 ? StorageResumableUpload.timeout(forBytes: data.count) : nil)
        return try await client.decode(call)
    }
}
