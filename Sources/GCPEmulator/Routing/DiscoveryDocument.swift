import Foundation

/// One query or path parameter as a discovery document declares it.
struct DiscoveryParameter: Sendable {
    var name: String
    var type: String
    var format: String?
    var location: String
    var repeated: Bool
    var required: Bool
    var enumValues: [String]?

    init(name: String, spec: JSONValue) {
        self.name = name
        type = spec["type"]?.stringValue ?? "string"
        format = spec["format"]?.stringValue
        location = spec["location"]?.stringValue ?? "query"
        repeated = spec["repeated"]?.boolValue ?? false
        required = spec["required"]?.boolValue ?? false
        enumValues = spec["enum"]?.arrayValue?.compactMap(\.stringValue)
    }
}

/// One REST method: `sqladmin.instances.insert` is POST `v1/projects/{project}/instances`.
struct DiscoveryMethod: Sendable {
    /// The discovery id with its first component made the API's name (Cloud SQL's
    /// documents say `sql.`; the emulator says `sqladmin.` like every other API).
    var id: String
    var httpMethod: String
    /// The template with one variable per path segment, used to pick the method.
    var flatPath: String
    /// The template whose variables are the method's path parameters (`{+name}` may
    /// span segments).
    var path: String
    var parameters: [String: DiscoveryParameter]
    var requestSchema: String?
    var responseSchema: String?
    /// Media upload paths (`/upload/storage/v1/b/{bucket}/o`), relative to the API root.
    var uploadPaths: [String]

    /// Whether the method changes anything: GETs do not, nor do POSTs that read
    /// (getIamPolicy, testIamPermissions, secret access, list/search/batchGet lookalikes).
    var isMutating: Bool {
        guard httpMethod != "GET" else { return false }
        let verb = id.split(separator: ".").last.map(String.init) ?? ""
        let readVerbs: Set = [
            "getIamPolicy", "testIamPermissions", "access", "get", "list", "search", "batchGet",
            "getAncestry", "getEffectiveOrgPolicy", "getOrgPolicy", "listOrgPolicies",
            "listAvailableOrgPolicyConstraints", "queryGrantableRoles", "queryTestablePermissions",
            "queryAuditableServices", "lint", "verifyExternalSyncSettings", "signBlob", "signJwt",
            // IAM Credentials mints short-lived tokens: nothing in the project changes.
            "generateAccessToken", "generateIdToken",
            // Compute's operations.wait only reads the operation (gcloud polls with it).
            "wait",
        ]
        return !readVerbs.contains(verb)
    }
}

/// A parsed discovery document: the methods, their parameters and the body schemas.
struct DiscoveryDocument: Sendable {
    /// The host prefix of `rootUrl`: `sqladmin` for `https://sqladmin.googleapis.com/`.
    var api: String
    var version: String
    var title: String
    var servicePath: String
    var commonParameters: [String: DiscoveryParameter]
    var methods: [DiscoveryMethod]
    var schemas: [String: JSONValue]

    init(json: JSONValue) {
        let rootURL = json["rootUrl"]?.stringValue ?? ""
        let host = rootURL.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        api = host.split(separator: ".").first.map(String.init) ?? (json["name"]?.stringValue ?? "")
        version = json["version"]?.stringValue ?? ""
        title = json["title"]?.stringValue ?? api
        servicePath = json["servicePath"]?.stringValue ?? ""
        commonParameters = Self.parameters(json["parameters"])
        schemas = json["schemas"]?.objectValue ?? [:]
        var methods: [DiscoveryMethod] = []
        Self.collectMethods(json, api: api, into: &methods)
        self.methods = methods
    }

    private static func parameters(_ json: JSONValue?) -> [String: DiscoveryParameter] {
        var result: [String: DiscoveryParameter] = [:]
        for (name, spec) in json?.objectValue ?? [:] { result[name] = DiscoveryParameter(name: name, spec: spec) }
        return result
    }

    private static func collectMethods(_ node: JSONValue, api: String, into methods: inout [DiscoveryMethod]) {
        for (_, method) in node["methods"]?.objectValue ?? [:] {
            guard let rawID = method["id"]?.stringValue, let path = method["path"]?.stringValue else { continue }
            let idTail = rawID.split(separator: ".", maxSplits: 1).dropFirst().first.map(String.init) ?? rawID
            let protocols = method["mediaUpload"]?["protocols"]?.objectValue ?? [:]
            methods.append(DiscoveryMethod(
                id: api + "." + idTail,
                httpMethod: method["httpMethod"]?.stringValue ?? "GET",
                flatPath: method["flatPath"]?.stringValue ?? path,
                path: path,
                parameters: parameters(method["parameters"]),
                requestSchema: method["request"]?["$ref"]?.stringValue,
                responseSchema: method["response"]?["$ref"]?.stringValue,
                uploadPaths: protocols.values.compactMap { $0["path"]?.stringValue }.sorted()))
        }
        for (_, resource) in node["resources"]?.objectValue ?? [:] {
            collectMethods(resource, api: api, into: &methods)
        }
    }
}
