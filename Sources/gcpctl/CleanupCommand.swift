import ArgumentParser
import GCPCtlKit

struct CleanupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleanup",
        abstract: "Delete the environment's resources: from a menu, one kind at a time, or all.",
        discussion: """
        Finds every Cloud Run service in the environment's region, GKE cluster, Cloud SQL \
        instance, bucket (with the Cloud Build staging bucket), secret, Artifact Registry \
        repository and service account in the project, shows them with their details, and \
        deletes what you choose. Only resources gcpctl manages for this environment (labels \
        managed-by=gcpctl and gcpctl-env=<env>; for the service account, the one the \
        environment declares) are offered unless --include-unmanaged is given.

        What uses a resource is deleted before it: the Cloud Run services before the Cloud \
        SQL instance, secrets and service accounts; an account's project role bindings \
        before the account; buckets (objects and versions first) and repositories at once; \
        with --disable-apis the APIs last, only after everything else went. A failure to \
        delete one resource does not stop the others; all failures are listed at the end \
        and the exit status is 2.

        Modes:
          gcpctl cleanup --env=dev               numbered menu (the default): 1,3-4, all, q
          gcpctl cleanup --env=dev --selective   asks y/N for each kind of resource
          gcpctl cleanup --env=dev --all         everything, after you type DELETE ALL

        Without a terminal (CI) only --all works, and only with --yes and \
        --confirm-project=<project id>:
          gcpctl cleanup --env=dev --all --yes --confirm-project=my-project
        A Cloud SQL instance with deletion protection needs its name typed; in CI add \
        --delete-protected, else it is kept.
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions
    @OptionGroup var consent: ConsentOptions
    @OptionGroup var tables: TableOptions

    @Flag(help: "Delete everything offered, after typing DELETE ALL. (default: show the menu)")
    var all = false

    @Flag(help: "Ask y/N for each kind of resource instead of showing the menu.")
    var selective = false

    @Flag(help: "Show the numbered menu (the default when neither --all nor --selective is given).")
    var menu = false

    @Flag(help: "Also offer resources that are not gcpctl's for this environment. (default: only gcpctl's)")
    var includeUnmanaged = false

    @Option(help: ArgumentHelp(
        "The project id, repeated: refuses unless it is the environment's project, and answers the typed DELETE ALL for scripts. (default: ask)",
        valueName: "id"))
    var confirmProject: String?

    @Flag(help: "With --confirm-project: delete Cloud SQL instances that have deletion protection without typing their names. (default: ask, or keep them without a terminal)")
    var deleteProtected = false

    @Flag(name: .customLong("disable-apis"), help: "Also turn the environment's APIs off, last, if everything else was deleted. (default: leave them on)")
    var disableAPIs = false

    @Option(help: "How many resources to delete at once (what uses a resource is always deleted before it).")
    var parallelism = 8

    func validate() throws {
        if [all, selective, menu].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --all, --selective and --menu")
        }
        if deleteProtected && confirmProject == nil {
            throw ValidationError("--delete-protected needs --confirm-project=<project id>")
        }
        if confirmProject?.isEmpty == true { throw ValidationError("--confirm-project needs the project id") }
        if parallelism < 1 { throw ValidationError("--parallelism must be at least 1") }
    }

    func run() async throws {
        let options = CleanupOptions(
            mode: all ? .all : selective ? .selective : .menu, includeUnmanaged: includeUnmanaged,
            confirmProject: confirmProject, deleteProtected: deleteProtected, disableAPIs: disableAPIs)
        let workflow = CleanupWorkflow(options: options, executor: Executor(concurrency: parallelism))
        try await global.runWithCloud("cleanup", with: [consent, tables]) { context, connector in try await workflow.run(context, connector: connector) }
    }
}
