import Foundation

/// `testIamPermissions` where gcpctl's commands act (the project, a bucket, a service
/// account), and who the caller is: what `gcpctl doctor` asks before setup or deploy would
/// fail half way. Each answers the permissions the caller holds of those asked.
extension ResourceManagerAPI {
    public func heldPermissions(project: String, _ permissions: [String]) async throws -> Set<String> {
        struct Body: Codable { var permissions: [String]? }
        let answer: Body = try await client.decode(GoogleCall(.post, .resourceManager, "v1/projects/\(project):testIamPermissions",
                                                              json: Body(permissions: permissions), idempotency: .idempotent))
        return Set(answer.permissions ?? [])
    }
}

extension StorageAPI {
    /// nil when the bucket does not exist.
    public func heldPermissions(bucket: String, _ permissions: [String]) async throws -> Set<String>? {
        struct Body: Decodable { var permissions: [String]? }
        let answer: Body? = try await client.getIfExists(.storage, "storage/v1/b/\(bucket)/iam/testPermissions",
                                                        query: permissions.map { ("permissions", $0) })
        return answer.map { Set($0.permissions ?? []) }
    }
}

extension IAMAPI {
    /// nil when the account does not exist.
    public func heldPermissions(project: String, email: String, _ permissions: [String]) async throws -> Set<String>? {
        struct Body: Codable { var permissions: [String]? }
        do {
            let answer: Body = try await client.decode(GoogleCall(.post, .iam, path(project: project, email: email) + ":testIamPermissions",
                                                                  json: Body(permissions: permissions), idempotency: .idempotent))
            return Set(answer.permissions ?? [])
        } catch let error as GoogleAPIError where error.httpStatus == 404 {
            return nil
        }
    }
}

/// Google's tokeninfo endpoint: the email of the principal a token was issued to, when the
/// token carries one. The token travels in the form body, never in a URL.
public struct TokenInfo: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public func email() async throws -> String? {
        struct Answer: Decodable { var email: String? }
        let token = try await client.tokens.token()
        let call = GoogleCall(.post, .oauth2, "tokeninfo", body: Data(QueryString.form([("access_token", token)]).utf8),
                              contentType: "application/x-www-form-urlencoded", idempotency: .idempotent)
        let answer: Answer = try await client.decode(call)
        return answer.email
    }
}
