import Foundation

/// Keeps the .env files gcpctl writes out of git: deploy writes the services' URLs into
/// the environment's .env file, which usually holds more (keys, passwords) than anyone
/// should commit. In a git work tree, the config directory's .gitignore gets the file's
/// name when no rule there ignores it yet (`.env.example` files are left to be committed).
public enum GitIgnore {
    /// Adds `file` to `directory`'s .gitignore if it needs it; the line added, or nil.
    @discardableResult
    public static func cover(_ file: String, in directory: String) -> String? {
        let directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        let file = URL(fileURLWithPath: file).standardizedFileURL.path
        guard file.hasPrefix(directory + "/"), isInWorkTree(directory) else { return nil }
        let relative = String(file.dropFirst(directory.count + 1))
        let gitignore = directory + "/.gitignore"
        let existing = (try? String(contentsOfFile: gitignore, encoding: .utf8)) ?? ""
        guard !ignores(existing, relative) else { return nil }
        let line = "/" + relative
        let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
        let added = existing + separator + "# written by gcpctl deploy (service URLs); keep .env files out of git\n" + line + "\n"
        guard (try? added.write(toFile: gitignore, atomically: true, encoding: .utf8)) != nil else { return nil }
        return line
    }

    /// Whether `directory` or a folder above it holds `.git`.
    static func isInWorkTree(_ directory: String) -> Bool {
        var url = URL(fileURLWithPath: directory, isDirectory: true)
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return true }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return false }
            url = parent
        }
    }

    /// Whether the rules of a .gitignore ignore `path` (relative to its folder): the last
    /// rule that matches decides, `!` un-ignores; a rule with a slash in it is anchored to
    /// the folder, one without matches the name in any folder.
    static func ignores(_ text: String, _ path: String) -> Bool {
        var ignored = false
        let name = path.split(separator: "/").last.map(String.init) ?? path
        for raw in text.split(separator: "\n") {
            var rule = raw.trimmingCharacters(in: .whitespaces)
            guard !rule.isEmpty, !rule.hasPrefix("#") else { continue }
            let negated = rule.hasPrefix("!")
            if negated { rule.removeFirst() }
            guard !rule.hasSuffix("/") else { continue }  // directories only
            let anchored = rule.dropLast().contains("/")
            if rule.hasPrefix("/") { rule.removeFirst() }
            let subject = anchored ? path : name
            if fnmatch(rule, subject, anchored ? FNM_PATHNAME : 0) == 0 { ignored = !negated }
        }
        return ignored
    }
}
