import ArgumentParser
import GCPCtlKit

struct CleanupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleanup",
        abstract: "Delete the environment's resources: from a menu, one kind at a time, or all.",
        discussion: """
        Finds the resources gcpctl manages (Cloud Run services, Cloud SQL instances, buckets, \
        service accounts, secrets), shows them, and deletes what you choose. A failure to \
        delete one resource does not stop the others; all failures are listed at the end.

        Modes:
          gcpctl cleanup --env=dev               numbered menu (the default): 1,3-4, all, q
          gcpctl cleanup --env=dev --selective   asks y/N for each kind of resource
          gcpctl cleanup --env=dev --all         everything, after you type DELETE ALL

        Without a terminal (CI), --all needs --confirm-delete-all; --yes alone is not enough.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Delete everything, after typing DELETE ALL. (default: show the menu)")
    var all = false

    @Flag(help: "Ask y/N for each kind of resource instead of showing the menu.")
    var selective = false

    @Flag(help: "Show the numbered menu (the default when neither --all nor --selective is given).")
    var menu = false

    @Flag(help: "Confirm --all without typing DELETE ALL, for scripts. (default: ask)")
    var confirmDeleteAll = false

    @Flag(help: "Also disable the environment's APIs afterwards. (default: leave them enabled)")
    var disableAPIs = false

    func validate() throws {
        if [all, selective, menu].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --all, --selective and --menu")
        }
        if confirmDeleteAll && !all {
            throw ValidationError("--confirm-delete-all goes with --all")
        }
    }

    func run() async throws {
        try await global.unavailable("cleanup")
    }
}
