import Foundation

/// Secret Manager v1: secrets and their versions. Values pass through here and nowhere
/// else; nothing in this file logs them.
public struct SecretManagerAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

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
    }

    func path(_ project: String, _ secret: String) -> APIPath { "v1/projects/\(project)/secrets/\(secret)" }

    public func secret(project: String, id: String) async throws -> Secret? {
        try await client.getIfExists(.secretManager, path(project, id))
    }

    public func secrets(project: String) async throws -> [Secret] {
        struct Page: Decodable, Sendable { var secrets: [Secret]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, .secretManager, "v1/projects/\(project)/secrets", query: [("pageSize", "250")]),
                                        items: { (page: Page) in page.secrets ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    public func createSecret(project: String, id: String, labels: [String: String]) async throws -> CreateResult<Secret> {
        try await client.create(GoogleCall(.post, .secretManager, "v1/projects/\(project)/secrets", query: [("secretId", id)],
                                           json: Secret(labels: labels)))
    }

    public func patchLabels(project: String, id: String, labels: [String: String]) async throws -> Secret {
        try await client.decode(GoogleCall(.patch, .secretManager, path(project, id), query: [("updateMask", "labels")],
                                           json: Secret(labels: labels, replication: nil)))
    }

    public func patchAnnotations(project: String, id: String, annotations: [String: String]) async throws -> Secret {
        var secret = Secret(labels: nil, replication: nil)
        secret.annotations = annotations
        return try await client.decode(GoogleCall(.patch, .secretManager, path(project, id), query: [("updateMask", "annotations")],
                                                  json: secret))
    }

    public func deleteSecret(project: String, id: String) async throws {
        _ = try await client.delete(GoogleCall(.delete, .secretManager, path(project, id)), as: EmptyResponse.self)
    }

    public func versions(project: String, id: String) async throws -> [SecretVersion] {
        struct Page: Decodable, Sendable { var versions: [SecretVersion]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, .secretManager, path(project, id) + "/versions", query: [("pageSize", "100")]),
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
        return try await client.decode(GoogleCall(.post, .secretManager, path(project, id) + ":addVersion", json: request))
    }

    /// The value of a version (`latest` by default).
    public func access(project: String, id: String, version: String = "latest") async throws -> Data {
        struct Response: Decodable { var payload: Payload; struct Payload: Decodable { var data: String? } }
        let response: Response = try await client.get(.secretManager, path(project, id) + "/versions/\(version):access")
        return response.payload.data.flatMap { Data(base64Encoded: $0) } ?? Data()
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
