import Yams

/// YAML text into Yams's node tree, with errors that say where, as `file:line:column`.
enum YAMLText {
    static func compose(_ text: String, path: String) throws(ConfigurationError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch {
            throw Self.error(error, text: text, path: path)
        }
    }

    private static func error(_ error: any Error, text: String, path: String) -> ConfigurationError {
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .invalidYAML(file: path, line: mark.line, column: mark.column, reason: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams points at the first occurrence; the one to remove is the later one.
            let key = duplicates.first ?? ""
            let first = context.mark
            let second = DuplicateKey.secondOccurrence(of: key, firstAt: first, in: text)
            return .invalidYAML(file: path, line: second?.line ?? first.line, column: second?.column ?? first.column,
                                reason: "duplicate key '\(key)'" + (second == nil ? "" : " (first at line \(first.line))")
                                    + (duplicates.count > 1 ? "; also duplicated: \(duplicates.dropFirst().joined(separator: ", "))" : ""))
        default:
            return .invalidYAML(file: path, line: nil, reason: "\(error)")
        }
    }
}

/// Finds the second occurrence of a duplicated key in a block mapping: the next line, after
/// the first one, whose key stands at the same column, before the mapping ends (a line
/// indented less). A flow mapping (`{a: 1, a: 2}`) is not searched: the first occurrence
/// is reported then.
enum DuplicateKey {
    static func secondOccurrence(of key: String, firstAt first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let column = first.column - 1
        let spellings = [key, "\"\(key)\"", "'\(key)'"].map { $0 + ":" }
        for index in first.line..<lines.count {
            let line = Array(lines[index])
            let indent = line.prefix { $0 == " " }.count
            let content = String(line.dropFirst(indent))
            if content.isEmpty || content.hasPrefix("#") { continue }
            if indent < column { return nil }
            // A list item's mapping: `- key:` puts the key after the dash.
            if indent == column || (indent + 2 == column && content.hasPrefix("- ")) {
                let rest = indent == column ? content : String(content.dropFirst(2))
                if spellings.contains(where: { rest.hasPrefix($0) }) { return (index + 1, column + 1) }
                if indent + 2 == column { return nil }  // the next item of the list: another mapping
            }
        }
        return nil
    }
}
