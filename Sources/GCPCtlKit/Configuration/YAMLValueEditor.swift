import Yams

/// Changes one scalar of a YAML document where it is written, leaving every other byte
/// (comments, order, quoting of the rest) as it was: how gcpctl writes a value back into
/// the user's environment file.
enum YAMLValueEditor {
    /// `text` with the scalar at `keys` (`["cloudSQL", "instance"]`) replaced by `value`, which
    /// must be a plain YAML word (a resource name); nil when there is no such scalar on one line.
    static func replacing(_ keys: [String], with value: String, in text: String) -> String? {
        guard let root = try? Yams.compose(yaml: text) else { return nil }
        var node = root
        for key in keys {
            guard let next = node.mapping?[key] else { return nil }
            node = next
        }
        guard case .scalar(let scalar) = node, let mark = scalar.mark else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let line = Array(lines[mark.line - 1].unicodeScalars)
        let start = mark.column - 1
        guard start >= 0, start < line.count else { return nil }
        let end = scalarEnd(line, from: start)
        var edited = String.UnicodeScalarView()
        edited.append(contentsOf: line[..<start])
        edited.append(contentsOf: value.unicodeScalars)
        edited.append(contentsOf: line[end...])
        lines[mark.line - 1] = String(edited)
        return lines.joined(separator: "\n")
    }

    /// Where the scalar starting at `start` ends: its closing quote, or for a plain scalar
    /// the start of a ` #` comment or the end of the line, trailing blanks left out.
    private static func scalarEnd(_ line: [Unicode.Scalar], from start: Int) -> Int {
        let first = line[start]
        if first == "\"" || first == "'" {
            var index = start + 1
            while index < line.count {
                if line[index] == "\\" && first == "\"" { index += 2; continue }
                if line[index] == first { return index + 1 }
                index += 1
            }
            return line.count
        }
        var end = line.count
        for index in start..<line.count where line[index] == "#" && index > start && (line[index - 1] == " " || line[index - 1] == "\t") {
            end = index
            break
        }
        while end > start && (line[end - 1] == " " || line[end - 1] == "\t" || line[end - 1] == "\r") { end -= 1 }
        return end
    }
}
