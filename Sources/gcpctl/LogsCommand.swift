import ArgumentParser
import GCPCtlKit

struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Show a service's recent log entries from Cloud Logging (or a build's), newest last.",
        discussion: """
        Each line: timestamp, severity, revision (or build), and the message: the text, or a \
        JSON entry's message with its other fields after it, or the request for Cloud Run's \
        request log. --format json prints the entries as Cloud Logging gives them.

        Examples:
          gcpctl logs api-gateway --env=prod
          gcpctl logs api-gateway --env=prod --since 10m --severity ERROR
          gcpctl logs api-gateway --env=dev --follow
          gcpctl logs --env=dev --build 7c1e5c9a-…              # one build's log
          gcpctl logs --env=dev --builds --since 2h             # every build's lines
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    @Argument(help: ArgumentHelp("The service whose logs to show.", valueName: "service"))
    var service: String?

    @Option(help: ArgumentHelp("At most this many entries (1 to 1000). (default: 50)", valueName: "n"))
    var limit = 50

    @Option(help: ArgumentHelp("Only entries this recent: 30s, 10m, 2h, 7d. (default: 1d)", valueName: "age"))
    var since = "1d"

    @Option(help: ArgumentHelp("Only entries of this severity or worse: DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY. (default: all)", valueName: "level"))
    var severity: String?

    @Flag(help: "Keep printing new entries as they arrive, until Ctrl-C. (default: print once)")
    var follow = false

    @Option(help: ArgumentHelp("Show this Cloud Build build's log instead of a service's.", valueName: "id"))
    var build: String?

    @Flag(help: "Show every build's log lines instead of a service's. (default: off)")
    var builds = false

    func validate() throws {
        let sources = [service != nil, build != nil, builds].filter { $0 }.count
        if sources == 0 { throw ValidationError("name a service, e.g. gcpctl logs api-gateway, or use --build ID or --builds") }
        if sources > 1 { throw ValidationError("give one of a service, --build ID and --builds") }
        if !(1...1000).contains(limit) { throw ValidationError("--limit must be from 1 to 1000") }
        if LogQuery.duration(since) == nil { throw ValidationError("--since takes an age such as 30s, 10m, 2h or 7d, not '\(since)'") }
        if let severity, !LogQuery.severities.contains(severity.uppercased()) {
            throw ValidationError("--severity must be one of \(LogQuery.severities.dropFirst().joined(separator: ", "))")
        }
        if follow && global.format == .json { throw ValidationError("--follow prints lines as they come; use it without --format json") }
    }

    func run() async throws {
        let source: LogQuery.Source = build.map { .build($0) } ?? (builds ? .builds : .service(service ?? ""))
        let workflow = LogsWorkflow(source: source, limit: limit, sinceSeconds: LogQuery.duration(since),
                                    severity: severity?.uppercased(), follow: follow)
        try await global.runWithCloud("logs") { context, connector in try await workflow.run(context, connector: connector) }
    }
}
