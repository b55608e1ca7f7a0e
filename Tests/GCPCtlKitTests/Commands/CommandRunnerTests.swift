import Foundation
import Testing
import TestSupport
@testable import GCPCtlKit

/// The shared path of every command, without argv: loading, errors, exit statuses, JSON,
/// interrupts.
@Suite struct CommandRunnerTests {
    struct Harness {
        let directory = ScratchDirectory()
        let output = CapturedStream()
        let diagnostics = CapturedStream()
        let interrupts = InterruptMonitor()

        init(environment yaml: String = minimalEnvironment) {
            directory.write("environments/development.yaml", yaml)
        }

        func runner(_ settings: GlobalSettings = GlobalSettings(), input: [String] = [], interactive: Bool = false) -> CommandRunner {
            CommandRunner(settings: settings, io: CommandIO(
                output: output, diagnostics: diagnostics, input: ScriptedInput(input, isInteractive: interactive),
                processEnvironment: TestSupport.emptyEnvironment, workingDirectory: directory.url, interrupts: interrupts
            ))
        }
    }

    @Test func successfulCommandGetsTheEnvironment() async {
        let harness = Harness()
        let status = await harness.runner().run("urls") { context in
            context.reporter.line("project \(context.environment.project)")
            return .success
        }
        #expect(status == .success)
        #expect(harness.output.lines == ["project my-project-123"])
    }

    @Test func configurationErrorsExitWithOneAndOneLineEach() async {
        let harness = Harness(environment: minimalEnvironment + "\nservices:\n  api:\n    source: a\n    memory: 1GB\n    cpu: \"3\"")
        let status = await harness.runner().run("deploy") { _ in .success }
        #expect(status == .configurationError)
        #expect(harness.diagnostics.lines.map(withoutPosition) == [
            "❌ environments/development.yaml: services.api.memory: '1GB' is not a valid memory size; use a value like 512Mi or 1Gi",
            "❌ environments/development.yaml: services.api.cpu: '3' is not a valid CPU limit; use 1, 2, 4, 6 or 8, or a fraction of a CPU from 0.08 (80m) to 1",
        ])
    }

    @Test func unavailableCommandValidatesFirstThenSaysSo() async {
        let harness = Harness()
        #expect(await harness.runner().unavailable("setup") == .configurationError)
        #expect(harness.diagnostics.lines == ["❌ gcpctl setup is not available yet in this build"])
        let broken = Harness(environment: minimalEnvironment + "\nregoin: x")
        #expect(await broken.runner().unavailable("setup") == .configurationError)
        #expect(broken.diagnostics.lines.map(withoutPosition) == ["❌ environments/development.yaml: regoin: unknown key; did you mean 'region'?"])
    }

    @Test func failuresInJSONModeStillPrintOneDocument() async throws {
        let harness = Harness()
        let status = await harness.runner(GlobalSettings(format: .json)).unavailable("status")
        #expect(status == .configurationError)
        let document = try JSONSerialization.jsonObject(with: Data(harness.output.text.utf8)) as? [String: Any]
        #expect(document?["ok"] as? Bool == false)
        #expect(document?["exitCode"] as? Int == 1)
        #expect(document?["errors"] as? [String] == ["gcpctl status is not available yet in this build"])
        #expect(harness.diagnostics.lines == ["error: gcpctl status is not available yet in this build"])
    }

    /// Every command's document has the one envelope, the runner's, around the command's
    /// own fields; errors printed on the way are its errors.
    @Test func everyDocumentHasTheSharedEnvelope() async throws {
        struct Found: Encodable { var services = ["api"]; var ok = "the envelope's wins" }
        let harness = Harness()
        let status = await harness.runner(GlobalSettings(format: .json)).run("urls") { context in
            context.reporter.info("looking")
            context.reporter.result(Found()) { context.reporter.line("api") }
            context.reporter.error("websocket: not deployed")
            return .operationFailed
        }
        #expect(status == .operationFailed)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(harness.output.text.utf8)) as? [String: Any])
        #expect(Set(document.keys) == CommandDocument.envelopeKeys.union(["services"]))
        #expect(document["schemaVersion"] as? Int == CommandDocument.schemaVersion)
        #expect(document["command"] as? String == "urls")
        #expect(document["ok"] as? Bool == false && document["exitCode"] as? Int == 2)
        #expect(document["project"] as? String == "my-project-123" && document["environment"] as? String == "development")
        #expect(document["region"] as? String == "us-central1")
        #expect(document["errors"] as? [String] == ["websocket: not deployed"])
        #expect(document["services"] as? [String] == ["api"])
        #expect(harness.diagnostics.lines == ["ℹ️  looking", "error: websocket: not deployed"], "narration stays on stderr")
    }

    /// Before the environment is loaded, the envelope holds what the command line said.
    @Test func aDocumentBeforeTheEnvironmentLoadsNamesWhatWasAskedFor() async throws {
        let harness = Harness(environment: minimalEnvironment + "\nregoin: x")
        let status = await harness.runner(GlobalSettings(environment: "dev", project: "asked-for-project", format: .json)).run("plan") { _ in .success }
        #expect(status == .configurationError)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(harness.output.text.utf8)) as? [String: Any])
        #expect(document["environment"] as? String == "development" && document["project"] as? String == "asked-for-project")
        #expect(document["region"] is NSNull)
        #expect(document["ok"] as? Bool == false && document["exitCode"] as? Int == 1 && document["command"] as? String == "plan")
    }

    @Test func statusesFromTheBody() async {
        struct ResourceFailure: Error {}
        let harness = Harness()
        #expect(await harness.runner().run("status") { _ in .unhealthy } == .unhealthy)
        #expect(await harness.runner().run("setup") { _ in throw ResourceFailure() } == .operationFailed)
    }

    @Test func refusedPromptExitsWithOne() async {
        let harness = Harness()
        let status = await harness.runner().run("cleanup") { context in
            _ = try await context.prompter.confirm("Delete 4 buckets?")
            return .success
        }
        #expect(status == .configurationError)
        #expect(harness.diagnostics.lines == ["❌ cannot ask \"Delete 4 buckets?\": standard input is not a terminal; pass --yes to confirm"])
    }

    @Test func interruptCancelsTheBodyAndExitsWith130() async {
        let harness = Harness()
        let status = await harness.runner().run("setup") { context in
            context.interrupts.interrupt(signal: SIGINT)  // as the signal handler would
            try Task.checkCancellation()
            try context.interrupts.checkNotInterrupted()
            return .success
        }
        #expect(status == .interrupted)
        #expect(harness.diagnostics.lines.first?.hasPrefix("❌ interrupted (SIGINT)") == true)
    }

    @Test func exitStatusMapping() {
        #expect(ExitStatus.of(ConfigurationError.issues([])) == .configurationError)
        #expect(ExitStatus.of(CommandUnavailableError(command: "x")) == .configurationError)
        #expect(ExitStatus.of(InterruptedError(signal: SIGTERM)) == .interrupted)
        #expect(ExitStatus.of(CancellationError()) == .interrupted)
        #expect(ExitStatus.of(URLError(.timedOut)) == .operationFailed)
        #expect([ExitStatus.success, .configurationError, .operationFailed, .unhealthy, .interrupted].map(\.rawValue) == [0, 1, 2, 3, 130])
    }

    @Test func interruptMonitorRunsActionsOnce() {
        let monitor = InterruptMonitor()
        let calls = Locked(0)
        monitor.onInterrupt { _ in calls.withLock { $0 += 1 } }
        #expect(throws: Never.self) { try monitor.checkNotInterrupted() }
        monitor.interrupt(signal: SIGTERM)
        monitor.interrupt(signal: SIGTERM)
        monitor.onInterrupt { _ in calls.withLock { $0 += 1 } }  // late: runs at once
        #expect(calls.current == 2)
        #expect(throws: InterruptedError(signal: SIGTERM)) { try monitor.checkNotInterrupted() }
    }

    @Test func configShowPrintsTheResolvedEnvironment() async throws {
        func show(_ format: OutputFormat) async -> (GCPCtlKit.ExitStatus, String) {
            let harness = Harness(environment: minimalEnvironment)
            Repository.writeEnvironment("production", to: harness.directory)
            let settings = GlobalSettings(environment: "prod", project: "show-me-123", format: format)
            let status = await harness.runner(settings).run("config show") { context in
                EnvironmentReport.show(context.environment, on: context.reporter)
                return .success
            }
            return (status, harness.output.text)
        }
        let (status, text) = await show(.text)
        #expect(status == .success)
        #expect(text.contains("project:  show-me-123 (from the --project flag)"))
        #expect(text.contains("clone-uploads-prod       US-CENTRAL1  STANDARD  delete tmp/* after 7d; delete after 30d"))
        let decoded = try JSONDecoder().decode(Environment.self, from: Data(await show(.json).1.utf8))
        #expect(decoded.project == "show-me-123")
        #expect(decoded.cloudSQL?.connectionName == "show-me-123:us-central1:digitwinlive-db-prod")
    }
}
