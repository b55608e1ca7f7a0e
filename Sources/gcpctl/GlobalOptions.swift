import ArgumentParser
import GCPCtlKit

extension OutputFormat: ExpressibleByArgument {}

/// The options every command takes, shown in their own section of each command's help
/// (`@OptionGroup(title: GlobalOptions.title)`).
struct GlobalOptions: ParsableArguments {
    static let title = "Global options"

    @Option(help: ArgumentHelp(
        "The environment: development (dev), staging (stage), production (prod), or any environments/<name>.yaml.",
        valueName: "name"), completion: .custom { words, _, _ in Completions.environments(words) })
    var env = "development"

    @Option(help: ArgumentHelp(
        "The Google Cloud project id. (default: $GCP_PROJECT_ID, the environment file's project, the .env file's GCP_PROJECT_ID, $GOOGLE_CLOUD_PROJECT, $CLOUDSDK_CORE_PROJECT, then the credentials)",
        valueName: "id"))
    var project: String?

    @Option(help: ArgumentHelp(
        "The region, e.g. us-central1. (default: $GCP_REGION, the environment file's region, then the .env file's GCP_REGION)",
        valueName: "region"))
    var region: String?

    @Option(name: .customLong("config-dir"), help: ArgumentHelp(
        "The directory that holds environments/ and the .env files. (default: the current directory)",
        valueName: "dir"))
    var configDir: String?

    @Option(help: ArgumentHelp("text for people, or json for one JSON document on stdout.", valueName: "format"))
    var format: OutputFormat = .text

    @Flag(name: .customLong("no-color"), help: "Never colour the output. (default: colour on a terminal unless NO_COLOR is set or TERM=dumb)")
    var noColor = false

    @Flag(name: [.short, .long], help: "Print only errors and the final result. (default: off)")
    var quiet = false

    @Flag(name: [.short, .long], help: "Also print debug lines and the HTTP trace, secrets redacted. (default: off)")
    var verbose = false

    @Option(name: .customLong("impersonate-service-account"), help: ArgumentHelp(
        "Act as this service account: its tokens are asked of IAM Credentials with the credentials found, which need roles/iam.serviceAccountTokenCreator on it. (default: $GCPCTL_IMPERSONATE_SERVICE_ACCOUNT, else none)",
        valueName: "email"))
    var impersonateServiceAccount: String?

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
        if env.isEmpty { throw ValidationError("--env needs a name, e.g. --env=dev") }
    }

    var settings: GlobalSettings {
        GlobalSettings(
            environment: env, project: project, region: region, configDirectory: configDir,
            format: format, noColor: noColor, quiet: quiet, verbose: verbose,
            impersonateServiceAccount: impersonateServiceAccount
        )
    }
}
