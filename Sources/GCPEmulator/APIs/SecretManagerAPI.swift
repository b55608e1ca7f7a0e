import Foundation

/// Secret Manager v1, secrets: `?secretId=` on create, replication required, names
/// answered with the project number as Google does, etags checked on patch and delete.
enum SecretManagerAPI {
    static let collection = "secretmanager.secrets"

    static let handlers: [String: APIHandler] = [
        "secretmanager.projects.secrets.create": create,
        "secretmanager.projects.secrets.get": get,
        "secretmanager.projects.secrets.list": list,
        "secretmanager.projects.secrets.patch": patch,
        "secretmanager.projects.secrets.delete": delete,
        "secretmanager.projects.locations.secrets.create": create,
        "secretmanager.projects.locations.secrets.get": get,
        "secretmanager.projects.locations.secrets.list": list,
        "secretmanager.projects.locations.secrets.patch": patch,
        "secretmanager.projects.locations.secrets.delete": delete,
    ]

    static let patchableFields: Set = ["labels", "annotations", "topics", "rotation", "expireTime", "ttl", "versionAliases", "versionDestroyTtl"]

    /// The store key of the secret a `projects/P/secrets/ID[/...]` name refers to: its id;
    /// for a regional secret, `projects/P/locations/L/secrets/ID[/...]`, `@L/ID` (an id
    /// never holds `@` or `/`, so the two never meet).
    static func secretID(_ name: String) -> String {
        let parts = name.split(separator: "/")
        if parts.count >= 6, parts[2] == "locations" { return "@\(parts[3])/\(parts[5])" }
        return parts.count >= 4 ? String(parts[3]) : ""
    }

    /// `projects/NUMBER/secrets/ID`, or `projects/NUMBER/locations/L/secrets/ID`.
    static func resourceName(number: String, key: String) -> String {
        guard key.hasPrefix("@"), let slash = key.firstIndex(of: "/") else { return "projects/\(number)/secrets/\(key)" }
        return "projects/\(number)/locations/\(key[key.index(after: key.startIndex)..<slash])/secrets/\(key[key.index(after: slash)...])"
    }

    /// Regional secrets are served only at their location's regional endpoint, and a
    /// regional endpoint serves only its own location's secrets.
    static func checkEndpoint(_ request: APIRequest, name: String) throws {
        let parts = name.split(separator: "/")
        let location = parts.count >= 4 && parts[2] == "locations" ? String(parts[3]) : nil
        guard location != request.endpointLocation else { return }
        if let location {
            throw APIError.invalidArgument(
                "Regional secrets in \(location) are served at secretmanager.\(location).rep.googleapis.com, not at \(request.endpointLocation.map { "secretmanager.\($0).rep.googleapis.com" } ?? "the global endpoint").",
                reason: "badRequest")
        }
        throw APIError.invalidArgument(
            "The regional endpoint secretmanager.\(request.endpointLocation ?? "").rep.googleapis.com serves only regional secrets of its location.",
            reason: "badRequest")
    }

    static func find(_ request: APIRequest, name: String, state: EmulatorState) throws -> (project: String, id: String, secret: JSONValue) {
        let project = try request.requireProject()
        try checkEndpoint(request, name: name)
        let id = secretID(name)
        guard let secret = state.resource(project, collection, id) else {
            throw APIError.notFound("Secret [\(resourceName(number: state.projectNumber(project), key: id))] not found or has no versions.")
        }
        return (project, id, secret)
    }

    static func newETag() -> String { "\"\(String(format: "%013x", Int(Date().timeIntervalSince1970 * 1_000_000)))\"" }

    private static func isValidID(_ id: String) -> Bool {
        (1...255).contains(id.count) && id.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "_" || $0 == "-"
        }
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let parent = request.path("parent")
        try checkEndpoint(request, name: parent)
        guard let secretID = request.query["secretId"], isValidID(secretID) else {
            throw APIError.invalidArgument("secretId must be 1 to 255 letters, digits, underscores or hyphens.", field: "secretId")
        }
        let regional = request.endpointLocation != nil
        let id = Self.secretID(parent + "/secrets/" + secretID)
        if regional {
            // A regional secret lives in its location: it has no replication policy.
            guard request.body["replication"] == nil else {
                throw APIError.invalidArgument("Regional secrets do not take a replication policy.", field: "replication")
            }
        } else {
            guard let replication = request.body["replication"],
                replication["automatic"] != nil || replication["userManaged"]?["replicas"]?.arrayValue?.isEmpty == false
            else { throw APIError.invalidArgument("Secret.replication is required.", field: "replication") }
        }
        let number = state.projectNumber(project)
        guard state.resource(project, collection, id) == nil else {
            throw APIError.alreadyExists("Secret [\(resourceName(number: number, key: id))] already exists.")
        }
        var secret = JSONValue.object(request.body.objectValue?.filter { patchableFields.contains($0.key) || $0.key == "replication" } ?? [:])
        secret["name"] = .string(resourceName(number: number, key: id))
        secret["createTime"] = .string(request.timestamp)
        secret["etag"] = .string(newETag())
        state.setResource(project, collection, id, secret)
        return .resource(secret)
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try find(request, name: request.path("name"), state: state).secret)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let parent = request.path("parent")
        try checkEndpoint(request, name: parent)
        // Global secrets are keyed by their id, regional ones under `@LOCATION/`.
        let regionalPrefix = Self.secretID(parent + "/secrets/x").dropLast()
        let secrets = state.resources(project, collection).filter { entry in
            request.endpointLocation == nil ? !entry.name.hasPrefix("@") : entry.name.hasPrefix(regionalPrefix)
        }.map(\.value)
        let page = try request.page(secrets, defaultSize: 25_000)
        return .resource(page.body("secrets", base: ["totalSize": .int(secrets.count)]))
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, id, secret) = try find(request, name: request.path("name"), state: state)
        guard let mask = request.query["updateMask"], !mask.isEmpty else {
            throw APIError.invalidArgument("update_mask is required.", field: "updateMask")
        }
        if let etag = request.body["etag"]?.stringValue, etag != secret["etag"]?.stringValue {
            throw APIError(code: 409, status: "ABORTED", message: "The etag provided does not match the current etag of the secret.", reason: "aborted")
        }
        var updated = secret
        for field in mask.split(separator: ",").map(String.init) {
            guard patchableFields.contains(field) else {
                throw APIError.invalidArgument("The field \(field) cannot be updated.", field: "updateMask")
            }
            updated[field] = request.body[field]
        }
        updated["etag"] = .string(newETag())
        state.setResource(project, collection, id, updated)
        return .resource(updated)
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, id, secret) = try find(request, name: request.path("name"), state: state)
        if let etag = request.query["etag"], etag != secret["etag"]?.stringValue {
            throw APIError(code: 409, status: "ABORTED", message: "The etag provided does not match the current etag of the secret.", reason: "aborted")
        }
        state.removeResource(project, collection, id)
        for (key, _) in state.resources(project, SecretVersionsAPI.collection, prefix: id + "/") {
            state.removeResource(project, SecretVersionsAPI.collection, key)
        }
        return .empty
    }
}
