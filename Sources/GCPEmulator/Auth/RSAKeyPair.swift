import CCurl
import Foundation

/// An RSA key pair in PEM (PKCS#8 private key, SubjectPublicKeyInfo public key), made by
/// OpenSSL through CCurl: service account keys, and test keys.
public struct RSAKeyPair: Sendable {
    public var privateKeyPEM: String
    public var publicKeyPEM: String

    public struct GenerationFailed: Error, CustomStringConvertible {
        public var description: String { "OpenSSL could not generate an RSA key pair" }
    }

    public static func generate(bits: Int = 2048) throws -> RSAKeyPair {
        var privateKey: UnsafeMutablePointer<CChar>?
        var publicKey: UnsafeMutablePointer<CChar>?
        guard ccrypto_rsa_generate(Int32(bits), &privateKey, &publicKey) == 1, let privateKey, let publicKey else {
            throw GenerationFailed()
        }
        defer {
            ccrypto_free(privateKey)
            ccrypto_free(publicKey)
        }
        return RSAKeyPair(privateKeyPEM: String(cString: privateKey), publicKeyPEM: String(cString: publicKey))
    }
}

/// A `service_account` key file as Google's IAM hands it out (and gcloud writes it).
public enum ServiceAccountKeyFile {
    public static func json(
        projectID: String, clientEmail: String, clientID: String, privateKeyID: String, privateKeyPEM: String,
        tokenURI: String
    ) -> JSONValue {
        [
            "type": "service_account", "project_id": .string(projectID), "private_key_id": .string(privateKeyID),
            "private_key": .string(privateKeyPEM), "client_email": .string(clientEmail), "client_id": .string(clientID),
            "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": .string(tokenURI),
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": .string(
                "https://www.googleapis.com/robot/v1/metadata/x509/" + clientEmail.replacingOccurrences(of: "@", with: "%40")),
            "universe_domain": "googleapis.com",
        ]
    }
}
