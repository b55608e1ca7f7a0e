import Foundation
import GCPEmulator
import Testing
import TestSupport

/// The `gcpctl` binary's interface: help, version, completion, exit statuses.
@Suite struct CLITests {
    let directory = try! TemporaryDirectory()

    var gcpctl: GCPCtlProcess { GCPCtlProcess(emulator: nil, directory: URL(fileURLWithPath: directory.path)) }

    @Test func helpTeachesEveryCommand() async throws {
        let help = try await gcpctl.run(["--help"])
        #expect(help.status == 0)
        for command in ["setup", "plan", "deploy", "status", "cleanup", "cost", "sql", "enable", "list", "urls", "delete", "promote", "rollback"] {
            #expect(help.output.contains("  \(command)"), "--help does not list \(command)")
        }
        #expect(help.output.contains("Exit statuses"))
    }

    @Test(arguments: ["setup", "plan", "deploy", "status", "cleanup", "cost"])
    func everyCommandHasHelpWithExamples(command: String) async throws {
        let help = try await gcpctl.run([command, "--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("--env"))
        #expect(help.output.contains("Examples") || help.output.contains("gcpctl \(command) --env"), "\(help.output)")
    }

    /// Argument parser prints an option's default itself; help text that said it too
    /// printed "(default: 30) (default: 30)".
    @Test(arguments: ["plan", "setup", "deploy", "urls", "promote", "rollback", "delete-service", "status", "sql start", "sql stop",
                      "enable", "list", "delete", "cleanup", "cost", "config show", "config validate"])
    func everyDefaultIsStatedOnce(command: String) async throws {
        let help = try await gcpctl.run(command.split(separator: " ").map(String.init) + ["--help"])
        #expect(help.status == 0)
        let flowing = help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flowing.firstRange(of: /\(default: [^)]*\) \(default:/) == nil, "\(help.output)")
    }

    @Test func versionPrintsTheVersion() async throws {
        let version = try await gcpctl.run(["--version"])
        #expect(version.status == 0)
        #expect(version.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsGenerate(shell: String) async throws {
        let script = try await gcpctl.run(["--generate-completion-script", shell])
        #expect(script.status == 0)
        #expect(script.output.contains("gcpctl"))
        #expect(script.output.contains("setup"))
    }

    @Test func aBadFlagIsAConfigurationErrorWithStatusOne() async throws {
        let run = try await gcpctl.run(["setup", "--no-such-flag"])
        #expect(run.status == 1)
        #expect(run.errors.contains("Unknown option '--no-such-flag'"))
    }

    @Test func withoutCredentialsGcpctlSaysWhereItLookedAndExitsOne() async throws {
        try FileManager.default.createDirectory(atPath: directory.path + "/environments", withIntermediateDirectories: true)
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.copyItem(atPath: repository.path + "/environments/development.yaml",
                                         toPath: directory.path + "/environments/development.yaml")
        let run = try await gcpctl.run(["plan", "--env=dev", "--project=demo-project"])
        #expect(run.status == 1)
        #expect(run.errors.contains("No Google Cloud credentials found"))
        #expect(run.errors.contains("GOOGLE_APPLICATION_CREDENTIALS"))
        #expect(run.errors.split(separator: "\n").filter { $0.contains("❌") }.count == 1, "one error line: \(run.errors)")
    }
}
