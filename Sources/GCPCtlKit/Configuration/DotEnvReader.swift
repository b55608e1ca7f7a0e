/// Reads assignments from the lines of a .env file, one at a time (a quoted value may span
/// several lines).
struct DotEnvReader {
    let lines: [DotEnvLines.Line]
    let path: String
    private var next = 0

    init(lines: [DotEnvLines.Line], path: String) {
        self.lines = lines
        self.path = path
    }

    private func syntaxError(_ line: Int, _ reason: String) -> ConfigurationError {
        .dotEnvSyntax(file: path, line: line, reason: reason)
    }

    mutating func nextAssignment() throws(ConfigurationError) -> DotEnvFile.Variable? {
        while next < lines.count {
            let lineNumber = next + 1
            var rest = Substring(lines[next].content)
            next += 1
            rest = rest.drop { $0 == " " || $0 == "\t" }
            if rest.isEmpty || rest.hasPrefix("#") { continue }
            if rest.hasPrefix("export "), rest.dropFirst(7).contains("=") {
                rest = rest.dropFirst(7).drop { $0 == " " || $0 == "\t" }
            }
            // The line's text is never echoed: a .env file holds secrets, and a path that is
            // not one at all (a key, a system file) would have its first line printed.
            guard let equals = rest.firstIndex(of: "=") else {
                throw syntaxError(lineNumber, "expected KEY=VALUE, found a line without '=' (not shown, as it may hold a secret)")
            }
            let name = rest[..<equals].trimmingBlanks()
            guard DotEnvFile.isValidName(name) else {
                throw syntaxError(lineNumber, "\(Self.quotedName(name)) is not a valid variable name; use letters, digits and underscores, not starting with a digit")
            }
            let afterEquals = rest[rest.index(after: equals)...]
            let raw = afterEquals.drop { $0 == " " || $0 == "\t" }
            // `KEY= # note` is an empty value and a comment, as in bash.
            let startsWithComment = raw.hasPrefix("#") && raw.startIndex != afterEquals.startIndex
            let value = startsWithComment ? "" : try readValue(raw, startLine: lineNumber)
            return DotEnvFile.Variable(name: name, value: value, firstLine: lineNumber, lastLine: next)
        }
        return nil
    }

    private mutating func readValue(_ raw: Substring, startLine: Int) throws(ConfigurationError) -> String {
        guard let quote = raw.first, quote == "\"" || quote == "'" else {
            return unquoted(raw)
        }
        var value = ""
        var text = raw.dropFirst()
        while true {
            var iterator = text.unicodeScalars.makeIterator()
            var consumed = 0
            while let scalar = iterator.next() {
                consumed += 1
                if scalar == quote.unicodeScalars.first! {
                    let after = text.unicodeScalars.dropFirst(consumed)
                    try checkTrailing(Substring(after), line: next)
                    return value
                }
                if quote == "\"", scalar == "\\", let escaped = iterator.next() {
                    consumed += 1
                    switch escaped {
                    case "n": value += "\n"
                    case "t": value += "\t"
                    case "r": value += "\r"
                    case "\"", "\\", "$", "`": value.unicodeScalars.append(escaped)
                    default: value += "\\"; value.unicodeScalars.append(escaped)
                    }
                } else {
                    value.unicodeScalars.append(scalar)
                }
            }
            guard next < lines.count else {
                throw syntaxError(startLine, "the value opened with \(quote) is never closed")
            }
            value += "\n"
            text = Substring(lines[next].content)
            next += 1
        }
    }

    /// After a closing quote only blanks and a comment may follow.
    private func checkTrailing(_ after: Substring, line: Int) throws(ConfigurationError) {
        let trimmed = after.drop { $0 == " " || $0 == "\t" }
        guard trimmed.isEmpty || trimmed.hasPrefix("#") else {
            throw syntaxError(line, "unexpected text after the closing quote (not shown, as it may be part of a secret)")
        }
    }

    /// A name that failed to be one, quoted when it looks like a mistyped name (`MY-VAR`),
    /// else only counted: the text before a `=` may be a key's base64 or a password.
    static func quotedName(_ name: String) -> String {
        let looksLikeAName = name.count <= 32 && name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || "_-.".unicodeScalars.contains($0) }
        return looksLikeAName ? "'\(name)'" : "the text before '=' (\(name.count) characters, not shown)"
    }

    /// An unquoted value ends at a `#` that follows a blank (a comment), and loses its
    /// trailing blanks.
    private func unquoted(_ raw: Substring) -> String {
        var previousWasBlank = false
        var end = raw.endIndex
        for index in raw.indices {
            if raw[index] == "#", previousWasBlank {
                end = index
                break
            }
            previousWasBlank = raw[index] == " " || raw[index] == "\t"
        }
        return raw[..<end].trimmingBlanks()
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
