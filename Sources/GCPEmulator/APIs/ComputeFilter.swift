import Foundation

/// Compute's list `filter`, both of its forms (the discovery document's description):
/// regular expressions, `name eq 'cert-.*'`, `(name ne x) (region eq .*central.*)`, each a
/// full RE2 match; and AIP-160 terms, `name = "x"`, `labels.env != dev`, `labels.owner:*`,
/// joined by spaces or `AND`. `OR` and other operators are refused with 400, so a client
/// relying on more finds out.
struct ComputeFilter {
    private struct Term {
        var path: String
        var operation: String
        var value: String
    }

    private let terms: [Term]

    init(_ text: String?) throws {
        let words = Self.words(text ?? "")
        var terms: [Term] = []
        var index = 0
        while index < words.count {
            if words[index] == "AND" {
                index += 1
                continue
            }
            guard index + 2 < words.count, ["eq", "ne", "=", "!=", ":"].contains(words[index + 1]),
                words[index].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" })
            else {
                throw ComputeErrors.invalid(
                    field: "filter", value: text ?? "",
                    "The emulator understands `field eq|ne regex` and `field = | != | : value` terms joined by AND.")
            }
            terms.append(Term(path: words[index], operation: words[index + 1], value: words[index + 2]))
            index += 3
        }
        self.terms = terms
    }

    func matches(_ resource: JSONValue) -> Bool {
        terms.allSatisfy { term in
            let values = ListFilter.values(resource[path: term.path])
            switch term.operation {
            case "eq": return values.contains { Self.fullMatch(term.value, $0) }
            case "ne": return !values.contains { Self.fullMatch(term.value, $0) }
            case "!=": return !values.contains { Self.wildcard(term.value, $0) }
            case ":": return term.value == "*" ? !values.isEmpty : values.contains { $0.contains(term.value) }
            default: return values.contains { Self.wildcard(term.value, $0) }
            }
        }
    }

    /// Words split on spaces and parentheses outside quotes, quotes removed, and a
    /// `field=value` / `field!=value` / `field:value` word split into three.
    private static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        func flush() {
            if !current.isEmpty { words.append(contentsOf: split(current)) }
            current = ""
        }
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                current.append("\u{0}")  // marks "quoted from here": never split below
            } else if character == " " || character == "(" || character == ")" {
                flush()
            } else {
                current.append(character)
            }
        }
        flush()
        return words.map { $0.replacingOccurrences(of: "\u{0}", with: "") }
    }

    private static func split(_ word: String) -> [String] {
        guard !["=", "!=", ":"].contains(word) else { return [word] }
        let unquoted = word.prefix { $0 != "\u{0}" }
        for operation in ["!=", "=", ":"] {
            guard let range = unquoted.range(of: operation) else { continue }
            let field = String(word[..<range.lowerBound])
            guard !field.isEmpty, field.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }) else { return [word] }
            return [field, operation, String(word[range.upperBound...])]
        }
        return [word]
    }

    private static func fullMatch(_ pattern: String, _ text: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: "^(?:\(pattern))$") else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    private static func wildcard(_ pattern: String, _ text: String) -> Bool {
        guard pattern.contains("*") else { return pattern == text }
        let escaped = NSRegularExpression.escapedPattern(for: pattern).replacingOccurrences(of: "\\*", with: ".*")
        return fullMatch(escaped, text)
    }
}
