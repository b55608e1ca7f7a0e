import CCurl
import Foundation

/// A signed JSON Web Token for the OAuth 2.0 JWT bearer grant (RFC 7523), RS256 only.
enum JWT {
    static func rs256(header: [String: String], claims: [String: Any], privateKeyPEM: String) throws(JWTError) -> String {
        guard let headerData = try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]),
              let claimsData = try? JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]) else {
            throw JWTError(reason: "cannot encode the token")
        }
        let signingInput = base64URL(headerData) + "." + base64URL(claimsData)
        let signature = try sign(Data(signingInput.utf8), privateKeyPEM: privateKeyPEM)
        return signingInput + "." + base64URL(signature)
    }

    static func sign(_ data: Data, privateKeyPEM: String) throws(JWTError) -> Data {
        var signature: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let ok = data.withUnsafeBytes { bytes in
            ccrypto_rs256_sign(privateKeyPEM, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count,
                               &signature, &length, &message, message.count)
        }
        guard ok == 1, let signature else {
            throw JWTError(reason: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        defer { ccrypto_free(signature) }
        return Data(bytes: signature, count: length)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

struct JWTError: Error {
    var reason: String
}
