import ArgumentParser
import Foundation
import GCPCtlKit

struct SetupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Create every resource the environment declares, and fix what has drifted.",
        discussion: """
        Enables the APIs, then creates the Artifact Registry repository, the buckets with \
        their lifecycle rules, the service account and its roles, the secrets and the Cloud \
        SQL instance, in dependency order and concurrently where possible. What already \
        exists is adopted, not recreated: running setup twice changes nothing the second time.
        It shows the plan and asks before changing anything (--yes to skip the question).

        Examples:
          gcpctl setup --env=dev
          gcpctl setup --env=prod --yes --skip-sql
          gcpctl setup --env=dev --only sql           (what gcp-create-sql.sh did)
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions
    @OptionGroup var consent: ConsentOptions

    @OptionGroup var parts: SetupPartsOption

    @Flag(name: .customLong("skip-sql"), help: "Leave out the Cloud SQL instance (its create takes 5-20 minutes and it costs money while it runs). (default: create it)")
    var skipSQL = false

    @Flag(name: .customLong("dry-run"), help: "Show the plan and change nothing, as `gcpctl plan` does. (default: apply)")
    var dryRun = false

    @Flag(help: "With --dry-run: exit with 2 when changes are pending. (default: 0 either way)")
    var detailedExitcode = false

    @Option(name: .customLong("create-key"), help: ArgumentHelp(
        "Also create a key for the service account and write it to this file with mode 0600. Keyless authentication (workload identity, the metadata server) is safer; use this only where it is impossible. (default: no key)",
        valueName: "path"))
    var createKey: String?

    @Flag(help: "With --create-key: replace a file already at that path. (default: refuse, unless it holds a live key of the account)")
    var overwrite = false

    @Option(help: "How many resources to change at once.")
    var parallelism = 8

    func validate() throws {
        if detailedExitcode && !dryRun { throw ValidationError("--detailed-exitcode needs --dry-run (or use gcpctl plan)") }
        if parallelism < 1 { throw ValidationError("--parallelism must be at least 1") }
        if !parts.only.isEmpty && skipSQL { throw ValidationError("--only and --skip-sql cannot be used together; name the parts to set up with --only") }
        if overwrite && createKey == nil { throw ValidationError("--overwrite applies to --create-key PATH; name the key file") }
    }

    func run() async throws {
        let workflow = SetupWorkflow(
            resources: SetupOptions(keyFile: createKey.map(Self.absolute), overwriteKeyFile: overwrite), planOnly: dryRun,
            detailedExitCode: detailedExitcode, skipSQL: skipSQL, only: try parts.selection(), executor: Executor(concurrency: parallelism))
        try await global.runWithCloud("setup", with: [consent]) { context, connector in try await workflow.run(context, connector: connector) }
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
