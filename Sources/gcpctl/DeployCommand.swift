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
          gcpctl deploy --env=dev --dry-run                     # what each build would upload
          gcpctl deploy --env=prod --format json --build-logs > deploy.json   # in CI
          gcpctl deploy --env=prod --image git-0123456789ab     # images built elsewhere, no build
          gcpctl deploy api-gateway --env=prod --image api-gateway@sha256:…
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    @Argument(help: ArgumentHelp("The services to deploy. (default: all of the environment's services)", valueName: "service"),
              completion: .custom { words, _, _ in await Completions.services(words) })
    var services: [String] = []

    @Flag(help: "Deploy the new revision without sending it traffic; promote it later with gcpctl promote. (default: it takes all traffic once ready)")
    var noTraffic = false

    @Option(help: ArgumentHelp("A revision tag, giving the new revision its own URL (https://TAG---service…). (default: candidate with --no-traffic, else none)", valueName: "tag"))
    var tag: String?

    @Flag(help: "Deploy the image already tagged latest instead of building. (default: build)")
    var skipBuild = false

    @Option(help: ArgumentHelp("Deploy this image from the environment's repository instead of building: a tag every service has (v1.2.0, git-COMMIT), or one service's SERVICE:TAG / SERVICE@sha256:DIGEST / full reference. Checked to exist first.", valueName: "ref"))
    var image: String?

    /// deploy never asks, so --yes is not in its help; pipelines written with
    /// `deploy --yes` (the bash scripts' habit, and gcpctl's own CI page once) keep working.
    @Flag(name: [.customShort("y"), .long], help: .hidden)
    var yes = false

    @Flag(help: "Do not check that the service URL answers after deploying. (default: check)")
    var noVerify = false

    @Flag(help: "When a service fails its health check, send its traffic back to the revision that served before. (default: leave the new revision serving)")
    var rollbackOnFailure = false

    @Option(help: ArgumentHelp("How long each service's /health may take to answer 200, in seconds.", valueName: "seconds"))
    var verifyTimeout = 60

    @Flag(name: .customLong("take-over"), help: "Deploy over Cloud Run services labelled for another environment of the project (gcpctl-env), making them this one's. (default: refuse, and change nothing)")
    var takeOver = false

    @Flag(name: .customLong("dry-run"), help: "List the files each service's build would upload (after .gcloudignore or .gitignore, and .dockerignore), with their count and size; upload, build and change nothing. (default: deploy)")
    var dryRun = false

    @Flag(help: "Print every line of each build's log on stderr as SERVICE | LINE, e.g. in a CI log; --verbose does too, with the HTTP trace. (default: on a terminal the latest line only, elsewhere none)")
    var buildLogs = false

    func validate() throws {
        if verifyTimeout < 1 { throw ValidationError("--verify-timeout must be at least 1 second") }
        if image != nil && skipBuild { throw ValidationError("--image and --skip-build both choose the image; give one") }
        if let image, PrebuiltImage.namesOneImage(image), services.count != 1 {
            throw ValidationError("--image \(image) names one service's image; name that service too, e.g. gcpctl deploy api-gateway --image \(image)")
        }
        if noVerify && rollbackOnFailure { throw ValidationError("--rollback-on-failure needs the health check; drop --no-verify") }
        if let tag, let problem = RevisionTag.problem(tag) { throw ValidationError(problem) }
    }

    func run() async throws {
        var options = DeployOptions(
            services: services, noTraffic: noTraffic, tag: tag, skipBuild: skipBuild, verify: !noVerify,
            rollbackOnFailure: rollbackOnFailure, healthCheck: HealthCheck(timeout: .seconds(verifyTimeout)), dryRun: dryRun,
            buildLogs: buildLogs)
        options.takeOver = takeOver
        options.image = image
        let workflow = DeployWorkflow(options)
        try await global.runWithCloud("deploy") { context, connector in try await workflow.run(context, connector: connector) }
    }
}
