/// A token the user already has (`GCPCTL_ACCESS_TOKEN`, `CLOUDSDK_AUTH_ACCESS_TOKEN`).
public struct StaticTokenCredentials: CredentialProvider {
    let token: String
    let variable: String

    public init(token: String, variable: String) {
        self.token = token
        self.variable = variable
    }

    public var source: CredentialSource { .accessToken(variable: variable) }

    public func fetchToken(transport: any HTTPTransport) async throws -> AccessToken {
        AccessToken(value: token, expiresAt: nil)
    }

    public func projectID(transport: any HTTPTransport) async throws -> String? { nil }
}
