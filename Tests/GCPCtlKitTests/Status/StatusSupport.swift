import Foundation
import GCPEmulator
import GoogleCloud
import TestSupport
@testable import GCPCtlKit

extension EmulatedProject {
    /// `gcpctl status --env=dev` in-process. Rows get two minutes, not the command's 30 s:
    /// the suite runs hundreds of emulated projects at once on two cores, where one status
    /// can take tens of seconds; the deadline itself is tested with hanging reads.
    func status(_ workflow: StatusWorkflow = StatusWorkflow(timeout: .seconds(120)), environment: String = "dev",
                format: OutputFormat = .text, terminal: Bool = false) async -> Run {
        await run("status", settings: GlobalSettings(environment: environment, format: format), terminal: terminal) { context, connector in
            try await workflow.run(context, connector: connector)
        }
    }

    /// The status document of `--format json`, decoded.
    func statusDocument(_ workflow: StatusWorkflow = StatusWorkflow(timeout: .seconds(120)), environment: String = "dev") async throws -> (Run, StatusDocument) {
        let run = await status(workflow, environment: environment, format: .json)
        return (run, try JSONDecoder().decode(StatusDocument.self, from: Data(run.output.utf8)))
    }

    /// Runs a day-2 workflow as its command would.
    func dayTwo(_ name: String, yes: Bool = false, format: OutputFormat = .text, input: [String] = [], interactive: Bool = false,
                _ body: @escaping @Sendable (CommandContext, CloudConnector) async throws -> ExitStatus) async -> Run {
        await run(name, settings: GlobalSettings(environment: "dev", assumeYes: yes, format: format), input: input,
                  interactive: interactive, body)
    }

    /// `gcpctl sql start|stop --env=dev` in-process.
    func sql(_ action: SQLPowerWorkflow.Action, wait: Bool = true, yes: Bool = true, input: [String] = [],
             interactive: Bool = false) async -> Run {
        await dayTwo("sql \(action.rawValue)", yes: yes, input: input, interactive: interactive) { context, connector in
            try await SQLPowerWorkflow(action, wait: wait).run(context, connector: connector)
        }
    }
}

/// `gcpctl status --format json`, as a CI job would read it.
struct StatusDocument: Decodable {
    var environment: String
    var project: String
    var region: String
    var healthy: Bool
    var exitCode: Int32
    var checkedAt: String
    var elapsedSeconds: Double
    var requests: Int
    var counts: [String: Int]
    var fixes: [String]
    var apis: [Row]
    var artifactRegistry: [Row]
    var buckets: [Row]
    var serviceAccount: [Row]
    var secrets: [Row]
    var cloudSQL: [Row]
    var services: [Row]
    var monitoring: [Row]

    struct Row: Decodable {
        var kind: String
        var name: String
        var state: String
        var details: [String: GoogleCloud.JSONValue]
        var changes: [FieldChange]
        var reason: String?
        var fix: String?
    }

    var allRows: [Row] { apis + artifactRegistry + buckets + serviceAccount + secrets + cloudSQL + services + monitoring }

    func row(_ kind: String, _ name: String) -> Row? { allRows.first { $0.kind == kind && $0.name == name } }
}

/// Counts the requests in flight at once (the peak), to show that status sends its
/// independent reads together rather than one after another.
final class ConcurrencyProbe: HTTPTransport, @unchecked Sendable {
    let base: any HTTPTransport
    private let lock = NSLock()
    private var inFlight = 0
    private(set) var peak = 0

    init(_ base: any HTTPTransport) { self.base = base }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock {
            inFlight += 1
            peak = max(peak, inFlight)
        }
        defer { lock.withLock { inFlight -= 1 } }
        return try await base.send(request)
    }
}

extension EmulatedProject {
    /// Status over a given transport (a probe wrapped around libcurl).
    func status(over transport: any HTTPTransport, _ workflow: StatusWorkflow = StatusWorkflow()) async -> Run {
        let output = CapturedStream(), diagnostics = CapturedStream()
        let io = CommandIO(output: output, diagnostics: diagnostics, input: ScriptedInput([], isInteractive: false),
                           processEnvironment: processEnvironment, workingDirectory: directory.url)
        let runner = CommandRunner(settings: GlobalSettings(environment: "dev"), io: io)
        let connector = CloudConnector(processEnvironment: io.processEnvironment, reporter: runner.reporter, transport: transport)
        let status = await runner.run("status") { context in try await workflow.run(context, connector: connector) }
        return Run(status: status, output: output.text, diagnostics: diagnostics.text)
    }

    /// Authenticates with a service account key file, so every token is a grant the
    /// emulator counts.
    func useKeyFile() throws {
        let account = try TestServiceAccount.make(on: emulator, email: "status@demo-project.iam.gserviceaccount.com")
        let directory = try TemporaryDirectory()
        extraEnvironment["GOOGLE_APPLICATION_CREDENTIALS"] = try account.writeKeyFile(in: directory, emulator: emulator)
        extraEnvironment["GCPCTL_ACCESS_TOKEN"] = ""
    }

    /// The API requests of the log (no token grants), as `METHOD URL BODY`.
    var apiRequests: [String] {
        emulator.requests().filter { $0.api != nil && $0.methodID?.hasPrefix("oauth2") != true && $0.methodID?.hasPrefix("metadata") != true }
            .map { "\($0.method) \($0.url) \($0.body.map { "\($0)" } ?? "")" }
    }
}
