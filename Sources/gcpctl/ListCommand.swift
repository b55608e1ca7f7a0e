import ArgumentParser
import GCPCtlKit

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the resources gcpctl manages in the project, by kind.",
        discussion: """
        Examples:
          gcpctl list --env=prod
          gcpctl list --kind bucket --kind secret --format json
        """
    )

    static let kinds = ["api", "bucket", "secret", "service", "service-account", "sql", "repository"]

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only this kind: \(kinds.joined(separator: ", ")); repeat for several. (default: all kinds)", valueName: "kind"))
    var kind: [String] = []

    func validate() throws {
        for kind in kind where !Self.kinds.contains(kind) {
            throw ValidationError("'\(kind)' is not a kind; use one of \(Self.kinds.joined(separator: ", "))")
        }
    }

    func run() async throws {
        try await global.unavailable("list")
    }
}
