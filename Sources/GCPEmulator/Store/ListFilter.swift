/// The part of Google's list filter language (AIP-160) the emulator's lists accept: terms
/// `field=value`, `field="value"`, `field!=value` or `field:value` (has), on dotted field
/// paths, `*` matching any run of characters, joined by `AND` or spaces. Anything else is
/// refused with 400, so a client relying on more finds out.
struct ListFilter {
    private struct Term {
        var path: String
        var operation: String
        var pattern: String
    }

    private let terms: [Term]

    init(_ text: String?) throws(APIError) {
        var terms: [Term] = []
        for word in Self.words(text ?? "") where word != "AND" {
            guard let term = Self.term(word) else {
                throw .invalidArgument("Invalid filter: \(text ?? ""). The emulator understands field=value terms joined by AND.", field: "filter")
            }
            terms.append(term)
        }
        self.terms = terms
    }

    func matches(_ resource: JSONValue) -> Bool {
        terms.allSatisfy { term in
            let values = Self.values(resource[path: term.path])
            switch term.operation {
            case "!=": return !values.contains { Self.wildcard(term.pattern, matches: $0) }
            case ":": return term.pattern == "*" ? !values.isEmpty : values.contains { Self.wildcard(term.pattern, matches: $0) || $0.contains(term.pattern) }
            default: return values.contains { Self.wildcard(term.pattern, matches: $0) }
            }
        }
    }

    /// Splits on spaces outside double quotes.
    private static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character == " ", !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func term(_ word: String) -> Term? {
        for operation in ["!=", "=", ":"] {
            guard let range = word.range(of: operation) else { continue }
            let path = String(word[..<range.lowerBound])
            var pattern = String(word[range.upperBound...])
            if pattern.count >= 2, pattern.hasPrefix("\""), pattern.hasSuffix("\"") { pattern = String(pattern.dropFirst().dropLast()) }
            guard !path.isEmpty, path.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }) else { return nil }
            return Term(path: path, operation: operation, pattern: pattern)
        }
        return nil
    }

    /// A field's values as text: a repeated field gives each element. Compute's filter reads them so too.
    static func values(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text): return [text]
        case .int(let number): return [String(number)]
        case .bool(let flag): return [String(flag)]
        case .array(let elements): return elements.flatMap { values($0) }
        default: return []
        }
    }

    private static func wildcard(_ pattern: String, matches text: String) -> Bool {
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count > 1 else { return pattern == text }
        guard text.hasPrefix(pieces[0]) else { return false }
        var rest = Substring(text.dropFirst(pieces[0].count))
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(pieces.last ?? "")
    }
}
