import Foundation

/// `POST /oauth2/token`: Google's OAuth 2.0 token endpoint for the two grants gcpctl
/// speaks, answering `{"access_token","expires_in":3599,"token_type":"Bearer"}` or
/// `{"error":"invalid_grant",...}` as Google does.
enum TokenEndpoint {
    static let jwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    static func handle(_ request: HTTPRequestMessage, core: EmulatorCore) -> HTTPReply {
        let form = QueryParameters(String(decoding: request.body, as: UTF8.self))
        let loggedBody: JSONValue = ["grant_type": form["grant_type"].map(JSONValue.string) ?? .null]
        return CredentialEndpoint.serve(request, core: core, api: "oauth2", methodID: "oauth2.token", loggedBody: loggedBody) {
            grant(request, form: form, core: core)
        }
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
            let issuer: String
            do throws(JWTVerifier.Failure) {
                issuer = try JWTVerifier(audiences: audiences, trustedKeys: keys, now: core.clock.now()).verify(assertion)
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
            return issueToken(core: core, principal: .serviceAccount(issuer))
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
            // A user's refresh token: the emulator's users are its projects' owner.
            return issueToken(core: core, principal: .owner)
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
    static func issueToken(core: EmulatorCore, principal: TokenPrincipal) -> HTTPResponseMessage {
        .json(["access_token": .string(newToken(core: core, principal: principal)), "expires_in": 3599, "token_type": "Bearer"])
    }

    /// A fresh opaque access token for `principal`, counted as a grant.
    static func newToken(core: EmulatorCore, principal: TokenPrincipal) -> String {
        core.state.withLock { newToken(principal: principal, state: &$0) }
    }

    /// The same, for a handler that already holds the state.
    static func newToken(principal: TokenPrincipal, state: inout EmulatorState) -> String {
        let token = "ya29.emulator-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        state.credentials.grantCount += 1
        state.credentials.principals[token] = principal
        return token
    }

    static func oauthError(_ error: String, _ description: String, status: Int = 400) -> HTTPResponseMessage {
        .json(["error": .string(error), "error_description": .string(description)], status: status)
    }
}
