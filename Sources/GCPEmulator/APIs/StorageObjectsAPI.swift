import Foundation

/// Cloud Storage JSON API v1, objects: uploads (`uploadType=media` and `multipart`),
/// generations and preconditions, versioned buckets keeping noncurrent versions.
///
/// Objects are kept under `BUCKET/OBJECT#GENERATION` in the bucket's project, their bytes
/// base64 in `@data`, `@live` false for noncurrent versions.
enum StorageObjectsAPI {
    static let collection = "storage.objects"

    static let handlers: [String: APIHandler] = [
        "storage.objects.insert": insert,
        "storage.objects.get": get,
        "storage.objects.list": list,
        "storage.objects.delete": delete,
    ]

    static let writableFields: Set = [
        "name", "contentType", "metadata", "cacheControl", "contentDisposition", "contentEncoding", "contentLanguage",
        "storageClass", "md5Hash", "crc32c", "customTime", "temporaryHold", "eventBasedHold",
    ]

    static func key(bucket: String, name: String, generation: Int) -> String {
        let digits = String(generation)
        return "\(bucket)/\(name)#" + String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    /// All versions of an object, oldest first.
    private static func versions(bucket: String, name: String, project: String, state: EmulatorState) -> [(key: String, value: JSONValue)] {
        state.resources(project, collection, prefix: "\(bucket)/\(name)#").map { ($0.name, $0.value) }
    }

    static func live(bucket: String, name: String, project: String, state: EmulatorState) -> (key: String, value: JSONValue)? {
        versions(bucket: bucket, name: name, project: project, state: state).last { $0.value["@live"] == true }
    }

    private static func insert(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let bucketName = request.path("bucket")
        let (project, bucket) = try StorageBucketsAPI.find(bucketName, in: state)
        var metadata: JSONValue = [:]
        var data: [UInt8] = []
        let contentType = request.header("Content-Type") ?? "application/octet-stream"
        switch (request.route.isMediaUpload, request.query["uploadType"]) {
        case (true, "media"):
            data = request.rawBody
            metadata["contentType"] = .string(contentType)
        case (true, "multipart"):
            guard let multipart = MultipartBody(contentType: contentType, body: request.rawBody), multipart.parts.count == 2,
                let json = try? JSONValue.parse(multipart.parts[0].body)
            else { throw APIError.invalidArgument("Invalid multipart request body.", reason: "invalid") }
            try BodyValidator(schemas: request.route.document.schemas).validate(json, schemaNamed: "Object")
            metadata = json
            data = multipart.parts[1].body
            if metadata["contentType"] == nil {
                metadata["contentType"] = .string(multipart.parts[1].headers["content-type"] ?? "application/octet-stream")
            }
        case (true, "resumable"):
            return try StorageResumableUploads.start(request, bucket: bucketName, project: project, state: &state)
        case (true, let other):
            throw APIError.unimplemented("uploadType=\(other ?? "(none)") is not supported by the emulator; use media, multipart or resumable.")
        case (false, _):
            metadata = request.body
        }
        guard let name = request.query["name"] ?? metadata["name"]?.stringValue, !name.isEmpty else {
            throw APIError.invalidArgument("Required parameter: name", reason: "required")
        }
        let object = try write(
            name: name, in: (bucketName, bucket), project: project, data: data, metadata: metadata,
            preconditions: (request.query.int("ifGenerationMatch"), request.query.int("ifGenerationNotMatch")),
            baseURL: request.baseURL, now: request.now, state: &state)
        return .resource(object)
    }

    /// Stores `data` as the live version of `name` (the live one before becomes noncurrent in
    /// a versioned bucket, else goes), after the generation preconditions and the MD5 a
    /// client may claim; answers the new version.
    static func write(
        name: String, in bucketEntry: (name: String, value: JSONValue), project: String, data: [UInt8], metadata: JSONValue,
        preconditions: (ifGenerationMatch: Int?, ifGenerationNotMatch: Int?), baseURL: String, now: Date, state: inout EmulatorState
    ) throws -> JSONValue {
        let (bucketName, bucket) = bucketEntry
        let timestamp = RFC3339.format(now)
        let current = live(bucket: bucketName, name: name, project: project, state: state)
        let currentGeneration = current?.value["generation"]?.intValue ?? 0
        if let expected = preconditions.ifGenerationMatch, expected != currentGeneration {
            throw APIError.preconditionFailed("At least one of the pre-conditions you specified did not hold.")
        }
        if let unexpected = preconditions.ifGenerationNotMatch, unexpected == currentGeneration {
            throw APIError.preconditionFailed("At least one of the pre-conditions you specified did not hold.")
        }
        let generation = max(Int(now.timeIntervalSince1970 * 1_000_000), currentGeneration + 1)
        let object = newVersion(
            name: name, in: (bucketName, bucket), data: data, generation: generation,
            metadata: .object(metadata.objectValue?.filter { writableFields.contains($0.key) } ?? [:]), baseURL: baseURL, timestamp: timestamp)
        let md5 = object["md5Hash"]?.stringValue ?? ""
        if let claimed = metadata["md5Hash"]?.stringValue, claimed != md5 {
            throw APIError.invalidArgument("Provided MD5 hash \"\(claimed)\" doesn't match calculated MD5 hash \"\(md5)\".", reason: "invalid")
        }
        if let current {
            retire(current, keepVersion: bucket["versioning"]?["enabled"] == true, project: project, timestamp: timestamp, state: &state)
        }
        state.setResource(project, collection, key(bucket: bucketName, name: name, generation: generation), object)
        return object
    }

    /// A live version of `name` holding `data`, with the fields Google fills in added to
    /// `metadata` (what the client may set).
    static func newVersion(name: String, in bucket: (name: String, value: JSONValue), data: [UInt8], generation: Int,
                           metadata: JSONValue, request: APIRequest) -> JSONValue {
        newVersion(name: name, in: bucket, data: data, generation: generation, metadata: metadata, baseURL: request.baseURL,
                   timestamp: request.timestamp)
    }

    static func newVersion(name: String, in bucket: (name: String, value: JSONValue), data: [UInt8], generation: Int,
                           metadata: JSONValue, baseURL: String, timestamp: String) -> JSONValue {
        let encodedName = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        let link = "\(baseURL)/storage/storage/v1/b/\(bucket.name)/o/\(encodedName)"
        return metadata.merging([
            "kind": "storage#object", "name": .string(name), "bucket": .string(bucket.name),
            "id": .string("\(bucket.name)/\(name)/\(generation)"),
            "selfLink": .string(link), "mediaLink": .string("\(link)?generation=\(generation)&alt=media"),
            "generation": .string(String(generation)), "metageneration": "1",
            "storageClass": bucket.value["storageClass"] ?? "STANDARD", "size": .string(String(data.count)),
            "md5Hash": .string(Base64.encode(Checksums.md5(data))), "crc32c": .string(Checksums.crc32cBase64(data)),
            "etag": .string(Base64.encode(Array("gen-\(generation)".utf8))), "timeCreated": .string(timestamp),
            "updated": .string(timestamp), "timeStorageClassUpdated": .string(timestamp),
            "@live": true, "@data": .string(Base64.encode(data)),
        ])
    }

    /// An object Google writes line by line while it works (a build's log) keeps each line
    /// and when it is written in `@lines` (`[{"at": seconds since 1970, "text"}]`): a read
    /// sees the lines written by then, and the size and hashes of those bytes.
    static func asWritten(_ object: JSONValue, at now: Date) -> JSONValue {
        guard let lines = object["@lines"]?.arrayValue else { return object }
        let moment = now.timeIntervalSince1970
        let data = Array(lines.filter { ($0["at"]?.doubleValue ?? 0) <= moment }
            .map { ($0["text"]?.stringValue ?? "") + "\n" }.joined().utf8)
        var written = object
        written["@data"] = .string(Base64.encode(data))
        written["size"] = .string(String(data.count))
        written["md5Hash"] = .string(Base64.encode(Checksums.md5(data)))
        written["crc32c"] = .string(Checksums.crc32cBase64(data))
        return written
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let bucketName = request.path("bucket")
        let (project, _) = try StorageBucketsAPI.find(bucketName, in: state)
        let object = asWritten(try find(request, bucket: bucketName, project: project, state: state).value, at: request.now)
        if request.query["alt"] == "media" { return try StorageObjectMedia.response(object, range: request.header("Range")) }
        return .resource(object)
    }

    /// The live object, or the version `generation=` names; 404 otherwise.
    private static func find(_ request: APIRequest, bucket: String, project: String, state: EmulatorState) throws -> (key: String, value: JSONValue) {
        let name = request.path("object")
        let found: (key: String, value: JSONValue)?
        if let generation = request.query.int("generation") {
            found = versions(bucket: bucket, name: name, project: project, state: state)
                .first { $0.value["generation"]?.intValue == generation }
        } else {
            found = live(bucket: bucket, name: name, project: project, state: state)
        }
        guard let found else { throw APIError.notFound("No such object: \(bucket)/\(name)") }
        let generation = found.value["generation"]?.intValue ?? 0
        if let expected = request.query.int("ifGenerationMatch"), expected != generation {
            throw APIError.preconditionFailed("At least one of the pre-conditions you specified did not hold.")
        }
        return found
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let bucketName = request.path("bucket")
        let (project, _) = try StorageBucketsAPI.find(bucketName, in: state)
        let prefix = request.query["prefix"] ?? ""
        let includeVersions = request.query.bool("versions")
        let delimiter = request.query["delimiter"].flatMap { $0.isEmpty ? nil : $0 }
        var items: [JSONValue] = []
        var prefixes: Set<String> = []
        for (_, object) in state.resources(project, collection, prefix: "\(bucketName)/") {
            guard includeVersions || object["@live"] == true, let name = object["name"]?.stringValue, name.hasPrefix(prefix) else {
                continue
            }
            if let delimiter, let range = name.dropFirst(prefix.count).range(of: delimiter) {
                prefixes.insert(String(name[..<range.upperBound]))
                continue
            }
            items.append(asWritten(object, at: request.now))
        }
        let page = try request.page(items, defaultSize: 1000)
        var body = page.body("items", base: ["kind": "storage#objects"])
        if !prefixes.isEmpty { body["prefixes"] = .array(prefixes.sorted().map(JSONValue.string)) }
        return .resource(body)
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let bucketName = request.path("bucket")
        let (project, bucket) = try StorageBucketsAPI.find(bucketName, in: state)
        let found = try find(request, bucket: bucketName, project: project, state: state)
        let keepVersion = bucket["versioning"]?["enabled"] == true && request.query["generation"] == nil
        retire(found, keepVersion: keepVersion, project: project, timestamp: request.timestamp, state: &state)
        return .noContent
    }

    /// Takes a version out of service: a versioned bucket keeps it as noncurrent, otherwise
    /// it is gone.
    private static func retire(
        _ version: (key: String, value: JSONValue), keepVersion: Bool, project: String, timestamp: String,
        state: inout EmulatorState
    ) {
        guard keepVersion else {
            state.removeResource(project, collection, version.key)
            return
        }
        var noncurrent = version.value
        noncurrent["@live"] = false
        noncurrent["timeDeleted"] = .string(timestamp)
        state.setResource(project, collection, version.key, noncurrent)
    }
}
