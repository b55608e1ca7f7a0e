import ArgumentParser
import GCPCtlKit

struct SQLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Start or stop the Cloud SQL instance (a stopped instance costs only its storage), or run SQL on it.",
        discussion: """
        Already running (start) or stopped (stop): says so and changes nothing.

        Examples:
          gcpctl sql stop --env=dev     # evenings and weekends
          gcpctl sql start --env=dev
          gcpctl sql exec --env=dev "SELECT 1"
        """,
        subcommands: [SQLStartCommand.self, SQLStopCommand.self, SQLExecCommand.self]
    )
}

/// Options shared by `sql start` and `sql stop`.
struct SQLOptions: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "Wait until the instance has started or stopped.")
    var wait = true
}

struct SQLStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start the Cloud SQL instance (activation policy ALWAYS); takes 1-3 minutes."
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions
    @OptionGroup var options: SQLOptions

    func run() async throws {
        let workflow = SQLPowerWorkflow(.start, wait: options.wait)
        try await global.runWithCloud("sql start") { context, connector in try await workflow.run(context, connector: connector) }
    }
}

struct SQLStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop the Cloud SQL instance (activation policy NEVER); services using it fail until it starts. Asks first (--yes in scripts)."
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions
    @OptionGroup var options: SQLOptions
    @OptionGroup var consent: ConsentOptions

    func run() async throws {
        let workflow = SQLPowerWorkflow(.stop, wait: options.wait)
        try await global.runWithCloud("sql stop", with: [consent]) { context, connector in try await workflow.run(context, connector: connector) }
    }
}
