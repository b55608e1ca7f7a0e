import Foundation

/// Secret Manager v1: secrets and their versions. Values pass through here and nowhere
/// else; nothing in this file logs them.
///
/// With a `location`, the regional secrets of that location, which Google serves only at
/// the regional endpoint `secretmanager.LOCATION.rep.googleapis.com` (the discovery
/// document's `endpoints`): `projects/P/locations/L/secrets/ID`.
public struct SecretManagerAPI: Sendable {
    public let client: GoogleCloudClient
    public let location: String?
    public init(_ client: GoogleCloudClient, location: String? = nil) {
        self.client = client
        self.location = location
    }

    var api: GoogleAPI { location.map { GoogleAPI("secretmanager.\($0).rep") } ?? .secretManager }
    func parent(_ project: String) -> APIPath { "v1/projects/\(project)" + (location.map { "/locations/\($0)" } ?? "") }

    public struct Secret: Codable, Sendable {
        public var name: String?
        public var labels: [String: String]?
        public var annotations: [String: String]?
        public var replication: Replication?
        public var createTime: String?
        public var etag: String?

        public init(labels: [String: String]?, replication: Replication? = .automatic) {
            self.labels = labels
            self.replication = replication
        }

        /// The secret id, the last segment of `name`.
        public var id: String { name?.split(separator: "/").last.map(String.init) ?? "" }
    }

    public struct Replication: Codable, Sendable {
        public var automatic: [String: String]?
        public var userManaged: JSONValue?
        public static let automatic = Replication(automatic: [:], userManaged: nil)
    }

    public struct SecretVersion: Codable, Sendable {
        public var name: String?
        public var state: String?
        public var createTime: String?
        public var destroyTime: String?

        /// The version number, the last segment of `name`.
        public var number: Int? { name?.split(separator: "/").last.flatMap { Int($0) } }
    }

    /// `projects/P/secrets/ID` (or `.../locations/L/secrets/ID`), as Secret Manager names it
    /// in requests that take a resource name (Cloud SQL's `passwordSecretVersion`).
    public func resourceName(project: String, id: String) -> String {
        "projects/\(project)" + (location.map { "/locations/\($0)" } ?? "") + "/secrets/\(id)"
    }

    func path(_ project: String, _ secret: String) -> APIPath { parent(project) + "/secrets/\(secret)" }

    public func secret(project: String, id: String) async throws -> Secret? {
        try await client.getIfExists(api, path(project, id))
    }

    public func secrets(project: String) async throws -> [Secret] {
        struct Page: Decodable, Sendable { var secrets: [Secret]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, api, parent(project) + "/secrets", query: [("pageSize", "250")]),
                                        items: { (page: Page) in page.secrets ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    /// A regional secret takes no replication policy (`replication: nil`).
    public func createSecret(project: String, id: String, labels: [String: String],
                             replication: Replication? = .automatic) async throws -> CreateResult<Secret> {
        try await client.create(GoogleCall(.post, api, parent(project) + "/secrets", query: [("secretId", id)],
                                           json: Secret(labels: labels, replication: replication)))
    }

    public func patchLabels(project: String, id: String, labels: [String: String]) async throws -> Secret {
        try await client.decode(GoogleCall(.patch, api, path(project, id), query: [("updateMask", "labels")],
                                           json: Secret(labels: labels, replication: nil)))
    }

    public func patchAnnotations(project: String, id: String, annotations: [String: String]) async throws -> Secret {
        var secret = Secret(labels: nil, replication: nil)
        secret.annotations = annotations
        return try await client.decode(GoogleCall(.patch, api, path(project, id), query: [("updateMask", "annotations")],
                                                  json: secret))
    }

    public func deleteSecret(project: String, id: String) async throws {
        _ = try await client.delete(GoogleCall(.delete, api, path(project, id)), as: EmptyResponse.self)
    }

    public func versions(project: String, id: String) async throws -> [SecretVersion] {
        struct Page: Decodable, Sendable { var versions: [SecretVersion]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, api, path(project, id) + "/versions", query: [("pageSize", "100")]),
                                        items: { (page: Page) in page.versions ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    /// Not idempotent: a repeat makes a second version. Retried only where the request
    /// certainly did not arrive; callers list the versions before trying again.
    public func addVersion(project: String, id: String, value: Data) async throws -> SecretVersion {
        struct Request: Encodable {
            var payload: Payload
            struct Payload: Encodable { var data: String; var dataCrc32c: String }
        }
        let request = Request(payload: .init(data: value.base64EncodedString(), dataCrc32c: String(CRC32C.checksum(value))))
        return try await client.decode(GoogleCall(.post, api, path(project, id) + ":addVersion", json: request))
    }

    /// The value of a version (`latest` by default).
    public func access(project: String, id: String, version: String = "latest") async throws -> Data {
        struct Response: Decodable { var payload: Payload; struct Payload: Decodable { var data: String? } }
        let response: Response = try await client.get(api, path(project, id) + "/versions/\(version):access")
        return response.payload.data.flatMap { Data(base64Encoded: $0) } ?? Data()
    }

    /// Disables a version: it stays listed and can be enabled again, but no longer answers
    /// `access` (nor `latest`, when it was the newest).
    public func disableVersion(project: String, id: String, version: String) async throws -> SecretVersion {
        try await client.decode(GoogleCall(.post, api, path(project, id) + "/versions/\(version):disable",
                                           json: [String: String](), idempotency: .idempotent))
    }
}

/// CRC-32C (Castagnoli), which Secret Manager checks payloads against.
public enum CRC32C {
    static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        return crc
    }

    public static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
