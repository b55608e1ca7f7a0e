import Foundation

/// Which files of a service's source folder go into its build archive, as `gcloud builds
/// submit` decides: `.gcloudignore` (gitignore syntax, with `#!include:FILE`) when the folder
/// has one, else `.dockerignore` (Docker's syntax: patterns anchored at the folder, `!`
/// re-includes even inside an excluded directory). `.git` is always left out; the
/// Dockerfile and `.dockerignore` are always kept, since the build needs them.
struct IgnoreRules: Sendable {
    enum Flavor: Sendable {
        case gitignore, dockerignore
    }

    var flavor: Flavor
    var patterns: [IgnorePattern]
    /// The file the rules came from (`.gcloudignore`), nil when there is none.
    var source: String?
    /// Paths kept whatever the patterns say.
    var alwaysIncluded: Set<String> = []

    static let alwaysExcluded: Set<String> = [".git"]

    init(flavor: Flavor, text: String, source: String?, alwaysIncluded: Set<String> = []) {
        self.flavor = flavor
        self.source = source
        self.alwaysIncluded = alwaysIncluded
        patterns = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).compactMap {
            IgnorePattern(line: String($0), flavor: flavor)
        }
    }

    /// The rules of the folder at `directory`; `dockerfile` is relative to it.
    static func load(directory: URL, dockerfile: String) throws(SourceArchiveError) -> IgnoreRules {
        let kept: Set = [dockerfile, ".dockerignore"]
        let gcloudignore = directory.appendingPathComponent(".gcloudignore")
        if FileManager.default.fileExists(atPath: gcloudignore.path) {
            let text = try expandIncludes(try read(gcloudignore), directory: directory)
            return IgnoreRules(flavor: .gitignore, text: text, source: ".gcloudignore", alwaysIncluded: kept)
        }
        let dockerignore = directory.appendingPathComponent(".dockerignore")
        if FileManager.default.fileExists(atPath: dockerignore.path) {
            return IgnoreRules(flavor: .dockerignore, text: try read(dockerignore), source: ".dockerignore", alwaysIncluded: kept)
        }
        return IgnoreRules(flavor: .gitignore, text: "", source: nil, alwaysIncluded: kept)
    }

    /// Whether `path` (relative to the folder, `/`-separated) is left out. For gitignore
    /// rules a file inside an excluded directory stays out; the walker does not descend.
    func excludes(_ path: String, isDirectory: Bool) -> Bool {
        if alwaysIncluded.contains(path) { return false }
        let segments = path.split(separator: "/")
        if let first = segments.first, IgnoreRules.alwaysExcluded.contains(String(first)) { return true }
        switch flavor {
        case .gitignore:
            // A file cannot be re-included when a parent directory is excluded.
            for length in 1..<segments.count where lastMatch(Array(segments.prefix(length)), isDirectory: true) == true {
                return true
            }
            return lastMatch(segments, isDirectory: isDirectory) ?? false
        case .dockerignore:
            // Docker: a pattern matching the path or any of its parent directories counts.
            var excluded = false
            for pattern in patterns {
                let matched = (1...segments.count).contains { length in
                    pattern.matches(Array(segments.prefix(length)), isDirectory: length < segments.count || isDirectory)
                }
                if matched { excluded = !pattern.isException }
            }
            return excluded
        }
    }

    /// Whether the walker must look inside an excluded directory: only Docker's exceptions
    /// can bring back something under it.
    func mayReinclude(under directory: String) -> Bool {
        flavor == .dockerignore && patterns.contains(where: \.isException)
            || alwaysIncluded.contains { $0.hasPrefix(directory + "/") }
    }

    private func lastMatch(_ segments: [Substring], isDirectory: Bool) -> Bool? {
        patterns.last { $0.matches(segments, isDirectory: isDirectory) }.map { !$0.isException }
    }

    private static func read(_ url: URL) throws(SourceArchiveError) -> String {
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// `#!include:.gitignore` lines replaced by that file's lines (gcloud topic gcloudignore).
    private static func expandIncludes(_ text: String, directory: URL) throws(SourceArchiveError) -> String {
        var lines: [String] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            guard line.hasPrefix("#!include:") else {
                lines.append(String(line))
                continue
            }
            let included = directory.appendingPathComponent(String(line.dropFirst("#!include:".count)).trimmingBlanks())
            if FileManager.default.fileExists(atPath: included.path) { lines.append(try read(included)) }
        }
        return lines.joined(separator: "\n")
    }
}
