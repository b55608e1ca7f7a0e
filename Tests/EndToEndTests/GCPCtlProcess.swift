import Foundation
import class Processes.ChildProcess
import GCPEmulator
import TestSupport

/// The built `gcpctl` binary run as a process, as an operator or a CI job runs it.
struct GCPCtlProcess {
    struct Result {
        var status: Int32
        var output: String
        var errors: String
        var all: String { output + errors }
    }

    /// `gcpctl` sits beside the test bundle in the build products directory.
    static let binary = product("gcpctl")

    /// An executable of the package (`gcpctl`, `gcp-emulator`) in the build products directory.
    static func product(_ name: String) -> URL {
        let products = Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = products.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return products.deletingLastPathComponent().appendingPathComponent(name)
    }

    var environment: [String: String]
    var directory: URL

    /// Points gcpctl at `emulator` and nowhere else.
    init(emulator: Emulator?, directory: URL, extra: [String: String] = [:]) {
        // GCE_METADATA_IP too: the metadata server's address is never reached for real.
        // GCE_METADATA_TIMEOUT: the emulator answering as metadata server shares two cores
        // with the rest of the suite, which can hold an answer past the default 3 s probe.
        var environment = ["PATH": "/usr/bin:/bin", "HOME": directory.path, "NO_COLOR": "1", "GCE_METADATA_IP": "127.0.0.1:9",
                           "GCE_METADATA_TIMEOUT": "30"]
        if let emulator {
            environment["GCPCTL_API_ENDPOINT"] = emulator.baseURL
            environment["GCE_METADATA_HOST"] = "127.0.0.1:\(emulator.port)"
            environment["GCPCTL_POLL_INTERVAL_MS"] = "5"
            environment["GCPCTL_RETRY_INITIAL_MS"] = "1"
        } else {
            environment["GCE_METADATA_HOST"] = "127.0.0.1:1"
        }
        environment.merge(extra) { $1 }
        self.environment = environment
        self.directory = directory
    }

    /// gcpctl as the process tests run it: in `workspace`, against the emulator's
    /// demo-project, with an access token of its own (and `extra` on top).
    static func demoProject(_ emulator: Emulator, in workspace: TemporaryDirectory, extra: [String: String] = [:]) -> GCPCtlProcess {
        GCPCtlProcess(emulator: emulator, directory: URL(fileURLWithPath: workspace.path),
                      extra: ["GCPCTL_ACCESS_TOKEN": "process-token", "GCP_PROJECT_ID": "demo-project"].merging(extra) { $1 })
    }

    /// Runs `body` with an emulator configured for process tests (`change` applied), and
    /// gcpctl for the demo project in a workspace of the repository's environments and
    /// examples, removed afterwards.
    static func withDemoProject(_ change: (inout EmulatorConfiguration) -> Void = { _ in }, extra: [String: String] = [:],
                                _ body: (Emulator, GCPCtlProcess) async throws -> Void) async throws {
        try await withEmulator(ProcessWorkflowTests.configuration(change)) { emulator in
            let workspace = try ProcessWorkflowTests.workspace()
            defer { workspace.remove() }
            try await body(emulator, demoProject(emulator, in: workspace, extra: extra))
        }
    }

    /// Runs gcpctl with `arguments`, feeding `input` on stdin (not a terminal), and
    /// optionally sending `signal` once `sendSignalWhen` says so.
    func run(_ arguments: [String], input: String = "", signal: Int32? = nil,
             sendSignalWhen ready: (@Sendable () -> Bool)? = nil) async throws -> Result {
        let process = try ChildProcess(GCPCtlProcess.binary.path, arguments, environment: environment,
                                       directory: directory.path, standardInput: .pipe,
                                       standardOutput: .pipe, standardError: .pipe)
        process.standardInput?.write(Data(input.utf8))
        try process.standardInput?.close()
        async let output = Self.readAll(process.standardOutput)
        async let errors = Self.readAll(process.standardError)
        if let signal, let ready {
            // A bound for a starved machine, not a wait: the signal goes as soon as `ready`.
            let deadline = ContinuousClock.now + .seconds(120)
            while !ready() && ContinuousClock.now < deadline && process.isRunning {
                try await Task.sleep(for: .milliseconds(5))
            }
            process.send(signal)
        }
        let (out, err) = await (output, errors)
        return Result(status: await process.exit().status, output: out, errors: err)
    }

    /// Reads on a thread of its own: a blocking read must not hold one of the few threads
    /// Swift concurrency runs every test's tasks on.
    private static func readAll(_ handle: FileHandle?) async -> String {
        String(decoding: await ChildProcess.readToEnd(handle), as: UTF8.self)
    }
}
