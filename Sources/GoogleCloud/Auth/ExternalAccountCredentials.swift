import Foundation

/// Workload identity federation (`external_account`): the subject token from the file's
/// `credential_source`, exchanged at the Security Token Service for a federated token
/// (used as it is, or, when the file names `service_account_impersonation_url`, to
/// impersonate that service account).
public struct ExternalAccountCredentials: CredentialProvider {
    let file: ExternalAccountFile
    let path: String
    let subjectTokens: SubjectTokenSource
    let endpoints: Endpoints
    let secrets: SecretSink

    init(file: ExternalAccountFile, path: String, subjectTokens: SubjectTokenSource, endpoints: Endpoints,
         secrets: @escaping SecretSink) {
        self.file = file
        self.path = path
        self.subjectTokens = subjectTokens
        self.endpoints = endpoints
        self.secrets = secrets
    }

    public var source: CredentialSource { .externalAccount(path: path, audience: file.audience) }

    public var quotaProject: String? { file.quota_project_id }

    public func fetchToken(transport: any HTTPTransport) async throws -> AccessToken {
        let subjectToken: String
        do {
            subjectToken = try await subjectTokens.token(transport: transport)
        } catch let failure as SubjectTokenFailure {
            throw CredentialsError.subjectTokenUnavailable(source: source.description, reason: failure.description)
        }
        secrets(subjectToken)
        let federated = try await SecurityTokenService.exchange(subjectToken, file: file, source: source,
                                                                endpoints: endpoints, transport: transport)
        secrets(federated.value)
        return federated
    }

    /// The project is not in the file (only the pool's project number is): nil, unless the
    /// file impersonates an account, whose email names one.
    public func projectID(transport: any HTTPTransport) async throws -> String? { nil }

    /// The credentials API calls use: the federated token itself, or the impersonated
    /// account's when the file names one.
    func withImpersonation() -> any CredentialProvider {
        guard let url = file.service_account_impersonation_url, let email = file.impersonatedEmail else { return self }
        return ImpersonatedCredentials(source: self, email: email, url: url, endpoints: endpoints,
                                       lifetimeSeconds: file.service_account_impersonation?.token_lifetime_seconds,
                                       quotaProject: file.quota_project_id, secrets: secrets)
    }
}
