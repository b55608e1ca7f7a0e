import Foundation

/// gcloud's application default credentials for a user (`authorized_user`): a refresh
/// token traded at Google's token endpoint.
public struct AuthorizedUserCredentials: CredentialProvider {
    let file: AuthorizedUserFile
    let path: String
    let endpoints: Endpoints

    init(file: AuthorizedUserFile, path: String, endpoints: Endpoints) {
        self.file = file
        self.path = path
        self.endpoints = endpoints
    }

    public var source: CredentialSource { .authorizedUser(path: path) }

    /// The project user credentials bill quota to.
    public var quotaProject: String? { file.quota_project_id }

    public func fetchToken(transport: any HTTPTransport) async throws -> AccessToken {
        let tokenURL = endpoints.resolve(googleURL: file.token_uri ?? "https://oauth2.googleapis.com/token")
        return try await TokenEndpoint.exchange(
            [("grant_type", "refresh_token"), ("client_id", file.client_id),
             ("client_secret", file.client_secret), ("refresh_token", file.refresh_token)],
            at: tokenURL, source: source, transport: transport)
    }

    public func projectID(transport: any HTTPTransport) async throws -> String? { nil }
}

struct AuthorizedUserFile: Decodable, Sendable {
    var type: String
    var client_id: String
    var client_secret: String
    var refresh_token: String
    var quota_project_id: String?
    var token_uri: String?
}
