import Foundation
import GCPEmulator
import Testing
import TestSupport

/// The gcpctl executable itself (argument parsing, exit statuses, stdout) running deploy,
/// urls, promote, rollback and delete-service against an in-process emulator.
@Suite struct DeployProcessTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

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
            let gcpctl = GCPCtlProcess(emulator: emulator, directory: work,
                                       extra: ["GCPCTL_ACCESS_TOKEN": "e2e-token", "GCP_PROJECT_ID": "demo-project"])
            func run(_ arguments: String...) async throws -> GCPCtlProcess.Result { try await gcpctl.run(arguments) }

            let setup = try await run("setup", "--env=dev", "--yes")
            #expect(setup.status == 0, "\(setup.errors)\n\(setup.output)")
            let deployed = try await run("deploy", "--env=dev", "--format", "json", "--verify-timeout", "2")
            #expect(deployed.status == 0, "\(deployed.errors)")
            let document = try JSONSerialization.jsonObject(with: Data(deployed.output.utf8)) as? [String: Any]
            #expect(document?["ok"] as? Bool == true)
            #expect((document?["services"] as? [[String: Any]])?.map { $0["outcome"] as? String } == ["created", "created", "created"])
            let envFile = try String(contentsOf: work.appendingPathComponent(".env.development"), encoding: .utf8)
            #expect(envFile.contains("API_GATEWAY_URL=https://api-gateway-"))

            try "module.exports = 2;\n".write(to: work.appendingPathComponent("examples/api-gateway/src/version.js"), atomically: true, encoding: .utf8)
            let candidate = try await run("deploy", "api-gateway", "--env=dev", "--no-traffic")
            #expect(candidate.status == 0, "\(candidate.errors)")
            #expect(candidate.output.contains("api-gateway new revision: https://candidate---api-gateway-"))
            let urls = try await run("urls", "--env=dev")
            #expect(urls.output.contains("api-gateway:candidate"))
            #expect(try await run("promote", "api-gateway", "--env=dev").status == 0)
            let rolledBack = try await run("rollback", "api-gateway", "--env=dev")
            #expect(rolledBack.status == 0, "\(rolledBack.errors)")
            #expect(rolledBack.output.contains("api-gateway: traffic 100% latest → 100% api-gateway-00001-"))

            let refused = try await run("delete-service", "websocket-server", "--env=dev")
            #expect(refused.status == 1)
            #expect(try await run("delete-service", "websocket-server", "--env=dev", "--yes").status == 0)
            let invalid = try await run("deploy", "--env=dev", "--no-verify", "--rollback-on-failure")
            #expect(invalid.status == 1)
            #expect(invalid.errors.contains("--rollback-on-failure needs the health check"))
        }
    }
}
