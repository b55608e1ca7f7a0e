import Foundation

/// POSTs an OAuth 2.0 grant as a form and reads the token, turning every failure into a
/// `CredentialsError` that names the credentials.
enum TokenEndpoint {
    static func exchange(_ form: [(String, String)], at url: String, source: CredentialSource,
                         headers extra: HTTPHeaders = [:], transport: any HTTPTransport) async throws -> AccessToken {
        var headers = extra
        headers.add("Content-Type", "application/x-www-form-urlencoded")
        headers.add("Accept", "application/json")
        let request = HTTPRequest(method: .post, url: url, headers: headers, body: Data(QueryString.form(form).utf8))
        let response = try await send(request, to: "the token endpoint", source: source, transport: transport) { status, error in
            .tokenRejected(source: source.description, status: status, reason: error.message)
        }
        guard let token = try? JSONDecoder().decode(TokenResponse.self, from: response.body), !token.access_token.isEmpty else {
            throw CredentialsError.tokenMalformed(source: source.description)
        }
        return token.accessToken(receivedAt: Date())
    }

    /// Sends a request for credentials and returns its 2xx answer. The network failing or
    /// Google's side failing (5xx, 429) is `tokenEndpointUnreachable`, worth another try
    /// later; any other answer is Google refusing, as `refused` says it.
    static func send(_ request: HTTPRequest, to endpoint: String, source: CredentialSource, transport: any HTTPTransport,
                     refused: (Int, GoogleAPIError) -> CredentialsError) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch let error as TransportError {
            throw CredentialsError.tokenEndpointUnreachable(source: source.description, reason: error.description)
        }
        guard response.isSuccess else {
            if response.status >= 500 || response.status == 429 {
                throw CredentialsError.tokenEndpointUnreachable(
                    source: source.description, reason: "\(endpoint) answered \(response.status)")
            }
            throw refused(response.status, GoogleAPIError.decode(status: response.status, body: response.body))
        }
        return response
    }
}
