/// Cloud Storage JSON API v1, buckets: global names, `?project=` on create and list,
/// metagenerations, and deletes refused while any object (or noncurrent version) remains.
enum StorageBucketsAPI {
    static let collection = "storage.buckets"

    static let handlers: [String: APIHandler] = [
        "storage.buckets.insert": insert,
        "storage.buckets.get": get,
        "storage.buckets.list": list,
        "storage.buckets.patch": { request, state in try update(request, &state, merge: true) },
        "storage.buckets.update": { request, state in try update(request, &state, merge: false) },
        "storage.buckets.delete": delete,
    ]

    /// Fields a client may set; everything else is Google's to fill in.
    static let writableFields: Set = [
        "acl", "autoclass", "billing", "cors", "customPlacementConfig", "defaultEventBasedHold", "defaultObjectAcl",
        "encryption", "hierarchicalNamespace", "iamConfiguration", "ipFilter", "labels", "lifecycle", "location",
        "logging", "objectRetention", "retentionPolicy", "rpo", "softDeletePolicy", "storageClass", "versioning", "website",
    ]

    /// The bucket and its project, or 404 as Cloud Storage answers.
    static func find(_ name: String, in state: EmulatorState) throws -> (project: String, bucket: JSONValue) {
        guard let (project, bucket) = state.findResource(collection, name) else {
            throw APIError.notFound("The specified bucket does not exist.")
        }
        return (project, bucket)
    }

    /// Google's naming rules, the ones a client can trip over.
    static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        let limit = name.contains(".") ? 222 : 63
        guard (3...limit).contains(bytes.count), let first = bytes.first, let last = bytes.last else { return false }
        func isAlphanumeric(_ byte: UInt8) -> Bool { (97...122).contains(byte) || (48...57).contains(byte) }
        guard isAlphanumeric(first), isAlphanumeric(last), !name.hasPrefix("goog"), !name.contains("google") else {
            return false
        }
        return bytes.allSatisfy { isAlphanumeric($0) || [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ".")].contains($0) }
    }

    private static func insert(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        guard let name = request.body["name"]?.stringValue else {
            throw APIError.invalidArgument("Required field 'name' is missing.", reason: "required")
        }
        guard isValidName(name) else { throw APIError.invalidArgument("Invalid bucket name: '\(name)'", reason: "invalid") }
        if let (owner, _) = state.findResource(collection, name) {
            throw APIError(
                code: 409, status: "ALREADY_EXISTS",
                message: owner == project
                    ? "Your previous request to create the named bucket succeeded and you already own it."
                    : "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
                reason: "conflict")
        }
        try checkLabels(request.body["labels"])
        var bucket = request.body.objectValue?.filter { writableFields.contains($0.key) } ?? [:]
        let location = (bucket["location"]?.stringValue ?? "US").uppercased()
        bucket["location"] = .string(location)
        bucket["locationType"] = .string(["US", "EU", "ASIA"].contains(location) ? "multi-region" : (location.contains("-") ? "region" : "dual-region"))
        bucket["storageClass"] = bucket["storageClass"] ?? "STANDARD"
        bucket["rpo"] = bucket["rpo"] ?? "DEFAULT"
        let uniform = request.body["iamConfiguration"]?["uniformBucketLevelAccess"]?["enabled"]?.boolValue ?? false
        bucket["iamConfiguration"] = (bucket["iamConfiguration"] ?? [:]).merging([
            "bucketPolicyOnly": ["enabled": .bool(uniform)],
            "uniformBucketLevelAccess": ["enabled": .bool(uniform)],
            "publicAccessPrevention": .string(request.body["iamConfiguration"]?["publicAccessPrevention"]?.stringValue ?? "inherited"),
        ])
        bucket["softDeletePolicy"] = bucket["softDeletePolicy"] ?? ["retentionDurationSeconds": "604800", "effectiveTime": .string(request.timestamp)]
        bucket.merge([
            "kind": "storage#bucket", "id": .string(name), "name": .string(name),
            "selfLink": .string("\(request.baseURL)/storage/storage/v1/b/\(name)"),
            "projectNumber": .string(state.projectNumber(project)), "metageneration": "1", "generation": "1",
            "timeCreated": .string(request.timestamp), "updated": .string(request.timestamp), "etag": "CAE=",
        ]) { _, google in google }
        state.setResource(project, collection, name, .object(bucket))
        return .resource(.object(bucket))
    }

    /// Labels: at most 64, lowercase keys and values.
    static func checkLabels(_ labels: JSONValue?) throws {
        guard let labels = labels?.objectValue else { return }
        guard labels.count <= 64 else { throw APIError.invalidArgument("A bucket may have at most 64 labels.", reason: "invalid") }
        for (key, value) in labels {
            let text = value.stringValue ?? ""
            guard !key.isEmpty, key == key.lowercased(), text == text.lowercased(), key.count <= 63, text.count <= 63 else {
                throw APIError.invalidArgument("Invalid label: \(key)=\(text). Keys and values must be lowercase.", reason: "invalid")
            }
        }
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (_, bucket) = try find(request.path("bucket"), in: state)
        try checkMetageneration(request, bucket)
        return .resource(bucket)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let buckets = state.resources(project, collection, prefix: request.query["prefix"] ?? "").map(\.value)
        let page = try request.page(buckets, defaultSize: 1000)
        return .resource(page.body("items", base: ["kind": "storage#buckets"]))
    }

    private static func update(_ request: APIRequest, _ state: inout EmulatorState, merge: Bool) throws -> HTTPResponseMessage {
        let name = request.path("bucket")
        let (project, bucket) = try find(name, in: state)
        try checkMetageneration(request, bucket)
        try checkLabels(request.body["labels"])
        let changes = JSONValue.object(request.body.objectValue?.filter { writableFields.contains($0.key) } ?? [:])
        var updated: JSONValue
        if merge {
            updated = bucket.merging(changes)
        } else {
            updated = .object(bucket.objectValue?.filter { !writableFields.contains($0.key) || $0.key == "location" } ?? [:])
            updated = updated.merging(changes)
        }
        if let uniform = request.body["iamConfiguration"]?["uniformBucketLevelAccess"]?["enabled"] {
            updated["iamConfiguration"] = (updated["iamConfiguration"] ?? [:]).merging(["bucketPolicyOnly": ["enabled": uniform]])
        }
        let metageneration = (bucket["metageneration"]?.intValue ?? 1) + 1
        updated["metageneration"] = .string(String(metageneration))
        updated["updated"] = .string(request.timestamp)
        updated["etag"] = .string(Base64.encode(Array("CA\(metageneration)".utf8)))
        state.setResource(project, collection, name, updated)
        return .resource(updated)
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let name = request.path("bucket")
        let (project, bucket) = try find(name, in: state)
        try checkMetageneration(request, bucket)
        guard state.resources(project, StorageObjectsAPI.collection, prefix: name + "/").isEmpty else {
            throw APIError(code: 409, status: "FAILED_PRECONDITION", message: "The bucket you tried to delete is not empty.", reason: "conflict")
        }
        state.removeResource(project, collection, name)
        state.removeResource(project, IAMPolicy.collection, StorageBucketIAM.key(name))
        return .noContent
    }

    private static func checkMetageneration(_ request: APIRequest, _ bucket: JSONValue) throws {
        let current = bucket["metageneration"]?.intValue ?? 1
        if let expected = request.query.int("ifMetagenerationMatch"), expected != current {
            throw APIError.preconditionFailed("At least one of the pre-conditions you specified did not hold.")
        }
        if let unexpected = request.query.int("ifMetagenerationNotMatch"), unexpected == current {
            throw APIError(code: 304, status: "NOT_MODIFIED", message: "Not Modified", reason: "notModified")
        }
    }
}
