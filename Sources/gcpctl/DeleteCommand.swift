import ArgumentParser
import GCPCtlKit

struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete one resource of the environment, after confirmation.",
        discussion: """
        Examples:
          gcpctl delete bucket clone-uploads-dev --env=dev
          gcpctl delete sql digitwinlive-db-dev --env=dev   # type the instance name to confirm
        """
    )

    static let kinds = ["bucket", "secret", "service", "service-account", "sql", "repository"]

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("What to delete: \(kinds.joined(separator: ", ")).", valueName: "kind"))
    var kind: String

    @Argument(help: ArgumentHelp("Its name, as the environment names it.", valueName: "name"))
    var name: String

    func validate() throws {
        guard Self.kinds.contains(kind) else {
            throw ValidationError("'\(kind)' is not a kind; use one of \(Self.kinds.joined(separator: ", "))")
        }
    }

    func run() async throws {
        try await global.unavailable("delete")
    }
}
