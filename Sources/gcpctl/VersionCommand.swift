import ArgumentParser
import CBuildInfo
import GCPCtlKit

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print gcpctl's version, the commit it was built from, the build date and the platform.",
        discussion: """
        The same line as gcpctl --version. A binary built with make release names its \
        commit and build date; one built with a plain swift build says "unknown commit".

        Examples:
          gcpctl version
          gcpctl version --format json
        """
    )

    @Option(help: ArgumentHelp("text for people, or json for one JSON document on stdout.", valueName: "format"))
    var format: OutputFormat = .text

    func run() {
        let info = BuildInfo.embedded
        guard format == .json else { return print(info.line) }
        // No environment is loaded, so the envelope's project, environment and region are null.
        Reporter(settings: OutputSettings(format: .json))
            .emitJSON(CommandDocument(command: "version", exitCode: 0, ok: true, result: info))
    }
}

extension BuildInfo {
    /// What this binary was built with (Sources/CBuildInfo).
    static var embedded: BuildInfo {
        BuildInfo(commit: String(cString: cbuildinfo_commit()), buildDate: String(cString: cbuildinfo_date()))
    }
}
