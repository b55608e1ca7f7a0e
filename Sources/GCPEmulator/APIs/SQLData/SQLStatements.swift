import Foundation

/// Splitting a Data API request's `sqlStatement` into statements, and telling reads from
/// writes (for the request log's `mutating`).
enum SQLStatements {
    /// The statements separated by `;` outside quotes, comments and dollar quoting, trimmed,
    /// empty ones dropped.
    static func split(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var quote: Character?
        var dollarTag: String?
        var lineComment = false
        var blockComment = 0
        let characters = Array(sql)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if lineComment {
                if character == "\n" { lineComment = false }
            } else if blockComment > 0 {
                if character == "*", next == "/" { blockComment -= 1; index += 1 }
                else if character == "/", next == "*" { blockComment += 1; index += 1 }
            } else if let tag = dollarTag {
                current.append(character)
                if current.hasSuffix(tag) { dollarTag = nil }
                index += 1
                continue
            } else if let open = quote {
                current.append(character)
                if character == open { quote = nil }
                index += 1
                continue
            } else if character == "-", next == "-" {
                lineComment = true
                index += 2
                continue
            } else if character == "/", next == "*" {
                blockComment = 1
                index += 2
                continue
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "$", let tag = dollarQuoteTag(characters, from: index) {
                dollarTag = tag
                current += tag
                index += tag.count
                continue
            } else if character == ";" {
                statements.append(current)
                current = ""
                index += 1
                continue
            }
            if !lineComment && blockComment == 0 { current.append(character) }
            index += 1
        }
        statements.append(current)
        return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// `$tag$` starting at `index`, if one does.
    private static func dollarQuoteTag(_ characters: [Character], from index: Int) -> String? {
        var end = index + 1
        while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { end += 1 }
        guard end < characters.count, characters[end] == "$" else { return nil }
        return String(characters[index...end])
    }

    /// The statement's first word, upper-cased (`SELECT`, `CREATE`).
    static func verb(_ statement: String) -> String {
        String(statement.prefix { $0.isLetter }).uppercased()
    }

    /// A statement that reads only: SELECT (without INTO), SHOW, EXPLAIN without ANALYZE,
    /// VALUES, TABLE.
    static func isRead(_ statement: String) -> Bool {
        let upper = statement.uppercased()
        switch verb(statement) {
        case "SELECT": return !upper.contains(" INTO ")
        case "SHOW", "VALUES", "TABLE": return true
        case "EXPLAIN": return !upper.contains("ANALYZE")
        default: return false
        }
    }
}
