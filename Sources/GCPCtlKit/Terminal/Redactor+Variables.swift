/// Issue 15 point 8: literal secrets in environment variables. A variable is a secret by its
/// name (`*_SECRET`, `*_PASSWORD`, `*_TOKEN`, `*_KEY`, as a .env file names them), and a URL
/// carries one in its password (`DATABASE_URL=postgresql://user:PASSWORD@host/db`,
/// `GCPCTL_API_ENDPOINT=https://user:PASSWORD@proxy`). Such values are registered with the
/// redactor as soon as they are read, and shown masked wherever gcpctl shows a variable.
extension Redactor {
    static let secretNameSuffixes = ["SECRET", "PASSWORD", "PASSWD", "TOKEN", "_KEY", "CREDENTIALS"]

    /// Whether a variable named `name` holds a secret by convention.
    public static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper == "KEY" || secretNameSuffixes.contains { upper.hasSuffix($0) }
    }

    /// The password in a URL's userinfo (`scheme://user:PASSWORD@host`), if it has one.
    public static func urlPassword(in value: String) -> String? {
        guard let schemeEnd = value.range(of: "://") else { return nil }
        let rest = value[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && !$0.isWhitespace }
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return nil }
        let password = authority[authority.index(after: colon)..<at]
        return password.isEmpty ? nil : String(password)
    }

    /// `value` as it may be shown for a variable named `name`: masked whole when the name
    /// says it is a secret, else with any URL password masked.
    public static func shown(_ value: String, name: String) -> String {
        if isSecretName(name) { return value.isEmpty ? value : mask }
        guard let password = urlPassword(in: value) else { return value }
        return value.replacingOccurrences(of: ":\(password)@", with: ":\(mask)@")
    }

    /// Values of secret names at least this long are masked wherever they appear; shorter
    /// ones only where gcpctl knows a variable is shown (`shown`, and the patterns below), as
    /// masking every `true` or `password` in the output would hide more than it protects.
    public static let minimumVariableSecretLength = 12

    /// Never prints the values of secret names among `variables`, however they appear.
    /// (Passwords in URLs are masked by their shape, `RedactionPatterns.variables`.)
    public func register(variables: [(name: String, value: String)]) {
        for (name, value) in variables where Self.isSecretName(name) && value.count >= Self.minimumVariableSecretLength {
            register(value)
        }
    }
}

extension RedactionPatterns {
    /// A variable name that says its value is a secret, as a regular expression.
    static let secretName = "[A-Za-z0-9_]*(?:SECRET|PASSWORD|PASSWD|TOKEN|_KEY|CREDENTIALS)"

    static let variables: [Pattern] = [
        // scheme://user:PASSWORD@host: up to the last @ before the path, so a password
        // holding an @ is masked whole.
        Pattern("([A-Za-z][A-Za-z0-9+.-]*://[^\\s/:@\"'<>]*:)[^\\s/\"'<>]+@", "$1\(Redactor.mask)@"),
        // DB_PASSWORD=… as in a .env line or a message quoting one.
        Pattern("\\b(\(secretName))=(?:\"[^\"]*\"|'[^']*'|[^\\s\"'&,;]+)", "$1=\(Redactor.mask)"),
        // {"name": "DB_PASSWORD", "value": "…"}: a Cloud Run variable in a traced body.
        Pattern("(\"name\"\\s*:\\s*\"\(secretName)\"\\s*,\\s*\"value\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")",
                "$1\(Redactor.mask)$2"),
    ]
}
