import Foundation

/// Which files of a service's source folder go into its build archive, as `gcloud builds
/// submit` decides (`gcloud topic gcloudignore`), and never what Docker would not see:
///
/// - `.gcloudignore` when the folder has one (gitignore syntax; `#!include:FILE` inserts
///   that file's lines, not recursively);
/// - else what gcloud generates: `.gcloudignore`, `.git`, `.gitignore`, and the lines of
///   `.gitignore`. gcpctl also reads the `.gitignore` files of subfolders, each for the
///   paths under it, as git does: a file git ignores is not uploaded.
/// - and, besides, `.dockerignore` (Docker's syntax: patterns anchored at the folder, `!`
///   re-includes even inside an excluded directory), or the Dockerfile's own
///   `<Dockerfile>.dockerignore` in its place: what the build would not see anyway.
///
/// `.git` is always left out; the Dockerfile and its ignore file are always kept, since the
/// build needs them.
struct IgnoreRules: Sendable {
    enum Flavor: Sendable {
        case gitignore, dockerignore
    }

    /// The rules of one file, for the paths under `base` (`""`: the whole folder).
    struct RuleFile: Sendable {
        var path: String
        var base: String
        var patterns: [IgnorePattern]

        init(path: String, base: String = "", flavor: Flavor, text: String) {
            self.path = path
            self.base = base
            patterns = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).compactMap {
                IgnorePattern(line: String($0), flavor: flavor)
            }
        }

        /// `segments` relative to `base`, nil when the path is not under it.
        func relative(_ segments: [Substring]) -> [Substring]? {
            guard !base.isEmpty else { return segments }
            let prefix = base.split(separator: "/")
            guard segments.count > prefix.count, Array(segments.prefix(prefix.count)) == prefix else { return nil }
            return Array(segments.dropFirst(prefix.count))
        }
    }

    /// gcloud's rules, shallowest file first (a deeper `.gitignore` overrides a shallower one).
    var upload: [RuleFile]
    var docker: RuleFile?
    /// Whether subfolders' `.gitignore` files join `upload` as the walk finds them.
    var readsNestedGitignores: Bool
    /// Paths kept whatever the patterns say.
    var alwaysIncluded: Set<String> = []

    static let alwaysExcluded: Set<String> = [".git"]
    /// What gcloud writes into the `.gcloudignore` it generates when there is none.
    static let generatedDefault = ".gcloudignore\n.git\n.gitignore\n"

    /// The files the rules came from (`.gcloudignore`, `.gitignore`, `.dockerignore`).
    var sources: [String] { upload.map(\.path) + (docker.map { [$0.path] } ?? []) }

    /// The rules of the folder at `directory`; `dockerfile` is relative to it.
    static func load(directory: URL, dockerfile: String) throws(SourceArchiveError) -> IgnoreRules {
        // BuildKit reads `<Dockerfile>.dockerignore` (apps/api-gateway/Dockerfile.dockerignore)
        // instead of the context's `.dockerignore` when there is one: each service of a
        // monorepo built from its root can ignore what it does not need (`docker build`'s reference).
        let specific = dockerfile + ".dockerignore"
        let kept: Set = [dockerfile, ".dockerignore", specific]
        var docker: RuleFile?
        for name in [specific, ".dockerignore"] {
            let dockerignore = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: dockerignore.path) else { continue }
            docker = RuleFile(path: name, flavor: .dockerignore, text: try read(dockerignore))
            break
        }
        let gcloudignore = directory.appendingPathComponent(".gcloudignore")
        if FileManager.default.fileExists(atPath: gcloudignore.path) {
            let text = try expandIncludes(try read(gcloudignore), directory: directory)
            return IgnoreRules(upload: [RuleFile(path: ".gcloudignore", flavor: .gitignore, text: text)], docker: docker,
                               readsNestedGitignores: false, alwaysIncluded: kept)
        }
        var upload = [RuleFile(path: "gcloud's defaults", flavor: .gitignore, text: generatedDefault)]
        let gitignore = directory.appendingPathComponent(".gitignore")
        if FileManager.default.fileExists(atPath: gitignore.path) {
            upload.append(RuleFile(path: ".gitignore", flavor: .gitignore, text: try read(gitignore)))
        }
        return IgnoreRules(upload: upload, docker: docker, readsNestedGitignores: true, alwaysIncluded: kept)
    }

    /// Called by the walker as it enters `relative` (not excluded): its `.gitignore`, if any,
    /// now applies to what is under it.
    mutating func enter(_ relative: String, at url: URL) throws(SourceArchiveError) {
        guard readsNestedGitignores, !relative.isEmpty else { return }
        let gitignore = url.appendingPathComponent(".gitignore")
        guard FileManager.default.fileExists(atPath: gitignore.path) else { return }
        upload.append(RuleFile(path: relative + "/.gitignore", base: relative, flavor: .gitignore, text: try IgnoreRules.read(gitignore)))
    }

    /// Whether `path` (relative to the folder, `/`-separated) is left out: gcloud would not
    /// upload it, or Docker would not see it.
    func excludes(_ path: String, isDirectory: Bool) -> Bool {
        if alwaysIncluded.contains(path) { return false }
        let segments = path.split(separator: "/")
        if let first = segments.first, IgnoreRules.alwaysExcluded.contains(String(first)) { return true }
        return gitExcludes(segments, isDirectory: isDirectory) || dockerExcludes(segments, isDirectory: isDirectory)
    }

    /// Whether the walker must look inside an excluded directory: only Docker's exceptions
    /// can bring back something under it, and never under what gcloud's rules leave out.
    func mayReinclude(under directory: String) -> Bool {
        if alwaysIncluded.contains(where: { $0.hasPrefix(directory + "/") }) { return true }
        guard let docker, docker.patterns.contains(where: \.isException) else { return false }
        return !gitExcludes(directory.split(separator: "/"), isDirectory: true)
    }

    /// gitignore: a file cannot be re-included when a parent directory is excluded; else
    /// the last matching pattern decides, deeper files after shallower ones.
    private func gitExcludes(_ segments: [Substring], isDirectory: Bool) -> Bool {
        for length in 1..<max(segments.count, 1) where lastMatch(Array(segments.prefix(length)), isDirectory: true) == true {
            return true
        }
        return lastMatch(segments, isDirectory: isDirectory) ?? false
    }

    private func lastMatch(_ segments: [Substring], isDirectory: Bool) -> Bool? {
        var decision: Bool?
        for file in upload {
            guard let relative = file.relative(segments),
                  let pattern = file.patterns.last(where: { $0.matches(relative, isDirectory: isDirectory) }) else { continue }
            decision = !pattern.isException
        }
        return decision
    }

    /// Docker: a pattern matching the path or any of its parent directories counts.
    private func dockerExcludes(_ segments: [Substring], isDirectory: Bool) -> Bool {
        guard let docker else { return false }
        var excluded = false
        for pattern in docker.patterns {
            let matched = (1...segments.count).contains { length in
                pattern.matches(Array(segments.prefix(length)), isDirectory: length < segments.count || isDirectory)
            }
            if matched { excluded = !pattern.isException }
        }
        return excluded
    }

    private static func read(_ url: URL) throws(SourceArchiveError) -> String {
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// `#!include:.gitignore` lines replaced by that file's lines (gcloud topic gcloudignore:
    /// not recursive, and only files in the folder itself).
    private static func expandIncludes(_ text: String, directory: URL) throws(SourceArchiveError) -> String {
        var lines: [String] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            guard line.hasPrefix("#!include:") else {
                lines.append(String(line))
                continue
            }
            let name = String(line.dropFirst("#!include:".count)).trimmingBlanks()
            guard !name.contains("/") else { continue }
            let included = directory.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: included.path) { lines.append(try read(included)) }
        }
        return lines.joined(separator: "\n")
    }
}
