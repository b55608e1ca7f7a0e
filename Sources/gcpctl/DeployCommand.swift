import ArgumentParser
import GCPCtlKit

struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Build the services' images with Cloud Build and deploy them to Cloud Run.",
        discussion: """
        For each service, all at once: build its image from its source directory with Cloud \
        Build (skipped when the source is unchanged), tag it with a timestamp and latest, \
        deploy a revision with the declared limits, variables, secrets and Cloud SQL \
        connection (no change: no new revision), check that its /health answers 200, and \
        write the URLs to the environment's .env file. With no service named, every service \
        is deployed.

        Examples:
          gcpctl deploy --env=prod
          gcpctl deploy api-gateway --env=prod
          gcpctl deploy --env=prod --no-traffic                 # then: gcpctl promote, or gcpctl rollback
          gcpctl deploy --env=prod --rollback-on-failure
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The services to deploy. (default: all of the environment's services)", valueName: "service"))
    var services: [String] = []

    @Flag(help: "Deploy the new revision without sending it traffic; promote it later with gcpctl promote. (default: it takes all traffic once ready)")
    var noTraffic = false

    @Option(help: ArgumentHelp("A revision tag, giving the new revision its own URL (https://TAG---service…). (default: candidate with --no-traffic, else none)", valueName: "tag"))
    var tag: String?

    @Flag(help: "Deploy the image already tagged latest instead of building. (default: build)")
    var skipBuild = false

    @Flag(help: "Do not check that the service URL answers after deploying. (default: check)")
    var noVerify = false

    @Flag(help: "When a service fails its health check, send its traffic back to the revision that served before. (default: leave the new revision serving)")
    var rollbackOnFailure = false

    @Option(help: ArgumentHelp("How long each service's /health may take to answer 200, in seconds.", valueName: "seconds"))
    var verifyTimeout = 60

    func validate() throws {
        if verifyTimeout < 1 { throw ValidationError("--verify-timeout must be at least 1 second") }
        if noVerify && rollbackOnFailure { throw ValidationError("--rollback-on-failure needs the health check; drop --no-verify") }
        if let tag, let problem = RevisionTag.problem(tag) { throw ValidationError(problem) }
    }

    func run() async throws {
        let workflow = DeployWorkflow(DeployOptions(
            services: services, noTraffic: noTraffic, tag: tag, skipBuild: skipBuild, verify: !noVerify,
            rollbackOnFailure: rollbackOnFailure, healthCheck: HealthCheck(timeout: .seconds(verifyTimeout))))
        try await global.runWithCloud("deploy") { context, connector in try await workflow.run(context, connector: connector) }
    }
}
