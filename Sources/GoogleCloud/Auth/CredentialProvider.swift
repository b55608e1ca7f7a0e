/// One source of access tokens. `CredentialChain` picks the provider; `TokenCache` decides
/// when to call it.
public protocol CredentialProvider: Sendable {
    /// Where the credentials come from, for messages: "service account key /path (sa@p.iam…)".
    var source: CredentialSource { get }
    func fetchToken(transport: any HTTPTransport) async throws -> AccessToken
    /// The project named by the credentials themselves (a key file's `project_id`, the
    /// metadata server's project), used when nothing else names one.
    func projectID(transport: any HTTPTransport) async throws -> String?
}

public enum CredentialSource: Sendable, Equatable, CustomStringConvertible {
    case accessToken(variable: String)
    case serviceAccountKey(path: String, email: String)
    case authorizedUser(path: String)
    case metadataServer(host: String)

    /// User credentials bill quota to a project named in `x-goog-user-project`.
    public var isUserCredential: Bool {
        if case .authorizedUser = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .accessToken(let variable): "the access token in \(variable)"
        case .serviceAccountKey(let path, let email): "service account key \(path) (\(email))"
        case .authorizedUser(let path): "user credentials in \(path)"
        case .metadataServer(let host): "the metadata server at \(host)"
        }
    }
}
