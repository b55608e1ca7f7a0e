import Foundation

/// One line of `--verbose`'s HTTP trace. Built without the Authorization header, with
/// secret-bearing JSON fields masked, so a consumer cannot print what it never receives.
public struct HTTPTraceEvent: Sendable {
    public var method: String
    public var url: String
    public var attempt: Int
    public var status: Int?
    public var failure: String?
    public var elapsed: Duration
    public var requestBody: String?
    public var responseBody: String?

    public var line: String {
        let outcome = status.map(String.init) ?? "failed (\(failure ?? "?"))"
        let retry = attempt > 1 ? " [attempt \(attempt)]" : ""
        let millis = elapsed.milliseconds
        var text = "\(method) \(url) → \(outcome) in \(millis) ms\(retry)"
        if let requestBody, !requestBody.isEmpty { text += "\n  > \(requestBody)" }
        if let responseBody, !responseBody.isEmpty { text += "\n  < \(responseBody)" }
        return text
    }
}

public typealias HTTPTracer = @Sendable (HTTPTraceEvent) -> Void

/// Masks the values of fields that carry credentials or secret payloads.
public enum TraceRedaction {
    static let secretKeys: Set<String> = [
        "data", "privateKeyData", "private_key", "access_token", "refresh_token", "id_token",
        "client_secret", "assertion", "password", "token", "secret",
        // Token exchange and impersonation: STS's form fields, IAM Credentials' answer.
        "subject_token", "subjectToken", "accessToken", "saml_response",
        // Memorystore's AUTH string (getAuthString).
        "authString",
    ]

    public static func redact(_ body: Data?, limit: Int = 2048) -> String? {
        guard let body, !body.isEmpty else { return nil }
        if let object = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) {
            let masked = mask(object)
            if let data = try? JSONSerialization.data(withJSONObject: masked, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]) {
                return truncate(String(decoding: data, as: UTF8.self), limit: limit)
            }
        }
        let text = String(decoding: body, as: UTF8.self)
        if text.contains("=") && !text.contains(" ") {
            // A form body (token grants): keep the names, drop every value.
            let names = text.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "" }
            return names.map { "\($0)=…" }.joined(separator: "&")
        }
        return "(\(body.count) bytes)"
    }

    static func mask(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            var result: [String: Any] = [:]
            for (key, item) in object {
                result[key] = secretKeys.contains(key) && !(item is [String: Any]) ? "‹redacted›" : mask(item)
            }
            return result
        }
        if let array = value as? [Any] { return array.map(mask) }
        return value
    }

    static func truncate(_ text: String, limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
