import Foundation

/// `POST /oauth2/token`: Google's OAuth 2.0 token endpoint for the two grants gcpctl
/// speaks, answering `{"access_token","expires_in":3599,"token_type":"Bearer"}` or
/// `{"error":"invalid_grant",...}` as Google does.
enum TokenEndpoint {
    static let jwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    static func handle(_ request: HTTPRequestMessage, core: EmulatorCore) -> HTTPReply {
        let form = QueryParameters(String(decoding: request.body, as: UTF8.self))
        let grantType = form["grant_type"]
        let loggedBody: JSONValue = ["grant_type": grantType.map(JSONValue.string) ?? .null]
        var fault: String?
        var delay = 0
        let response: HTTPResponseMessage?
        switch core.faults.decide(methodID: "oauth2.token", httpMethod: request.method, path: request.path) {
        case .respond(let code, _, let message, let retryAfter):
            fault = String(code)
            response = .json(
                ["error": code == 429 ? "rate_limit_exceeded" : "temporarily_unavailable", "error_description": .string(message)],
                status: code, headers: retryAfter.map { [("Retry-After", String($0))] } ?? [])
        case .drop:
            fault = "drop"
            response = nil
        case .delay(let milliseconds):
            fault = "delay"
            delay = milliseconds
            response = grant(request, form: form, core: core)
        case .body(let code, let contentType, let text):
            fault = "body \(code)"
            response = HTTPResponseMessage(status: code, headers: [("Content-Type", contentType)], body: Array(text.utf8))
        case .none, .failOperation:
            response = grant(request, form: form, core: core)
        }
        core.record(
            // A token grant changes no cloud resource: "no mutating request" assertions ignore it.
            request, api: "oauth2", methodID: "oauth2.token", status: response?.status ?? 0, mutating: false,
            fault: fault, body: loggedBody)
        guard let response else { return .drop(delayMilliseconds: delay) }
        return .respond(response, delayMilliseconds: delay)
    }

    private static func grant(_ request: HTTPRequestMessage, form: QueryParameters, core: EmulatorCore) -> HTTPResponseMessage {
        guard request.method == "POST" else {
            return oauthError("invalid_request", "The token endpoint takes POST.", status: 405)
        }
        switch form["grant_type"] {
        case jwtBearerGrant?:
            guard let assertion = form["assertion"], !assertion.isEmpty else {
                return oauthError("invalid_request", "Missing required parameter: assertion")
            }
            let audiences = audienceCandidates(request, core: core)
            let keys = core.state.withLock { $0.credentials.trustedKeys }
            do throws(JWTVerifier.Failure) {
                _ = try JWTVerifier(audiences: audiences, trustedKeys: keys, now: core.clock.now()).verify(assertion)
            } catch {
                switch error {
                case .badSignature:
                    return oauthError("invalid_grant", "Invalid JWT Signature.")
                case .badTiming:
                    return oauthError(
                        "invalid_grant",
                        "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.")
                case .badAudience:
                    return oauthError("invalid_grant", "Invalid JWT: Failed audience check.")
                case .malformed(let reason):
                    return oauthError("invalid_grant", reason)
                }
            }
            return issueToken(core: core)
        case "refresh_token"?:
            guard let refreshToken = form["refresh_token"], let clientID = form["client_id"],
                let clientSecret = form["client_secret"]
            else {
                return oauthError("invalid_request", "Missing required parameter: refresh_token, client_id or client_secret")
            }
            let known = core.state.withLock { state -> Bool in
                guard !state.credentials.revokedRefreshTokens.contains(refreshToken),
                    let grant = state.credentials.refreshTokens[refreshToken]
                else { return false }
                return grant.clientID == clientID && grant.clientSecret == clientSecret
            }
            guard known else { return oauthError("invalid_grant", "Bad Request") }
            return issueToken(core: core)
        case let other?:
            return oauthError("unsupported_grant_type", "Invalid grant_type: \(other)")
        case nil:
            return oauthError("unsupported_grant_type", "Invalid grant_type: ")
        }
    }

    /// The token endpoint URL as a client may have written it in `aud`.
    private static func audienceCandidates(_ request: HTTPRequestMessage, core: EmulatorCore) -> Set<String> {
        var audiences: Set = [
            "https://oauth2.googleapis.com/token", "https://www.googleapis.com/oauth2/v4/token",
            "\(core.baseURL)/oauth2/token", "http://localhost:\(core.port)/oauth2/token",
        ]
        if let host = request.header("Host") { audiences.insert("http://\(host)/oauth2/token") }
        return audiences
    }

    /// A fresh opaque access token, counted as a grant.
    static func issueToken(core: EmulatorCore) -> HTTPResponseMessage {
        core.state.withLock { $0.credentials.grantCount += 1 }
        let token = "ya29.emulator-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return .json(["access_token": .string(token), "expires_in": 3599, "token_type": "Bearer"])
    }

    private static func oauthError(_ error: String, _ description: String, status: Int = 400) -> HTTPResponseMessage {
        .json(["error": .string(error), "error_description": .string(description)], status: status)
    }
}
