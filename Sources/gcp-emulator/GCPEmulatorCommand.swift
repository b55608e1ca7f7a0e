import ArgumentParser
import Foundation
import GCPEmulator

/// `gcp-emulator`: parses flags, starts the emulator, prints where it listens, and runs
/// until SIGINT or SIGTERM.
@main
struct GCPEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gcp-emulator",
        abstract: "A local fake of the Google Cloud APIs gcpctl uses, over HTTP on loopback.",
        version: GCPEmulatorVersion.string)

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 0

    @Option(help: "Loopback address to listen on (127.0.0.1, ::1 or localhost).")
    var host = "127.0.0.1"

    @Option(name: .customLong("project"), help: "A project that exists (repeatable). Without any, every well-formed project id exists on first use.")
    var projects: [String] = []

    @Option(help: "Project id the metadata server reports (default: the first --project, else emulator-project).")
    var metadataProject: String?

    @Flag(help: "Let every API be called whether or not it is enabled in the project.")
    var noAPIGating = false

    @Option(help: "Seconds each kind of operation takes, e.g. sql=30,run=2,build=5,serviceusage=1,artifactregistry=1.")
    var operationSeconds: String?

    @Option(name: .customLong("latency-ms"), help: "Milliseconds added to every API request.")
    var latencyMilliseconds = 0

    @Option(help: "Share of API and token requests answered with a fault (0 to 1).")
    var faultRate = 0.0

    @Option(help: "Seed of the fault sequence.")
    var seed: UInt64 = 0

    @Option(help: "Retry-After seconds on injected 429s.")
    var retryAfterSeconds = 1

    @Option(name: .customLong("slow-response-ms"), help: "Delay of an injected slow response, in milliseconds.")
    var slowResponseMilliseconds = 30_000

    @Option(help: "Largest page any list returns.")
    var maxPageSize: Int?

    @Option(help: "Seconds a new service account stays invisible to setIamPolicy.")
    var iamPropagationSeconds = 0.0

    @Option(help: "Seconds a deleted Cloud SQL instance's name stays reserved (default 0: reusable at once, as Google documents; older Cloud SQL kept names about a week).")
    var sqlNameReservationSeconds: Double?

    @Flag(help: "Act as an organisation with domain-restricted sharing: IAM policies naming allUsers are refused.")
    var domainRestrictedSharing = false

    @Flag(help: "Act as an organisation with Google's secure-by-default policies: the Compute Engine default and legacy Cloud Build service accounts hold no roles, allUsers is refused as with --domain-restricted-sharing, and service account keys cannot be created.")
    var secureByDefault = false

    @Flag(help: "Act as an organisation enforcing constraints/run.managed.requireInvokerIam: Cloud Run services may not set invokerIamDisabled.")
    var requireInvokerIam = false

    @Option(name: .customLong("unhealthy-service"),
            help: "A Cloud Run service whose URLs answer 503 (repeatable), until POST /_emulator/run-health says otherwise.")
    var unhealthyServices: [String] = []

    @Option(help: "Append the request log to this file as JSON lines.")
    var requestLog: String?

    @Option(help: "Load state from this file at start and save it after every change.")
    var state: String?

    @Option(name: .customLong("postgres-bin"),
            help: "Directory of the PostgreSQL 15+ server programs (initdb, postgres) executeSql runs on (default: the newest installed, e.g. /usr/lib/postgresql/15/bin).")
    var postgresBinaries: String?

    @Flag(name: .customLong("no-postgres"), help: "Answer executeSql from the emulator's model of PostgreSQL even when a server is installed.")
    var noPostgres = false

    func validate() throws {
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 1.") }
        if let operationSeconds, EmulatorConfiguration.parseOperationSeconds(operationSeconds) == nil {
            throw ValidationError("--operation-seconds takes KIND=SECONDS pairs separated by commas, e.g. sql=30,run=2.")
        }
        if let maxPageSize, maxPageSize < 1 { throw ValidationError("--max-page-size must be at least 1.") }
        if unhealthyServices.contains(where: \.isEmpty) { throw ValidationError("--unhealthy-service needs a service name.") }
        if noPostgres, postgresBinaries != nil { throw ValidationError("--no-postgres and --postgres-bin contradict each other; give one.") }
        if let postgresBinaries, !["initdb", "postgres"].allSatisfy({ FileManager.default.isExecutableFile(atPath: postgresBinaries + "/" + $0) }) {
            throw ValidationError("--postgres-bin \(postgresBinaries) has no initdb and postgres programs; give the bin directory of a PostgreSQL 15+ server.")
        }
    }

    func run() async throws {
        var configuration = EmulatorConfiguration.executableDefaults
        configuration.host = host
        configuration.port = port
        configuration.projects = projects
        configuration.metadataProject = metadataProject
        configuration.apiGating = !noAPIGating
        if let operationSeconds, let parsed = EmulatorConfiguration.parseOperationSeconds(operationSeconds) {
            configuration.operationSeconds.merge(parsed) { _, given in given }
        }
        configuration.latencyMilliseconds = latencyMilliseconds
        configuration.faultRate = faultRate
        configuration.seed = seed
        configuration.retryAfterSeconds = retryAfterSeconds
        configuration.slowResponseMilliseconds = slowResponseMilliseconds
        configuration.maxPageSize = maxPageSize
        configuration.iamPropagationSeconds = iamPropagationSeconds
        if let sqlNameReservationSeconds { configuration.sqlNameReservationSeconds = sqlNameReservationSeconds }
        configuration.domainRestrictedSharing = domainRestrictedSharing
        configuration.secureByDefault = secureByDefault
        configuration.requireInvokerIAM = requireInvokerIam
        for service in unhealthyServices { configuration.serviceHealth[service] = 503 }
        configuration.requestLogPath = requestLog
        configuration.statePath = state
        if noPostgres { configuration.postgres = .model }
        if let postgresBinaries { configuration.postgres = .binaries(postgresBinaries) }
        configuration.log = { line in FileHandle.standardError.write(Data("gcp-emulator: \(line)\n".utf8)) }

        let emulator: Emulator
        do {
            emulator = try await Emulator.start(configuration)
        } catch {
            FileHandle.standardError.write(Data("gcp-emulator: \(error)\n".utf8))
            throw ExitCode.failure
        }
        // Written straight to the descriptor, unbuffered: scripts wait for this first line.
        FileHandle.standardOutput.write(Data("listening on \(emulator.baseURL)\n".utf8))
        configuration.log?(emulator.postgresDescription)
        await SignalWaiter.waitForTermination()
        await emulator.shutdown()
    }
}
