import Foundation

/// The part of the Logging query language the emulator answers: comparisons joined by AND
/// (written or implied by a line break or space), each `FIELD OP VALUE` with OP one of
/// `=`, `!=`, `>`, `>=`, `<`, `<=`, `:` (has), on `resource.type`, `resource.labels.KEY`,
/// `labels.KEY`, `logName`, `severity` (compared by level), `timestamp` (compared as
/// times), `insertId`, `textPayload`, `jsonPayload.KEY`, `httpRequest.status`. Anything
/// else (OR, NOT, parentheses, other fields) is refused with 400, naming what is not
/// modelled, rather than answered wrongly.
struct LogFilter: Sendable {
    struct Comparison: Sendable, Equatable {
        var field: String
        var op: String
        var value: String
    }

    var comparisons: [Comparison]

    static let severities = ["DEFAULT", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL", "ALERT", "EMERGENCY"]
    static let operators = [">=", "<=", "!=", "=", ">", "<", ":"]

    init(_ text: String) throws(APIError) {
        var comparisons: [Comparison] = []
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.isEmpty { break }
            if rest.hasPrefix("AND") && (rest.dropFirst(3).first?.isWhitespace ?? true) {
                rest = rest.dropFirst(3)
                continue
            }
            if rest.hasPrefix("OR ") || rest.hasPrefix("NOT ") || rest.hasPrefix("(") || rest.hasPrefix("-") {
                throw Self.unsupported("\(rest.prefix(20))")
            }
            let field = rest.prefix { !$0.isWhitespace && !"=!<>:".contains($0) }
            rest = rest.dropFirst(field.count).drop { $0.isWhitespace }
            guard !field.isEmpty, let op = Self.operators.first(where: { rest.hasPrefix($0) }) else {
                throw APIError.invalidArgument("Unparseable filter: expected a comparison near '\(field)\(rest.prefix(10))'", field: "filter")
            }
            rest = rest.dropFirst(op.count).drop { $0.isWhitespace }
            let value: String
            if rest.first == "\"" {
                var text = ""
                var index = rest.index(after: rest.startIndex)
                var escaped = false
                while index < rest.endIndex {
                    let character = rest[index]
                    if escaped { text.append(character); escaped = false }
                    else if character == "\\" { escaped = true }
                    else if character == "\"" { break }
                    else { text.append(character) }
                    index = rest.index(after: index)
                }
                guard index < rest.endIndex else { throw APIError.invalidArgument("Unparseable filter: unterminated string", field: "filter") }
                value = text
                rest = rest[rest.index(after: index)...]
            } else {
                let word = rest.prefix { !$0.isWhitespace }
                value = String(word)
                rest = rest.dropFirst(word.count)
            }
            guard Self.isModelled(String(field)) else { throw Self.unsupported(String(field)) }
            comparisons.append(Comparison(field: String(field), op: op, value: value))
        }
        self.comparisons = comparisons
    }

    static func isModelled(_ field: String) -> Bool {
        ["resource.type", "logName", "severity", "timestamp", "insertId", "textPayload", "httpRequest.status"].contains(field)
            || field.hasPrefix("resource.labels.") || field.hasPrefix("labels.") || field.hasPrefix("jsonPayload.")
    }

    static func unsupported(_ what: String) -> APIError {
        .invalidArgument("The emulator's Logging filter answers comparisons joined by AND on resource, labels, logName, severity, timestamp, insertId, textPayload, jsonPayload and httpRequest.status; not: \(what)", field: "filter")
    }

    func matches(_ entry: JSONValue) -> Bool {
        comparisons.allSatisfy { comparison in
            let actual = entry[path: comparison.field]
            switch comparison.field {
            case "severity":
                let level = Self.severities.firstIndex(of: actual?.stringValue ?? "DEFAULT") ?? 0
                let wanted = Self.severities.firstIndex(of: comparison.value.uppercased()) ?? Int(comparison.value).map { $0 / 100 } ?? 0
                return Self.compare(level, wanted, comparison.op)
            case "timestamp":
                guard let time = actual?.stringValue.flatMap(RFC3339.parse), let bound = RFC3339.parse(comparison.value) else { return false }
                return Self.compare(time, bound, comparison.op)
            default:
                let text: String
                switch actual {
                case .string(let value)?: text = value
                case .int(let value)?: text = String(value)
                case .double(let value)?: text = String(Int(value))
                case .bool(let value)?: text = String(value)
                default: return comparison.op == "!="
                }
                if comparison.op == ":" { return text.localizedCaseInsensitiveContains(comparison.value) }
                if let number = Int(text), let bound = Int(comparison.value) { return Self.compare(number, bound, comparison.op) }
                return Self.compare(text, comparison.value, comparison.op)
            }
        }
    }

    static func compare<Value: Comparable>(_ left: Value, _ right: Value, _ op: String) -> Bool {
        switch op {
        case "=", ":": left == right
        case "!=": left != right
        case ">": left > right
        case ">=": left >= right
        case "<": left < right
        default: left <= right
        }
    }
}
