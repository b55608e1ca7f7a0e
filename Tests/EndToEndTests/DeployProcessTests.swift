import Foundation
import GCPEmulator
import Testing
import TestSupport

/// The gcpctl executable itself (argument parsing, exit statuses, stdout) running deploy,
/// urls, promote, rollback and delete-service against an in-process emulator.
@Suite struct DeployProcessTests {
    struct Result {
        var status: Int32
        var output: String
        var diagnostics: String
    }

    /// The built gcpctl, next to this test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gcpctl")
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs gcpctl in `directory` with `environment`; standard input is empty (not a
    /// terminal). Pipes are drained on threads of their own: blocking reads on Swift's few
    /// cooperative threads would starve the in-process emulator gcpctl is talking to.
    static func gcpctl(_ arguments: [String], in directory: URL, environment: [String: String]) async throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let output = Pipe(), diagnostics = Pipe()
        process.standardOutput = output
        process.standardError = diagnostics
        process.standardInput = FileHandle.nullDevice
        let outData = Drained(output), errData = Drained(diagnostics)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return Result(status: status, output: outData.text(), diagnostics: errData.text())
    }

    /// A pipe read to its end on a thread of its own.
    final class Drained: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ pipe: Pipe) {
            Thread.detachNewThread { [self] in
                data = pipe.fileHandleForReading.readDataToEndOfFile()
                done.signal()
            }
        }

        func text() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }

    @Test func deployAndTheTrafficCommandsRunAsAProcess() async throws {
        var configuration = EmulatorConfiguration()
        configuration.projects = ["demo-project"]
        try await withEmulator(configuration) { emulator in
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("gcpctl-e2e-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: work) }
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            for folder in ["environments", "examples"] {
                try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(folder), to: work.appendingPathComponent(folder))
            }
            var environment = emulator.clientEnvironment(accessToken: "e2e-token")
            environment.merge(["GCP_PROJECT_ID": "demo-project", "GCPCTL_POLL_INTERVAL_MS": "5", "GCPCTL_RETRY_INITIAL_MS": "1",
                               "HOME": work.path, "NO_COLOR": "1", "PATH": "/usr/bin:/bin"]) { $1 }
            func run(_ arguments: String...) async throws -> Result {
                try await Self.gcpctl(arguments, in: work, environment: environment)
            }

            let setup = try await run("setup", "--env=dev", "--yes")
            #expect(setup.status == 0, "\(setup.diagnostics)\n\(setup.output)")
            let deployed = try await run("deploy", "--env=dev", "--format", "json", "--verify-timeout", "2")
            #expect(deployed.status == 0, "\(deployed.diagnostics)")
            let document = try JSONSerialization.jsonObject(with: Data(deployed.output.utf8)) as? [String: Any]
            #expect(document?["ok"] as? Bool == true)
            #expect((document?["services"] as? [[String: Any]])?.map { $0["outcome"] as? String } == ["created", "created", "created"])
            let envFile = try String(contentsOf: work.appendingPathComponent(".env.development"), encoding: .utf8)
            #expect(envFile.contains("API_GATEWAY_URL=https://api-gateway-"))

            try "module.exports = 2;\n".write(to: work.appendingPathComponent("examples/api-gateway/src/version.js"), atomically: true, encoding: .utf8)
            let candidate = try await run("deploy", "api-gateway", "--env=dev", "--no-traffic")
            #expect(candidate.status == 0, "\(candidate.diagnostics)")
            #expect(candidate.output.contains("api-gateway new revision: https://candidate---api-gateway-"))
            let urls = try await run("urls", "--env=dev")
            #expect(urls.output.contains("api-gateway:candidate"))
            #expect(try await run("promote", "api-gateway", "--env=dev").status == 0)
            let rolledBack = try await run("rollback", "api-gateway", "--env=dev")
            #expect(rolledBack.status == 0, "\(rolledBack.diagnostics)")
            #expect(rolledBack.output.contains("api-gateway: traffic 100% latest → 100% api-gateway-00001-"))

            let refused = try await run("delete-service", "websocket-server", "--env=dev")
            #expect(refused.status == 1)
            #expect(try await run("delete-service", "websocket-server", "--env=dev", "--yes").status == 0)
            let invalid = try await run("deploy", "--env=dev", "--no-verify", "--rollback-on-failure")
            #expect(invalid.status == 1)
            #expect(invalid.diagnostics.contains("--rollback-on-failure needs the health check"))
        }
    }
}
