import Foundation

/// Cloud Monitoring's filters and `orderBy` brought to what the emulator's `ListFilter`
/// reads: Monitoring writes terms with spaces around the operator
/// (`metric.type = "…" AND metric.labels.check_id = "…"`), fields by their proto names
/// (`user_labels.team`, `display_name`) and `label` for `labels`
/// (https://cloud.google.com/monitoring/api/v3/filters,
/// https://cloud.google.com/monitoring/api/v3/sorting-and-filtering).
enum MonitoringFilter {
    private static let operators: Set = ["=", "!=", ":", "<", ">", "<=", ">="]

    /// The filter with each term written `path=value`, its path in JSON's spelling.
    static func normalized(_ filter: String?) -> String? {
        guard let filter else { return nil }
        var terms: [String] = []
        var pendingOperator = false
        for word in words(filter) {
            let glues = operators.contains(word) || operators.contains(where: { word.hasPrefix($0) && !word.hasPrefix("\"") })
            if let last = terms.last, pendingOperator || glues {
                terms[terms.count - 1] = last + word
            } else {
                terms.append(word)
            }
            pendingOperator = operators.contains(where: { word.hasSuffix($0) }) && word != "AND" && !word.hasSuffix("\"")
        }
        return terms.map(renamed).joined(separator: " ")
    }

    /// `items` sorted by `orderBy` (`field` or `-field`, comma-separated).
    static func ordered(_ items: [JSONValue], by orderBy: String?) -> [JSONValue] {
        guard let orderBy, !orderBy.isEmpty else { return items }
        let keys = orderBy.split(separator: ",").map { key -> (path: String, descending: Bool) in
            let trimmed = key.trimmingCharacters(in: .whitespaces)
            let descending = trimmed.hasPrefix("-")
            return (renamedPath(String(descending ? trimmed.dropFirst() : Substring(trimmed))), descending)
        }
        return items.sorted { left, right in
            for key in keys {
                let a = left[path: key.path]?.stringValue ?? "", b = right[path: key.path]?.stringValue ?? ""
                if a != b { return key.descending ? a > b : a < b }
            }
            return false
        }
    }

    /// Splits on spaces outside double quotes.
    private static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character.isWhitespace, !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func renamed(_ term: String) -> String {
        guard term != "AND", let end = term.firstIndex(where: { "=!:<>".contains($0) }) else { return term }
        return renamedPath(String(term[..<end])) + term[end...]
    }

    private static func renamedPath(_ path: String) -> String {
        var parts = path.split(separator: ".").map(String.init)
        guard let first = parts.first else { return path }
        parts[0] = FieldMask.lowerCamel(first)
        if parts.count > 2, ["metric", "resource"].contains(parts[0]), parts[1] == "label" { parts[1] = "labels" }
        return parts.joined(separator: ".")
    }
}
