import Foundation

/// Sets variables in a legacy .env file in place (property 35: deployed service URLs are
/// written to .env.production). Every line that does not assign one of the variables is kept
/// byte for byte: comments, blank lines, other variables, quoting, CRLF endings, a missing
/// final newline.
public enum DotEnvUpdater {
    /// `text` with each variable set: each existing assignment of it (including an
    /// `export`-prefixed one) is replaced where it stands; a variable the text does not
    /// assign is appended at the end, in the order given.
    public static func update(
        _ text: String, setting assignments: [(name: String, value: String)], path: String = ".env"
    ) throws(ConfigurationError) -> String {
        for (name, _) in assignments where !DotEnvFile.isValidName(name) {
            throw .dotEnvSyntax(file: path, line: 0, reason: "'\(name)' is not a valid variable name")
        }
        var document = DotEnvLines(text)
        var reader = DotEnvReader(lines: document.lines, path: path)
        var spans: [(variable: DotEnvFile.Variable, prefix: String)] = []
        while let variable = try reader.nextAssignment() {
            let content = document.lines[variable.firstLine - 1].content
            let prefix = content.prefix { $0 == " " || $0 == "\t" }
                + (content.drop { $0 == " " || $0 == "\t" }.hasPrefix("export ") ? "export " : "")
            spans.append((variable, String(prefix)))
        }
        let newValues = Dictionary(assignments.map { ($0.name, $0.value) }, uniquingKeysWith: { _, later in later })
        // Replace from the bottom up so earlier line numbers stay valid.
        for span in spans.reversed() {
            guard let value = newValues[span.variable.name] else { continue }
            let first = span.variable.firstLine - 1, last = span.variable.lastLine - 1
            let replacement = DotEnvLines.Line(
                content: span.prefix + DotEnvFile.assignment(name: span.variable.name, value: value),
                terminator: document.lines[last].terminator
            )
            document.lines.replaceSubrange(first...last, with: [replacement])
        }
        let assigned = Set(spans.map(\.variable.name))
        let missing = assignments.filter { !assigned.contains($0.name) }
        if !missing.isEmpty {
            let terminator = document.dominantTerminator
            if let last = document.lines.indices.last, document.lines[last].terminator.isEmpty {
                document.lines[last].terminator = terminator
            }
            var added: Set<String> = []
            for (name, value) in missing where added.insert(name).inserted {
                document.lines.append(.init(content: DotEnvFile.assignment(name: name, value: newValues[name] ?? value), terminator: terminator))
            }
        }
        return document.text
    }

    /// Updates the file at `url` (creating it, mode 0600, when it does not exist) through
    /// `FileReplacement`: a symbolic link's target is written and the link kept, the file is
    /// replaced atomically from its own directory, and its mode and owner stay.
    public static func update(
        fileAt url: URL, setting assignments: [(name: String, value: String)], displayPath: String? = nil
    ) throws(ConfigurationError) {
        let shown = displayPath ?? url.path
        var text = ""
        if FileManager.default.fileExists(atPath: url.path) {
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw .unreadableFile(path: shown, reason: error.localizedDescription)
            }
        }
        let updated = try update(text, setting: assignments, path: shown)
        do { try FileReplacement.write(Data(updated.utf8), to: url.path) } catch {
            throw .unwritableFile(path: shown, reason: error.reason)
        }
    }
}
