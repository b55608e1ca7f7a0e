/// What the request log keeps of a body: the JSON as sent, with the values that are secrets
/// masked (Secret Manager payloads, passwords, private keys, OAuth credentials), so that the
/// log, on disk or at `/_emulator/requests`, can be shown without showing them. What a
/// client really sent is in the emulator's state (a secret version's payload, a user's
/// password), where Google keeps it too.
enum LoggedBody {
    static let mask: JSONValue = "‹redacted›"

    /// Fields whose value is a secret wherever they appear, besides any `…password`
    /// (Cloud SQL's `password`, `rootPassword`).
    static let secretFields: Set<String> = [
        "privateKeyData", "private_key", "client_secret", "refresh_token", "access_token", "id_token",
        "assertion", "subject_token", "token",
    ]

    static func isSecret(_ field: String) -> Bool {
        secretFields.contains(field) || field.lowercased().hasSuffix("password")
    }

    /// The body as logged: JSON with its secrets masked, or only its size.
    static func make(_ bytes: [UInt8]) -> JSONValue? {
        if bytes.isEmpty { return nil }
        if let json = try? JSONValue.parse(bytes) { return redacted(json) }
        return .string("<\(bytes.count) bytes>")
    }

    static func redacted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, member) in members {
                if isSecret(key), !isContainer(member) {
                    result[key] = mask
                } else if key == "payload", case .object(var payload) = member, payload["data"] != nil {
                    // Secret Manager's SecretPayload: `data` is the secret, base64.
                    payload["data"] = mask
                    result[key] = redacted(.object(payload))
                } else {
                    result[key] = redacted(member)
                }
            }
            return .object(result)
        case .array(let elements):
            return .array(elements.map(redacted))
        default:
            return value
        }
    }

    private static func isContainer(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .array: true
        default: false
        }
    }
}
