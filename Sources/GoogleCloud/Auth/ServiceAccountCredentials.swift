import Foundation

/// A service account key file: signs a JWT with the key and trades it at the file's
/// `token_uri` for an access token with the cloud-platform scope.
public struct ServiceAccountCredentials: CredentialProvider {
    public static let scope = "https://www.googleapis.com/auth/cloud-platform"

    let key: ServiceAccountKeyFile
    let path: String
    let endpoints: Endpoints
    let now: @Sendable () -> Date

    init(key: ServiceAccountKeyFile, path: String, endpoints: Endpoints, now: @escaping @Sendable () -> Date = Date.init) {
        self.key = key
        self.path = path
        self.endpoints = endpoints
        self.now = now
    }

    public var source: CredentialSource { .serviceAccountKey(path: path, email: key.client_email) }

    /// Only when the key file names one: a service account's calls bill its own project.
    public var quotaProject: String? { key.quota_project_id }

    public func fetchToken(transport: any HTTPTransport) async throws -> AccessToken {
        let tokenURL = endpoints.resolve(googleURL: key.token_uri ?? "https://oauth2.googleapis.com/token")
        let issuedAt = Int(now().timeIntervalSince1970)
        var header = ["alg": "RS256", "typ": "JWT"]
        if let keyID = key.private_key_id { header["kid"] = keyID }
        let claims: [String: Any] = [
            "iss": key.client_email,
            "scope": ServiceAccountCredentials.scope,
            // The audience is the token URI as written in the key file: that is what
            // Google checks, whatever route the request itself takes.
            "aud": key.token_uri ?? "https://oauth2.googleapis.com/token",
            "iat": issuedAt,
            "exp": issuedAt + 3600,
        ]
        let assertion: String
        do {
            assertion = try JWT.rs256(header: header, claims: claims, privateKeyPEM: key.private_key)
        } catch {
            // OpenSSL's own reason (error:1E08010C:DECODER routines::unsupported) means
            // nothing to a user; what they can check is the PEM block itself.
            throw CredentialsError.invalidPrivateKey(
                path: path, reason: "its private_key is not a PEM-encoded RSA private key (OpenSSL: \(error.reason))")
        }
        return try await TokenEndpoint.exchange(
            [("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion)],
            at: tokenURL, source: source, transport: transport)
    }

    public func projectID(transport: any HTTPTransport) async throws -> String? { key.project_id }
}

/// The JSON of a service account key as Google hands it out.
struct ServiceAccountKeyFile: Decodable, Sendable {
    var type: String
    var project_id: String?
    var private_key_id: String?
    var private_key: String
    var client_email: String
    var token_uri: String?
    var quota_project_id: String?
}
