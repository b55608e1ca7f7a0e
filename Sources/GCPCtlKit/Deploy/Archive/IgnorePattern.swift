/// One line of a .gcloudignore (gitignore syntax) or .dockerignore file, compiled into path
/// segments: `**` stands for any number of directories, `*` `?` `[a-z]` match within one
/// segment, `\` escapes the next character.
struct IgnorePattern: Equatable, Sendable {
    /// `!pattern`: a match includes instead of excludes.
    var isException: Bool
    /// `pattern/`: matches directories only (gitignore).
    var directoryOnly: Bool
    var segments: [String]

    /// Parses one line; nil for blank lines and comments.
    init?(line: String, flavor: IgnoreRules.Flavor) {
        var text = Substring(line)
        if text.hasSuffix("\r") { text = text.dropLast() }
        if flavor == .dockerignore { text = Substring(text.trimmingBlanks()) }
        guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
        isException = text.hasPrefix("!")
        if isException { text = text.dropFirst() }
        if flavor == .gitignore {
            text = Self.trimmingUnescapedTrailingSpaces(text)
            if text.hasPrefix("\\#") || text.hasPrefix("\\!") { text = text.dropFirst() }
        }
        directoryOnly = text.hasSuffix("/")
        while text.hasSuffix("/") { text = text.dropLast() }
        let anchored = text.hasPrefix("/") || text.dropLast().contains("/") || flavor == .dockerignore
        while text.hasPrefix("/") { text = text.dropFirst() }
        var parts = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if flavor == .dockerignore { parts = Self.cleaned(parts) }
        guard !parts.isEmpty else { return nil }
        segments = anchored ? parts : ["**"] + parts
    }

    /// Whether `path` (relative, `/`-separated, no leading slash) matches.
    func matches(_ path: [Substring], isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        return Self.match(segments[...], path[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            // A trailing `**` matches what is inside, not the directory itself.
            if rest.isEmpty { return !path.isEmpty }
            var remaining = path
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let segment = path.first, Glob.matches(first, segment) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// gitignore: "Trailing spaces are ignored unless they are quoted with backslash".
    private static func trimmingUnescapedTrailingSpaces(_ text: Substring) -> Substring {
        var text = text
        while text.hasSuffix(" ") && !text.dropLast().hasSuffix("\\") { text = text.dropLast() }
        if text.hasSuffix("\\ ") { text = text.dropLast(2) + " " }
        return text
    }

    /// Docker cleans patterns as Go's filepath.Clean does: `.` dropped, `..` pops.
    private static func cleaned(_ parts: [String]) -> [String] {
        var result: [String] = []
        for part in parts where part != "." {
            if part == "..", !result.isEmpty { result.removeLast() } else if part != ".." { result.append(part) }
        }
        return result
    }
}

/// fnmatch within one path segment: `*`, `?`, `[abc]`, `[a-z]`, `[!a]` / `[^a]`, `\x`.
enum Glob {
    static func matches(_ pattern: String, _ text: Substring) -> Bool {
        match(Array(pattern.unicodeScalars)[...], Array(text.unicodeScalars)[...])
    }

    private static func match(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        var pattern = pattern, text = text
        while let token = pattern.first {
            switch token {
            case "*":
                let rest = pattern.drop { $0 == "*" }
                if rest.isEmpty { return true }
                var candidate = text
                while true {
                    if match(rest, candidate) { return true }
                    guard !candidate.isEmpty else { return false }
                    candidate = candidate.dropFirst()
                }
            case "?":
                guard !text.isEmpty else { return false }
                pattern = pattern.dropFirst()
                text = text.dropFirst()
            case "[":
                guard let character = text.first, let (matched, rest) = matchClass(pattern.dropFirst(), character) else {
                    // An unterminated `[` is a literal.
                    guard text.first == "[" else { return false }
                    pattern = pattern.dropFirst()
                    text = text.dropFirst()
                    continue
                }
                guard matched else { return false }
                pattern = rest
                text = text.dropFirst()
            case "\\" where pattern.count > 1:
                guard text.first == pattern[pattern.index(after: pattern.startIndex)] else { return false }
                pattern = pattern.dropFirst(2)
                text = text.dropFirst()
            default:
                guard text.first == token else { return false }
                pattern = pattern.dropFirst()
                text = text.dropFirst()
            }
        }
        return text.isEmpty
    }

    /// The class after `[`: whether `character` is in it, and the pattern after `]`; nil
    /// when the class never closes.
    private static func matchClass(_ body: ArraySlice<Unicode.Scalar>, _ character: Unicode.Scalar)
        -> (Bool, ArraySlice<Unicode.Scalar>)?
    {
        var body = body
        let negated = body.first == "!" || body.first == "^"
        if negated { body = body.dropFirst() }
        var matched = false
        var first = true
        while let scalar = body.first {
            if scalar == "]" && !first { return (matched != negated, body.dropFirst()) }
            first = false
            var low = scalar
            body = body.dropFirst()
            if low == "\\", let escaped = body.first {
                low = escaped
                body = body.dropFirst()
            }
            if body.first == "-", body.count > 1, body[body.index(after: body.startIndex)] != "]" {
                let high = body[body.index(after: body.startIndex)]
                body = body.dropFirst(2)
                if (low.value...max(low.value, high.value)).contains(character.value) { matched = true }
            } else if low == character {
                matched = true
            }
        }
        return nil
    }
}
