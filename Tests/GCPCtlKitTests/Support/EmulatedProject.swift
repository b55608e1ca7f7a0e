import Foundation
import GCPEmulator
import GoogleCloud
import TestSupport
@testable import GCPCtlKit

/// A gcpctl command run in-process against an emulator: the real environment loader,
/// credential chain, libcurl transport and workflows, with captured output and scripted
/// input. The environment files are copies in a scratch directory, so a test may edit them.
final class EmulatedProject: @unchecked Sendable {
    static let project = "demo-project"

    let emulator: Emulator
    let directory = ScratchDirectory()
    var extraEnvironment: [String: String] = [:]

    init(emulator: Emulator, environments: [String] = ["development", "production", "staging"]) {
        self.emulator = emulator
        for name in environments {
            directory.write("environments/\(name).yaml", Repository.environmentText(name))
        }
    }

    var processEnvironment: [String: String] {
        var environment = [
            "GCPCTL_API_ENDPOINT": emulator.baseURL,
            "GCE_METADATA_HOST": "127.0.0.1:\(emulator.port)",
            "GCPCTL_ACCESS_TOKEN": "emulator-token",
            "GCPCTL_POLL_INTERVAL_MS": "5",
            "GCPCTL_RETRY_INITIAL_MS": "1",
            "GCP_PROJECT_ID": EmulatedProject.project,
            "HOME": directory.url.path,
        ]
        environment.merge(extraEnvironment) { $1 }
        return environment
    }

    struct Run {
        var status: ExitStatus
        var output: String
        var diagnostics: String
    }

    /// Runs `body` as the command `name` would, and returns what it printed and its status;
    /// with `terminal`, as if both output streams were a terminal.
    func run(_ name: String, settings: GlobalSettings = GlobalSettings(environment: "dev"), input: [String] = [],
             interactive: Bool = false, terminal: Bool = false, interrupts: InterruptMonitor = InterruptMonitor(),
             _ body: @escaping @Sendable (CommandContext, CloudConnector) async throws -> ExitStatus) async -> Run {
        let output = CapturedStream(isTerminal: terminal), diagnostics = CapturedStream(isTerminal: terminal)
        let io = CommandIO(output: output, diagnostics: diagnostics, input: ScriptedInput(input, isInteractive: interactive),
                           processEnvironment: processEnvironment, workingDirectory: directory.url, interrupts: interrupts)
        var runner = CommandRunner(settings: settings, io: io)
        let connector = CloudConnector(processEnvironment: io.processEnvironment, reporter: runner.reporter)
        runner.projectFallbacks = [connector.projectFallback]
        let status = await runner.run(name) { context in try await body(context, connector) }
        return Run(status: status, output: output.text, diagnostics: diagnostics.text)
    }

    func setup(_ workflow: SetupWorkflow = SetupWorkflow(executor: fastExecutor), environment: String = "dev",
               yes: Bool = true, format: OutputFormat = .text, input: [String] = [], interactive: Bool = false) async -> Run {
        await run(workflow.planOnly ? "plan" : "setup",
                  settings: GlobalSettings(environment: environment, assumeYes: yes, format: format),
                  input: input, interactive: interactive) { context, connector in
            try await workflow.run(context, connector: connector)
        }
    }

    func plan(environment: String = "dev", detailedExitCode: Bool = true, format: OutputFormat = .text) async -> Run {
        await setup(SetupWorkflow(planOnly: true, detailedExitCode: detailedExitCode), environment: environment, format: format)
    }

    /// The environment as gcpctl loads it, and a context to run resource verbs in, for
    /// tests of single resources.
    func resourceContext(environment name: String = "dev") async throws -> ResourceContext {
        let environment = try await EnvironmentLoader(workingDirectory: directory.url, processEnvironment: processEnvironment)
            .load(EnvironmentRequest(name: name))
        let connector = CloudConnector(processEnvironment: processEnvironment, reporter: Reporter(output: CapturedStream(), diagnostics: CapturedStream()))
        let connection = try await connector.connection()
        return ResourceContext(cloud: connection.client, poller: connection.poller, project: environment.project, environment: environment)
    }

    /// Plans and applies `resources` the way setup does, and says how it went.
    func apply(_ resources: [any Resource], in context: ResourceContext) async -> ExecutionReport {
        let plan = await Planner().plan(resources, context: context)
        return await fastExecutor.apply(plan, context: context)
    }

    /// Rewrites one environment file in the scratch directory.
    func editEnvironment(_ name: String = "development", _ change: (String) -> String) {
        let path = "environments/\(name).yaml"
        directory.write(path, change(directory.read(path)))
    }

    func resource(_ collection: String, _ name: String) -> GCPEmulator.JSONValue? {
        emulator.resource(project: EmulatedProject.project, collection: collection, name: name)
    }

    var mutatingRequests: [RequestLogEntry] { emulator.requests().filter(\.mutating) }
}

/// Retries SERVICE_DISABLED quickly: the emulator enables APIs at once.
let fastExecutor = Executor(retryInterval: .milliseconds(5))

/// An emulator for setup tests: operations finish at once unless a test says otherwise.
func withEmulatedProject<Result: Sendable>(
    _ configure: (inout EmulatorConfiguration) -> Void = { _ in },
    _ body: (EmulatedProject) async throws -> Result
) async throws -> Result {
    var configuration = EmulatorConfiguration()
    configuration.projects = [EmulatedProject.project]
    configure(&configuration)
    return try await withEmulator(configuration) { emulator in try await body(EmulatedProject(emulator: emulator)) }
}
