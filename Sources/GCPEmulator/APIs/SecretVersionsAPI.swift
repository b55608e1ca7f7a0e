/// Secret Manager v1, versions: `addVersion` with base64 `payload.data` (and its CRC32C
/// checked when sent), `versions/latest`, access refused for disabled or destroyed
/// versions. Versions are kept under `SECRET/NNNNNNNNNN` with the bytes in `@data`.
enum SecretVersionsAPI {
    static let collection = "secretmanager.versions"

    /// The same methods answer for global secrets (`projects.secrets`) and regional ones
    /// (`projects.locations.secrets`).
    static let handlers: [String: APIHandler] = {
        let methods: [String: APIHandler] = [
            "addVersion": addVersion,
            "versions.list": list,
            "versions.get": get,
            "versions.access": access,
            "versions.destroy": { request, state in try setState(request, &state, to: "DESTROYED") },
            "versions.disable": { request, state in try setState(request, &state, to: "DISABLED") },
            "versions.enable": { request, state in try setState(request, &state, to: "ENABLED") },
        ]
        var handlers: [String: APIHandler] = [:]
        for prefix in ["secretmanager.projects.secrets.", "secretmanager.projects.locations.secrets."] {
            for (method, handler) in methods { handlers[prefix + method] = handler }
        }
        return handlers
    }()

    private static func key(_ secret: String, _ version: Int) -> String {
        let digits = String(version)
        return secret + "/" + String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }

    private static func addVersion(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, id, secret) = try SecretManagerAPI.find(request, name: request.path("parent"), state: state)
        guard let encoded = request.body["payload"]?["data"]?.stringValue, let data = Base64.decode(encoded) else {
            throw APIError.invalidArgument("Secret Payload cannot be empty.", field: "payload.data")
        }
        guard data.count <= 65_536 else { throw APIError.invalidArgument("Secret payload is larger than 64 KiB.", field: "payload.data") }
        let checksum = Checksums.crc32c(data)
        let claimed = request.body["payload"]?["dataCrc32c"]?.stringValue
        if let claimed, Int64(claimed) != Int64(checksum) {
            throw APIError.invalidArgument("Checksum mismatch: the payload's CRC32C does not match data_crc32c.", field: "payload.dataCrc32c")
        }
        let existing = state.resources(project, collection, prefix: id + "/")
        let number = (existing.last?.value["@number"]?.intValue ?? 0) + 1
        var version: JSONValue = [
            "name": .string((secret["name"]?.stringValue ?? "") + "/versions/\(number)"),
            "createTime": .string(request.timestamp), "state": "ENABLED", "etag": .string(SecretManagerAPI.newETag()),
            "@number": .int(number), "@data": .string(encoded), "@crc32c": .string(String(checksum)),
        ]
        if claimed != nil { version["clientSpecifiedPayloadChecksum"] = true }
        if let replication = secret["replication"] {
            version["replicationStatus"] = replication["automatic"] != nil ? ["automatic": [:]] : ["userManaged": ["replicas": []]]
        }
        state.setResource(project, collection, key(id, number), version)
        return .resource(version)
    }

    /// The version a `.../versions/N` or `.../versions/latest` name refers to.
    private static func find(_ request: APIRequest, _ state: EmulatorState) throws -> (project: String, key: String, version: JSONValue) {
        let name = request.path("name")
        let (project, id, secret) = try SecretManagerAPI.find(request, name: name, state: state)
        let requested = name.split(separator: "/").last.map(String.init) ?? ""
        let versions = state.resources(project, collection, prefix: id + "/")
        let found = requested == "latest" ? versions.last : versions.first { $0.value["@number"]?.intValue == Int(requested) }
        guard let found else {
            throw APIError.notFound("Secret Version [\(secret["name"]?.stringValue ?? "")/versions/\(requested)] not found.")
        }
        return (project, found.name, found.value)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, id, _) = try SecretManagerAPI.find(request, name: request.path("parent"), state: state)
        var versions = state.resources(project, collection, prefix: id + "/").map(\.value).reversed().map { $0 }
        if let filter = request.query["filter"]?.replacingOccurrences(of: " ", with: ""), filter.hasPrefix("state:") {
            versions = versions.filter { $0["state"]?.stringValue == String(filter.dropFirst("state:".count)) }
        }
        let page = try request.page(versions, defaultSize: 25_000)
        return .resource(page.body("versions", base: ["totalSize": .int(versions.count)]))
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try find(request, state).version)
    }

    private static func access(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (_, _, version) = try find(request, state)
        let name = version["name"]?.stringValue ?? ""
        guard version["state"] == "ENABLED" else {
            throw APIError.failedPrecondition("Secret Version [\(name)] is in \(version["state"]?.stringValue ?? "") state.")
        }
        return .resource([
            "name": .string(name),
            "payload": ["data": version["@data"] ?? "", "dataCrc32c": version["@crc32c"] ?? "0"],
        ])
    }

    private static func setState(_ request: APIRequest, _ state: inout EmulatorState, to newState: String) throws -> HTTPResponseMessage {
        let (project, key, version) = try find(request, state)
        if let etag = request.body["etag"]?.stringValue, etag != version["etag"]?.stringValue {
            throw APIError(code: 409, status: "ABORTED", message: "The etag provided does not match the current etag of the version.", reason: "aborted")
        }
        guard version["state"] != "DESTROYED" else {
            throw APIError.failedPrecondition("Secret Version [\(version["name"]?.stringValue ?? "")] is in DESTROYED state.")
        }
        var updated = version
        updated["state"] = .string(newState)
        updated["etag"] = .string(SecretManagerAPI.newETag())
        if newState == "DESTROYED" {
            updated["destroyTime"] = .string(request.timestamp)
            updated["@data"] = nil
            updated["@crc32c"] = nil
        }
        state.setResource(project, collection, key, updated)
        return .resource(updated)
    }
}
