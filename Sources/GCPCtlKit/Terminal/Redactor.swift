import Foundation

/// Removes secrets from every line gcpctl prints, `--verbose` included: values registered at
/// run time (tokens, secret payloads, generated passwords, literal secrets in the
/// environment's variables), `Bearer` tokens, the credential fields of OAuth and key-file
/// JSON and form bodies, PEM blocks, Secret Manager's `payload.data`, passwords in URLs and
/// the values of variables named as secrets (`Redactor+Variables`). Safe to use from any task.
public final class Redactor: Sendable {
    public static let mask = "[REDACTED]"
    /// Shorter values are not registered: masking every "abc" in the output would hide more
    /// than it protects, and no credential gcpctl handles is that short.
    public static let minimumSecretLength = 4

    private let secrets = Locked<Set<String>>([])

    public init() {}

    /// Never print `secret` (nor its base64 form, as it travels in Secret Manager payloads).
    public func register(_ secret: String) {
        guard secret.count >= Self.minimumSecretLength else { return }
        let encoded = Data(secret.utf8).base64EncodedString()
        secrets.withLock { registered in
            registered.insert(secret)
            registered.insert(encoded)
            // A base64 value without its padding is just as secret.
            registered.insert(String(encoded.prefix { $0 != "=" }))
        }
    }

    public func redact(_ text: String) -> String {
        var result = text
        for pattern in RedactionPatterns.all + RedactionPatterns.variables {
            result = pattern.apply(to: result)
        }
        // Longest first, so a secret that contains another is masked whole.
        for secret in secrets.current.sorted(by: { $0.count > $1.count }) where secret.count >= Self.minimumSecretLength {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        return result
    }
}

/// The shapes secrets travel in.
enum RedactionPatterns {
    struct Pattern: @unchecked Sendable {
        // NSRegularExpression is immutable once made, so sharing it is safe.
        let regex: NSRegularExpression
        let template: String

        init(_ pattern: String, _ template: String, options: NSRegularExpression.Options = []) {
            regex = try! NSRegularExpression(pattern: pattern, options: options)
            self.template = template
        }

        func apply(to text: String) -> String {
            regex.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template
            )
        }
    }

    static let credentialFields = "access_token|refresh_token|id_token|client_secret|private_key|privateKeyData|assertion|password|subject_token|subjectToken|accessToken|saml_response|authString"

    static let all: [Pattern] = [
        // A PEM block, on one line (JSON-escaped) or many; an unterminated one to the end.
        Pattern("-----BEGIN [A-Z0-9 ]+-----[\\s\\S]*?(?:-----END [A-Z0-9 ]+-----|$)", "[REDACTED PEM BLOCK]"),
        Pattern("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+", "$1\(Redactor.mask)"),
        // "access_token": "…" in JSON, with escaped quotes inside the value.
        Pattern("(\"(?:\(credentialFields))\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")", "$1\(Redactor.mask)$2"),
        // The same inside a JSON string (quotes escaped as \"), as when a response body is
        // itself logged as JSON: the value ends at the next quote.
        Pattern("(\\\\\"(?:\(credentialFields))\\\\\"\\s*:\\s*\\\\\")[^\"\\\\]*(\\\\\")", "$1\(Redactor.mask)$2"),
        // access_token=… in a form body or a query string.
        Pattern("((?:^|[?&\\s\"'])(?:\(credentialFields))=)[^&\\s\"']+", "$1\(Redactor.mask)"),
        // Secret Manager: {"payload": {"data": "…"}}, escaped or not.
        Pattern("(\\\\?\"payload\\\\?\"\\s*:\\s*\\{[^{}]*?\\\\?\"data\\\\?\"\\s*:\\s*\\\\?\")[^\"\\\\]*(\\\\?\")", "$1\(Redactor.mask)$2"),
    ]
}
