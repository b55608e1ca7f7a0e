import ArgumentParser
import GCPCtlKit

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check what setup and deploy need: credentials, project, APIs, permissions, the runtime account's roles.",
        discussion: """
        One line per check, each failure with its fix. Exit status 0 when every check \
        passes, 1 otherwise. Changes nothing.

        Examples:
          gcpctl doctor --env=prod
          gcpctl doctor --env=dev --format json
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    func run() async throws {
        try await global.runWithCloud("doctor") { context, connector in try await DoctorWorkflow().run(context, connector: connector) }
    }
}
