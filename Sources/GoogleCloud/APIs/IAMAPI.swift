import Foundation

/// IAM v1: service accounts and their keys.
public struct IAMAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct ServiceAccount: Codable, Sendable {
        public var name: String?
        public var email: String?
        public var uniqueId: String?
        public var displayName: String?
        public var description: String?
        public var disabled: Bool?
        public var etag: String?
    }

    public struct ServiceAccountKey: Codable, Sendable {
        public var name: String?
        public var keyType: String?
        public var validAfterTime: String?
        public var validBeforeTime: String?
        /// Base64 of a JSON key file: a secret, returned once, never printed.
        public var privateKeyData: String?
        public var disabled: Bool?

        /// The key id, the last segment of `name`.
        public var id: String { name?.split(separator: "/").last.map(String.init) ?? "" }
    }

    public static func email(accountID: String, project: String) -> String {
        "\(accountID)@\(project).iam.gserviceaccount.com"
    }

    func path(project: String, email: String) -> APIPath { "v1/projects/\(project)/serviceAccounts/\(email)" }

    public func serviceAccount(project: String, email: String) async throws -> ServiceAccount? {
        try await client.getIfExists(.iam, path(project: project, email: email))
    }

    public func serviceAccounts(project: String) async throws -> [ServiceAccount] {
        struct Page: Decodable, Sendable { var accounts: [ServiceAccount]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, .iam, "v1/projects/\(project)/serviceAccounts", query: [("pageSize", "100")]),
                                        items: { (page: Page) in page.accounts ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    public func createServiceAccount(project: String, accountID: String, displayName: String?, description: String?) async throws -> CreateResult<ServiceAccount> {
        struct Request: Encodable {
            var accountId: String
            var serviceAccount: Body
            struct Body: Encodable { var displayName: String?; var description: String? }
        }
        let request = Request(accountId: accountID, serviceAccount: .init(displayName: displayName, description: description))
        return try await client.create(GoogleCall(.post, .iam, "v1/projects/\(project)/serviceAccounts", json: request))
    }

    public func patchServiceAccount(project: String, email: String, displayName: String?, description: String?) async throws -> ServiceAccount {
        struct Request: Encodable {
            var serviceAccount: Body
            var updateMask: String
            struct Body: Encodable { var displayName: String?; var description: String? }
        }
        let mask = [displayName.map { _ in "displayName" }, description.map { _ in "description" }].compactMap { $0 }
        let request = Request(serviceAccount: .init(displayName: displayName, description: description),
                              updateMask: mask.joined(separator: ","))
        return try await client.decode(GoogleCall(.patch, .iam, path(project: project, email: email), json: request))
    }

    public func deleteServiceAccount(project: String, email: String) async throws {
        _ = try await client.delete(GoogleCall(.delete, .iam, path(project: project, email: email)), as: EmptyResponse.self)
    }

    public func keys(project: String, email: String) async throws -> [ServiceAccountKey] {
        struct Page: Decodable { var keys: [ServiceAccountKey]? }
        let page: Page = try await client.get(.iam, path(project: project, email: email) + "/keys",
                                              query: [("keyTypes", "USER_MANAGED")])
        return page.keys ?? []
    }

    /// Not idempotent: every call makes a new key.
    public func createKey(project: String, email: String) async throws -> ServiceAccountKey {
        struct Request: Encodable { var privateKeyType = "TYPE_GOOGLE_CREDENTIALS_FILE"; var keyAlgorithm = "KEY_ALG_RSA_2048" }
        return try await client.decode(GoogleCall(.post, .iam, path(project: project, email: email) + "/keys", json: Request()))
    }

    public func deleteKey(name: String) async throws {
        _ = try await client.delete(GoogleCall(.delete, .iam, "v1/\(name: name)"), as: EmptyResponse.self)
    }
}
