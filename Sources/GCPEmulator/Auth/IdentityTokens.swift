import CCurl
import Foundation

/// OpenID Connect identity tokens as Google issues them for a service account, for calling
/// a private Cloud Run service: RS256, `iss` https://accounts.google.com, `aud` the audience
/// asked for, `sub` and `azp` the account's unique id, `email` and `email_verified` when
/// asked, valid for an hour. Issued by IAM Credentials `generateIdToken` and the metadata
/// server's `identity` endpoint; checked by a private service's URL (`RunAppProxy`).
/// Signed with a key of the emulator's own, made once per process.
enum IdentityTokens {
    static let issuer = "https://accounts.google.com"
    static let signingKey: RSAKeyPair? = try? RSAKeyPair.generate()

    static func issue(email: String, subject: String, audience: String, includeEmail: Bool, now: Date) -> String? {
        guard let signingKey else { return nil }
        let issuedAt = Int(now.timeIntervalSince1970)
        var claims: JSONValue = [
            "iss": .string(issuer), "aud": .string(audience), "azp": .string(subject), "sub": .string(subject),
            "iat": .int(issuedAt), "exp": .int(issuedAt + 3600),
        ]
        if includeEmail {
            claims["email"] = .string(email)
            claims["email_verified"] = true
        }
        let header: JSONValue = ["alg": "RS256", "typ": "JWT", "kid": "gcp-emulator-identity"]
        let signingInput = Base64.encode(header.serializedBytes, urlSafe: true) + "." + Base64.encode(claims.serializedBytes, urlSafe: true)
        let data = Array(signingInput.utf8)
        var signature: UnsafeMutablePointer<UInt8>?
        var length = 0
        var error = [CChar](repeating: 0, count: 256)
        guard ccrypto_rs256_sign(signingKey.privateKeyPEM, data, data.count, &signature, &length, &error, error.count) == 1,
              let signature else { return nil }
        defer { ccrypto_free(signature) }
        return signingInput + "." + Base64.encode(Array(UnsafeBufferPointer(start: signature, count: length)), urlSafe: true)
    }

    /// Why a bearer token is not an identity token for a service.
    enum Rejection: Error, Equatable, CustomStringConvertible {
        /// An access token, or anything not signed by the emulator's identity key.
        case notAnIdentityToken
        case wrongAudience(String)
        case expired

        var description: String {
            switch self {
            case .notAnIdentityToken: "not an identity token"
            case .wrongAudience(let audience): "an identity token for \(audience)"
            case .expired: "an expired identity token"
            }
        }
    }

    /// Who `token` speaks for (the `email` claim, else `sub`) when it is a valid identity
    /// token for one of `audiences`.
    static func verify(_ token: String, audiences: Set<String>, now: Date) throws(Rejection) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signingKey, let claimBytes = Base64.decode(String(parts[1])),
              let signature = Base64.decode(String(parts[2])), let claims = try? JSONValue.parse(claimBytes),
              claims["iss"]?.stringValue == issuer
        else { throw .notAnIdentityToken }
        let signed = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard JWTVerifier.verifySignature(key: signingKey.publicKeyPEM, data: signed, signature: signature) else {
            throw .notAnIdentityToken
        }
        let audience = claims["aud"]?.stringValue ?? ""
        guard audiences.contains(audience) else { throw .wrongAudience(audience) }
        guard let expires = claims["exp"]?.intValue, expires > Int(now.timeIntervalSince1970) else { throw .expired }
        guard let principal = claims["email"]?.stringValue ?? claims["sub"]?.stringValue else { throw .notAnIdentityToken }
        return principal
    }
}
