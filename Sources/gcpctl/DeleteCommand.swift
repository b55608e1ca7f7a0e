import ArgumentParser
import GCPCtlKit

/// What `gcpctl delete` deletes: a checked value (a typo is refused with the list, and
/// the shell completes it).
struct DeleteKind: KindArgument {
    static var choices: [ResourceKind] { ResourceKinds.deletable }
    let kind: ResourceKind
    /// `delete service` also takes several names, or --all.
    var isService: Bool { kind == .cloudRunService }
    /// `delete-service`, the old spelling of `delete service`.
    static let service = DeleteKind(kind: .cloudRunService)
}

/// The words after `delete KIND`, shared with the old spelling `delete-service`.
struct DeleteTargets: ParsableArguments {
    @Argument(help: ArgumentHelp("Its name, as the environment names it; for services, one or more.", valueName: "name"),
              completion: .custom { words, _, _ in await Completions.services(words) })
    var names: [String] = []

    @Flag(help: "With service: every service of the environment in its region. (default: only those named)")
    var all = false

    @Flag(help: "Delete it even if gcpctl did not create it, or another environment did. (default: refuse)")
    var force = false

    func validate(kind: DeleteKind) throws {
        if kind.isService {
            if all == !names.isEmpty {
                throw ValidationError(all ? "name services or use --all, not both" : "name the services to delete, or use --all")
            }
        } else {
            if all { throw ValidationError("--all goes with service only") }
            if names.count != 1 { throw ValidationError("name one \(kind.kind.commandName) to delete") }
        }
    }

    /// One resource through its kind's own delete (ownership checked, `--force`); several
    /// services, or all of them, together after one question.
    func run(_ kind: DeleteKind, global: GlobalOptions, consent: ConsentOptions) async throws {
        if kind.isService && (all || names.count > 1) {
            let workflow = DeleteServiceWorkflow(services: names, all: all, force: force)
            try await global.runWithCloud("delete service", with: [consent]) { context, connector in
                try await workflow.run(context, connector: connector)
            }
            return
        }
        let workflow = DeleteWorkflow(kind: kind.kind, name: names[0], force: force)
        try await global.runWithCloud("delete", with: [consent]) { context, connector in try await workflow.run(context, connector: connector) }
    }
}

struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete one resource of the environment (or several services), after confirmation.",
        discussion: """
        Deletes through the kind's own delete (a bucket's objects first; a Cloud SQL \
        instance's deletion protection lifted). Asks first: y/N on a terminal (for Cloud SQL, \
        type the instance name), --yes without one; refuses otherwise. Refuses resources \
        gcpctl did not create, or that another environment created, unless --force; never \
        deletes a bucket another project holds. The name is checked by its kind's rules \
        before anything is sent. delete service takes several names, or --all for every \
        service of the environment (its images, secrets and database stay); gcpctl \
        delete-service is its old spelling.

        Examples:
          gcpctl delete bucket clone-uploads-dev --env=dev
          gcpctl delete sql digitwinlive-db-dev --env=dev   # type the instance name to confirm
          gcpctl delete secret old-api-key --env=dev --force --yes
          gcpctl delete service websocket-server face-processing-service --env=dev
          gcpctl delete service --all --env=dev --yes
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions
    @OptionGroup var consent: ConsentOptions

    @Argument(help: ArgumentHelp("What to delete.", valueName: "kind"))
    var kind: DeleteKind

    @OptionGroup var targets: DeleteTargets

    func validate() throws {
        try targets.validate(kind: kind)
    }

    func run() async throws {
        try await targets.run(kind, global: global, consent: consent)
    }
}
