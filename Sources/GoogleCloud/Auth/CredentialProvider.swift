/// One source of access tokens. `CredentialChain` picks the provider; `TokenCache` decides
/// when to call it.
public protocol CredentialProvider: Sendable {
    /// Where the credentials come from, for messages: "service account key /path (sa@p.iam…)".
    var source: CredentialSource { get }
    func fetchToken(transport: any HTTPTransport) async throws -> AccessToken
    /// The project named by the credentials themselves (a key file's `project_id`, the
    /// metadata server's project), used when nothing else names one.
    func projectID(transport: any HTTPTransport) async throws -> String?
    /// The credentials file's `quota_project_id`, if it names one.
    var quotaProject: String? { get }
}

extension CredentialProvider {
    public var quotaProject: String? { nil }
}

/// Told every secret the credentials handle on the way to an access token (a subject
/// token, the token it was exchanged for, each access token), so that nothing prints it.
public typealias SecretSink = @Sendable (String) -> Void

public indirect enum CredentialSource: Sendable, Equatable, CustomStringConvertible {
    case accessToken(variable: String)
    case serviceAccountKey(path: String, email: String)
    case authorizedUser(path: String)
    case metadataServer(host: String)
    /// Workload identity federation: `audience` names the pool's provider.
    case externalAccount(path: String, audience: String)
    /// `email`'s tokens, asked of IAM Credentials with the `by` credentials.
    case impersonated(email: String, by: CredentialSource)

    /// User credentials bill quota to a project named in `x-goog-user-project`.
    public var isUserCredential: Bool {
        if case .authorizedUser = self { return true }
        return false
    }

    /// Whether a token refused by an API can be replaced by asking again (a token the user
    /// gave cannot).
    public var isRenewable: Bool {
        if case .accessToken = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .accessToken(let variable): "the access token in \(variable)"
        case .serviceAccountKey(let path, let email): "service account key \(path) (\(email))"
        case .authorizedUser(let path): "user credentials in \(path)"
        case .metadataServer(let host): "the metadata server at \(host)"
        case .externalAccount(let path, let audience): "workload identity federation file \(path) (\(ExternalAccountFile.providerName(audience)))"
        case .impersonated(let email, let source): "service account \(email) impersonated with \(source)"
        }
    }
}
