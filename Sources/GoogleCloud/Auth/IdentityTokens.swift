import Foundation
import Synchronization

/// OpenID Connect identity tokens for calling a private Cloud Run service, with the
/// service's URL as their audience. An application's URL is never sent the operator's
/// access token: that token speaks for the operator to every Google API, and Cloud Run
/// does not accept it anyway. Google's ways to get one
/// (https://cloud.google.com/run/docs/authenticating/service-to-service):
/// - on Google (credentials from the metadata server): the metadata server's
///   `instance/service-accounts/default/identity?audience=URL&format=full`;
/// - elsewhere: IAM Credentials `projects/-/serviceAccounts/EMAIL:generateIdToken` for the
///   account the services run as, which needs `iam.serviceAccounts.getOpenIdToken` on it
///   (roles/iam.serviceAccountOpenIdTokenCreator) and the IAM Credentials API enabled.
/// A token is kept for its audience while it is valid (an hour; renewed after 50 minutes).
public final class IdentityTokenCache: Sendable {
    private let tokens = Mutex<[String: (token: String, fetched: ContinuousClock.Instant)]>([:])
    static let lifetime = Duration.seconds(50 * 60)

    public init() {}

    func cached(_ key: String) -> String? {
        tokens.withLock { tokens in
            guard let entry = tokens[key], ContinuousClock.now - entry.fetched < Self.lifetime else { return nil }
            return entry.token
        }
    }

    func keep(_ token: String, for key: String) {
        tokens.withLock { $0[key] = (token, ContinuousClock.now) }
    }
}

extension GoogleCloudClient {
    /// An identity token for `audience`: the metadata server's default account's when the
    /// credentials come from it, else `serviceAccount`'s through IAM Credentials.
    public func identityToken(audience: String, serviceAccount: String) async throws -> String {
        let metadata = tokens.provider as? MetadataServerCredentials
        let key = "\(metadata == nil ? serviceAccount : "metadata") \(audience)"
        if let cached = identityTokens.cached(key) { return cached }
        let token = if let metadata {
            try await metadata.identityToken(audience: audience, transport: transport)
        } else {
            try await generateIdToken(audience: audience, serviceAccount: serviceAccount)
        }
        identityTokens.keep(token, for: key)
        return token
    }

    private func generateIdToken(audience: String, serviceAccount: String) async throws -> String {
        struct Request: Encodable { var audience: String; var includeEmail: Bool }
        struct Response: Decodable { var token: String }
        // Asking again makes another token and changes nothing: safe to repeat.
        let call = try GoogleCall(.post, GoogleAPI("iamcredentials"), "v1/projects/-/serviceAccounts/\(serviceAccount):generateIdToken",
                                  json: Request(audience: audience, includeEmail: true), idempotency: .idempotent)
        return try await decode(call, as: Response.self).token
    }
}

extension MetadataServerCredentials {
    /// The default account's identity token for `audience`, with its email claims.
    func identityToken(audience: String, transport: any HTTPTransport) async throws -> String {
        let path = "instance/service-accounts/default/identity" + QueryString.encode([("audience", audience), ("format", "full")])
        let response = try await get(path, transport: transport, timeout: .seconds(10))
        let token = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard response.isSuccess, !token.isEmpty else {
            throw CredentialsError.tokenRejected(source: source.description, status: response.status,
                                                 reason: String(response.bodyText.prefix(200)))
        }
        return token
    }
}
