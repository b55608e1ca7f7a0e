import Foundation
import GCPCtlKit
import GCPEmulator

/// A scratch copy of the repository's environment files (and examples, for deploy), and
/// gcpctl's workflows run in-process against an emulator, as the command would run them.
struct BenchProject {
    static let project = "bench-project"

    let directory: URL
    var emulator: Emulator

    /// Copies `environments/` and `examples/` from the repository into a temporary directory.
    static func make(repository: URL) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gcpctl-bench-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for folder in ["environments", "examples"] {
            let source = repository.appendingPathComponent(folder)
            if FileManager.default.fileExists(atPath: source.path) {
                try FileManager.default.copyItem(at: source, to: directory.appendingPathComponent(folder))
            }
        }
        return directory
    }

    /// The repository root: the nearest folder above the current one with environments/.
    static func repositoryRoot() -> URL? {
        var url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("environments/development.yaml").path) { return url }
            url.deleteLastPathComponent()
        }
        return nil
    }

    /// What gcpctl needs to talk to this emulator (the variables a user would export).
    var processEnvironment: [String: String] {
        [
            "GCPCTL_API_ENDPOINT": emulator.baseURL,
            "GCE_METADATA_HOST": "127.0.0.1:\(emulator.port)",
            "GCPCTL_ACCESS_TOKEN": "bench-token",
            "GCPCTL_POLL_INTERVAL_MS": "20",
            "GCP_PROJECT_ID": BenchProject.project,
            "HOME": directory.path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
    }

    struct Run {
        var status: ExitStatus
        var output: String
        var diagnostics: String
    }

    /// Runs `body` as gcpctl's command `name` would, with captured output.
    func run(_ name: String, settings: GlobalSettings = GlobalSettings(environment: "dev", assumeYes: true),
             _ body: @escaping @Sendable (CommandContext, CloudConnector) async throws -> ExitStatus) async -> Run {
        let output = CapturedStream(), diagnostics = CapturedStream()
        let io = CommandIO(output: output, diagnostics: diagnostics, input: ScriptedInput([], isInteractive: false),
                           processEnvironment: processEnvironment, workingDirectory: directory)
        var runner = CommandRunner(settings: settings, io: io)
        let connector = CloudConnector(processEnvironment: io.processEnvironment, reporter: runner.reporter)
        runner.projectFallbacks = [connector.projectFallback]
        let status = await runner.run(name) { context in try await body(context, connector) }
        return Run(status: status, output: output.text, diagnostics: diagnostics.text)
    }

    /// API requests in the log (token and metadata requests left out).
    var apiRequestCount: Int {
        emulator.requests().filter { $0.api != nil && $0.api != "oauth2" && $0.api != "computeMetadata" }.count
    }
}
