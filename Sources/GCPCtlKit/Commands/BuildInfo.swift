/// What `gcpctl version` and `gcpctl --version` say: the version, the commit the binary was
/// built from, when, and for which platform. `make release` embeds the commit and the time
/// (Sources/CBuildInfo); a plain `swift build` does not know them and says so.
public struct BuildInfo: Sendable, Encodable, Equatable {
    public var version: String
    /// nil: built without `make`, so the commit is unknown.
    public var commit: String?
    /// RFC 3339, UTC; nil when unknown.
    public var buildDate: String?
    /// `linux-x86_64`, `macos-arm64`: the system and CPU it was compiled for.
    public var platform: String

    /// Empty strings (what an unembedded build has) become nil.
    public init(version: String = GCPCtlVersion.string, commit: String?, buildDate: String?,
                platform: String = BuildInfo.compiledPlatform) {
        self.version = version
        self.commit = commit.flatMap { $0.isEmpty ? nil : $0 }
        self.buildDate = buildDate.flatMap { $0.isEmpty ? nil : $0 }
        self.platform = platform
    }

    enum CodingKeys: String, CodingKey { case version, commit, buildDate, platform }

    /// `commit` and `buildDate` are null when unknown, never left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(commit, forKey: .commit)
        try container.encode(buildDate, forKey: .buildDate)
        try container.encode(platform, forKey: .platform)
    }

    /// `gcpctl 0.1.0 (commit 3f2a9c1d0b7e, built 2026-12-06T10:00:00Z, linux-x86_64)`.
    public var line: String {
        let commitText = commit.map { "commit \($0)" } ?? "unknown commit"
        let dateText = buildDate.map { "built \($0)" } ?? "unknown build date"
        return "gcpctl \(version) (\(commitText), \(dateText), \(platform))"
    }

    public static var compiledPlatform: String {
        #if os(Linux)
        let system = "linux"
        #elseif os(macOS)
        let system = "macos"
        #else
        let system = "unknown"
        #endif
        #if arch(x86_64)
        let cpu = "x86_64"
        #elseif arch(arm64)
        let cpu = "arm64"
        #else
        let cpu = "unknown"
        #endif
        return "\(system)-\(cpu)"
    }
}
