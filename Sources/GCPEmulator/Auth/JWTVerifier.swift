import CCurl
import Foundation

/// Checks a service account's JWT bearer assertion the way Google's token endpoint does:
/// RS256, the claims a grant needs, a short lifetime, the right audience, and a signature
/// by a key trusted for the issuing account.
struct JWTVerifier {
    /// Audiences a client may name: the real endpoint, or this emulator's.
    var audiences: Set<String>
    var trustedKeys: [String: [String]]
    var now: Date

    enum Failure: Error, Equatable {
        case malformed(String)
        case badSignature
        case badTiming
        case badAudience
    }

    /// The issuing service account email when the assertion is good.
    func verify(_ assertion: String) throws(Failure) -> String {
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64.decode(String(parts[0])),
            let claimBytes = Base64.decode(String(parts[1])), let signature = Base64.decode(String(parts[2])),
            let header = try? JSONValue.parse(headerBytes), let claims = try? JSONValue.parse(claimBytes)
        else { throw .malformed("Invalid JWT: the assertion is not a signed JWT.") }
        guard header["alg"]?.stringValue == "RS256" else {
            throw .malformed("Invalid JWT: unsupported signing algorithm; RS256 is required.")
        }
        guard let issuer = claims["iss"]?.stringValue, !issuer.isEmpty else {
            throw .malformed("Invalid JWT: the iss claim is missing.")
        }
        guard let scope = claims["scope"]?.stringValue, !scope.isEmpty else {
            throw .malformed("Invalid JWT: No scope or target_audience claim.")
        }
        guard let audience = claims["aud"]?.stringValue else { throw .malformed("Invalid JWT: the aud claim is missing.") }
        guard let issuedAt = claims["iat"]?.intValue, let expires = claims["exp"]?.intValue else {
            throw .malformed("Invalid JWT: the iat and exp claims are required.")
        }
        let current = Int(now.timeIntervalSince1970)
        guard expires > issuedAt, expires - issuedAt <= 3600, expires > current, issuedAt <= current + 300 else {
            throw .badTiming
        }
        guard audiences.contains(audience) else { throw .badAudience }
        let signed = Array(assertion.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        for key in trustedKeys[issuer] ?? [] where Self.verifySignature(key: key, data: signed, signature: signature) {
            return issuer
        }
        throw .badSignature
    }

    static func verifySignature(key: String, data: [UInt8], signature: [UInt8]) -> Bool {
        ccrypto_rs256_verify(key, data, data.count, signature, signature.count) == 1
    }
}
