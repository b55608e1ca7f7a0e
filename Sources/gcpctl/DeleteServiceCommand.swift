import ArgumentParser
import GCPCtlKit

/// `gcpctl delete-service`: the old spelling of `gcpctl delete service`, kept working and
/// left out of the help.
struct DeleteServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-service",
        abstract: "The old spelling of gcpctl delete service.",
        shouldDisplay: false
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions
    @OptionGroup var consent: ConsentOptions
    @OptionGroup var targets: DeleteTargets

    func validate() throws {
        try targets.validate(kind: .service)
    }

    func run() async throws {
        try await targets.run(.service, global: global, consent: consent)
    }
}
