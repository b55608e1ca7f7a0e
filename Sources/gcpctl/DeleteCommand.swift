import ArgumentParser
import GCPCtlKit

struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete one resource of the environment, after confirmation.",
        discussion: """
        Deletes through the kind's own delete (a bucket's objects first; a Cloud SQL \
        instance's deletion protection lifted). Asks first: y/N on a terminal (for Cloud SQL, \
        type the instance name), --yes without one; refuses otherwise. Refuses resources \
        gcpctl did not create, or that another environment created, unless --force; never \
        deletes a bucket another project holds. The name is checked by its kind's rules \
        before anything is sent.

        Examples:
          gcpctl delete bucket clone-uploads-dev --env=dev
          gcpctl delete sql digitwinlive-db-dev --env=dev   # type the instance name to confirm
          gcpctl delete secret old-api-key --env=dev --force --yes
        """
    )

    static let kinds = ManagedKind.allCases.filter { $0 != .api }.map(\.rawValue)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("What to delete: \(kinds.joined(separator: ", ")).", valueName: "kind"))
    var kind: String

    @Argument(help: ArgumentHelp("Its name, as the environment names it.", valueName: "name"))
    var name: String

    @Flag(help: "Delete it even if gcpctl did not create it, or another environment did. (default: refuse)")
    var force = false

    func validate() throws {
        guard Self.kinds.contains(kind) else {
            throw ValidationError("'\(kind)' is not a kind; use one of \(Self.kinds.joined(separator: ", "))")
        }
    }

    func run() async throws {
        guard let managedKind = ManagedKind(rawValue: kind) else { return }
        let workflow = DeleteWorkflow(kind: managedKind, name: name, force: force)
        try await global.runWithCloud("delete") { context, connector in try await workflow.run(context, connector: connector) }
    }
}
