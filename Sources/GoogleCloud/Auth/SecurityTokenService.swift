import Foundation

/// Google's Security Token Service (`sts.googleapis.com/v1/token`): an external identity's
/// subject token traded for a federated access token (RFC 8693 token exchange), the first
/// step of workload identity federation.
enum SecurityTokenService {
    static let tokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange"
    static let accessTokenType = "urn:ietf:params:oauth:token-type:access_token"

    static func exchange(_ subjectToken: String, file: ExternalAccountFile, source: CredentialSource,
                         endpoints: Endpoints, transport: any HTTPTransport) async throws -> AccessToken {
        var form = [
            ("grant_type", tokenExchangeGrant),
            ("audience", file.audience),
            ("scope", ServiceAccountCredentials.scope),
            ("requested_token_type", accessTokenType),
            ("subject_token", subjectToken),
            ("subject_token_type", file.subject_token_type),
        ]
        // A workforce pool (users, not workloads) bills the exchange to a project of the user's.
        if let project = file.workforce_pool_user_project, !project.isEmpty,
           let options = try? JSONSerialization.data(withJSONObject: ["userProject": project]) {
            form.append(("options", String(decoding: options, as: UTF8.self)))
        }
        var headers = HTTPHeaders()
        if let id = file.client_id, let secret = file.client_secret {
            headers.add("Authorization", "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString())
        }
        let url = endpoints.resolve(googleURL: file.token_url ?? ExternalAccountFile.defaultTokenURL)
        do {
            return try await TokenEndpoint.exchange(form, at: url, source: source, headers: headers, transport: transport)
        } catch CredentialsError.tokenRejected(let source, let status, let reason) {
            throw CredentialsError.exchangeRejected(source: source, status: status, reason: reason)
        }
    }
}
