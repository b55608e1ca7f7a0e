import Foundation

/// `POST /sts/v1/token`: the Security Token Service's token exchange (RFC 8693) for
/// workload identity federation, as Google documents `sts.token`. The body is a form (as
/// Google's libraries send it, snake_case) or JSON (the discovery document's camelCase),
/// checked against `GoogleIdentityStsV1ExchangeTokenRequest`; no Authorization header is
/// needed. An OIDC subject token (jwt, id_token) is checked against the audience's provider:
/// active, its issuer, its allowed audiences (by default the provider's own name), not
/// expired, a subject. Its signature is not verified (gcpctl only passes the token on).
/// Answers `{"access_token","issued_token_type","token_type":"Bearer","expires_in"}`, the
/// token speaking for `principal://…/subject/SUBJECT`; refusals are OAuth errors.
enum SecurityTokenService {
    static let tokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange"
    static let accessTokenType = "urn:ietf:params:oauth:token-type:access_token"
    static let subjectTokenTypes: Set = [
        "urn:ietf:params:oauth:token-type:jwt", "urn:ietf:params:oauth:token-type:id_token",
        "urn:ietf:params:oauth:token-type:saml2", "urn:ietf:params:aws:token-type:aws4_request", accessTokenType,
    ]

    static func handle(_ request: HTTPRequestMessage, core: EmulatorCore) -> HTTPReply {
        let path = String(request.path.dropFirst("/sts/".count))
        guard let router = Router.forAPI("sts"), case .matched(let route) = router.route(verb: request.method, path: path) else {
            core.record(request, api: "sts", methodID: nil, status: 404, mutating: false)
            return .respond(.error(.notFound("The requested URL \(request.path) was not found on this server.")), delayMilliseconds: 0)
        }
        guard route.methodID == "sts.token" else {
            core.record(request, api: "sts", methodID: route.methodID, status: 501, mutating: false)
            return .respond(.error(.unimplemented("The emulator does not implement \(route.methodID) yet.")), delayMilliseconds: 0)
        }
        let fields = parameters(request)
        var logged: JSONValue = [:]
        for name in ["grantType", "requestedTokenType", "subjectTokenType", "audience", "scope"] {
            logged[name] = fields?[name].map(JSONValue.string) ?? .null
        }
        return CredentialEndpoint.serve(request, core: core, api: "sts", methodID: "sts.token", loggedBody: logged) {
            guard let fields else { return TokenEndpoint.oauthError("invalid_request", "The request body is not a form or a JSON object.") }
            do throws(APIError) {
                try BodyValidator(schemas: route.document.schemas)
                    .validate(.object(fields.mapValues(JSONValue.string)), schemaNamed: route.method.requestSchema ?? "")
            } catch {
                return TokenEndpoint.oauthError("invalid_request", error.message)
            }
            return exchange(fields, core: core)
        }
    }

    /// The request's fields by the discovery document's names: a form's `grant_type` is `grantType`.
    static func parameters(_ request: HTTPRequestMessage) -> [String: String]? {
        if request.header("Content-Type")?.lowercased().hasPrefix("application/json") == true {
            guard let object = (try? JSONValue.parse(request.body))?.objectValue else { return nil }
            var fields: [String: String] = [:]
            for (name, value) in object {
                guard let text = value.stringValue else { return nil }
                fields[name] = text
            }
            return fields
        }
        let form = QueryParameters(String(decoding: request.body, as: UTF8.self))
        var fields: [String: String] = [:]
        for name in form.names { fields[camelCase(name)] = form[name] }
        return fields
    }

    static func camelCase(_ name: String) -> String {
        let words = name.split(separator: "_")
        return (words.first.map(String.init) ?? "") + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func exchange(_ fields: [String: String], core: EmulatorCore) -> HTTPResponseMessage {
        guard fields["grantType"] == tokenExchangeGrant else {
            return TokenEndpoint.oauthError("unsupported_grant_type", "Invalid value for \"grant_type\": it must be \(tokenExchangeGrant).")
        }
        guard fields["requestedTokenType"] == accessTokenType else {
            return TokenEndpoint.oauthError("invalid_request", "Invalid value for \"requested_token_type\": it must be \(accessTokenType).")
        }
        guard let type = fields["subjectTokenType"], subjectTokenTypes.contains(type) else {
            return TokenEndpoint.oauthError("invalid_request", "Invalid value for \"subject_token_type\".")
        }
        guard let subjectToken = fields["subjectToken"], !subjectToken.isEmpty else {
            return TokenEndpoint.oauthError("invalid_request", "Missing required parameter: \"subject_token\".")
        }
        guard let audience = fields["audience"].flatMap(WorkloadIdentityProviders.Audience.init) else {
            return TokenEndpoint.oauthError(
                "invalid_request",
                "Invalid value for \"audience\". This value should be the full resource name of the Identity Provider. See https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token for the list of possible formats.")
        }
        guard let scope = fields["scope"], !scope.isEmpty else {
            return TokenEndpoint.oauthError("invalid_scope", "Missing required parameter: \"scope\".")
        }
        let now = core.clock.now()
        return core.withState { state in
            guard let provider = WorkloadIdentityProviders.find(audience, state: state) else {
                return TokenEndpoint.oauthError(
                    "invalid_target",
                    "The target service indicated by the \"audience\" parameters is invalid. This might either be because the pool or provider is disabled or deleted or because it doesn't exist.")
            }
            guard type.hasSuffix(":jwt") || type.hasSuffix(":id_token") else {
                return TokenEndpoint.oauthError("invalid_grant", "The emulator checks OIDC subject tokens only; \(type) is not emulated.")
            }
            switch OIDCSubjectToken.check(subjectToken, provider: provider, audience: audience, now: now) {
            case .failure(let refusal):
                return TokenEndpoint.oauthError("invalid_grant", refusal.reason)
            case .success(let identity):
                let principal = TokenPrincipal.federated(pool: audience.poolName, subject: identity.subject, attributes: identity.attributes)
                let token = TokenEndpoint.newToken(principal: principal, state: &state)
                let lifetime = max(1, min(3599, identity.expiresAt - Int(now.timeIntervalSince1970)))
                return .json([
                    "access_token": .string(token), "issued_token_type": .string(accessTokenType),
                    "token_type": "Bearer", "expires_in": .int(lifetime),
                ])
            }
        }
    }
}

/// An OIDC subject token read against its provider: who it names, when it expires.
struct OIDCSubjectToken {
    var subject: String
    var attributes: [String: String]
    var expiresAt: Int

    struct Refusal: Error { var reason: String }

    static func check(_ token: String, provider: JSONValue, audience: WorkloadIdentityProviders.Audience,
                      now: Date) -> Result<OIDCSubjectToken, Refusal> {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64.decode(String(parts[0])), let claimBytes = Base64.decode(String(parts[1])),
              let header = try? JSONValue.parse(headerBytes), let claims = try? JSONValue.parse(claimBytes),
              claims.objectValue != nil else {
            return .failure(Refusal(reason: "Unable to parse the ID Token."))
        }
        guard ["RS256", "ES256"].contains(header["alg"]?.stringValue ?? ""), header["kid"]?.stringValue != nil else {
            return .failure(Refusal(reason: "The ID Token's header must name a kid and the RS256 or ES256 algorithm."))
        }
        let issuer = provider["oidc"]?["issuerUri"]?.stringValue ?? ""
        guard claims["iss"]?.stringValue == issuer else {
            return .failure(Refusal(reason: "The issuer in ID Token \(claims["iss"]?.stringValue ?? "(none)") does not match the expected ones: \(issuer)."))
        }
        let allowed = provider["oidc"]?["allowedAudiences"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) }
            ?? audience.defaultAllowedAudiences
        let audiences = claims["aud"]?.stringValue.map { [$0] } ?? claims["aud"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard audiences.contains(where: allowed.contains) else {
            return .failure(Refusal(reason: "The audience in ID Token \(audiences) does not match the expected audience."))
        }
        let current = Int(now.timeIntervalSince1970)
        guard let expires = claims["exp"]?.intValue, let issued = claims["iat"]?.intValue else {
            return .failure(Refusal(reason: "The ID Token must have iat and exp claims."))
        }
        guard expires > current else { return .failure(Refusal(reason: "The ID Token has expired.")) }
        guard issued <= current + 300, expires - issued <= 48 * 3600 else {
            return .failure(Refusal(reason: "The ID Token's lifetime must be at most 48 hours from iat, which must be in the past."))
        }
        let mapping = provider["attributeMapping"]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        guard let subject = value(of: mapping["google.subject"] ?? "assertion.sub", in: claims), !subject.isEmpty else {
            return .failure(Refusal(reason: "The mapped google.subject is empty: the token has no such claim."))
        }
        var attributes: [String: String] = [:]
        for (name, expression) in mapping where name.hasPrefix("attribute.") {
            if let value = value(of: expression, in: claims) { attributes[String(name.dropFirst("attribute.".count))] = value }
        }
        return .success(OIDCSubjectToken(subject: subject, attributes: attributes, expiresAt: expires))
    }

    /// `assertion.CLAIM[.FIELD…]`, the attribute-mapping expressions the emulator evaluates.
    static func value(of expression: String, in claims: JSONValue) -> String? {
        guard expression.hasPrefix("assertion.") else { return nil }
        var current: JSONValue? = claims
        for key in expression.dropFirst("assertion.".count).split(separator: ".") { current = current?[String(key)] }
        if let text = current?.stringValue { return text }
        return current?.intValue.map(String.init)
    }
}
