import GoogleCloud

/// One log entry as `gcpctl logs` prints it: timestamp, severity, where it came from (the
/// revision, or the build), and the message: `textPayload`; else `jsonPayload.message`
/// with the other fields compact after it; else, for a request log, the request.
public enum LogEntryLine {
    public static func text(_ entry: LoggingAPI.Entry) -> String {
        let origin = entry.resourceLabel("revision_name") ?? entry.resourceLabel("build_id").map { "build " + $0.prefix(8) } ?? "-"
        let severity = (entry.severity ?? "DEFAULT").padding(toLength: 8, withPad: " ", startingAt: 0)
        return "\(entry.timestamp ?? "-")  \(severity) \(origin)  \(message(entry.json))"
    }

    static func message(_ json: JSONValue) -> String {
        if let text = json["textPayload"]?.stringValue { return text.trimmingCharacters(in: .newlines) }
        if case .object(var fields)? = json["jsonPayload"] {
            let main = (fields.removeValue(forKey: "message") ?? fields.removeValue(forKey: "msg"))?.stringValue
            let rest = fields.isEmpty ? nil : compact(.object(fields))
            return [main, rest].compactMap { $0 }.joined(separator: " ")
        }
        if let request = json["httpRequest"] {
            let method = request["requestMethod"]?.stringValue ?? "?"
            let status = request["status"].map(compact) ?? "?"
            let url = request["requestUrl"]?.stringValue ?? ""
            let latency = request["latency"]?.stringValue.map { " (\($0))" } ?? ""
            return "\(method) \(status) \(url)\(latency)"
        }
        if let type = json["protoPayload"]?["@type"]?.stringValue { return "(\(type))" }
        return ""
    }

    /// JSON on one line, keys sorted.
    static func compact(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let text): LogQuery.quote(text)
        case .array(let items): "[" + items.map(compact).joined(separator: ",") + "]"
        case .object(let fields): "{" + fields.keys.sorted().map { LogQuery.quote($0) + ":" + compact(fields[$0]!) }.joined(separator: ",") + "}"
        }
    }
}
