import Foundation
import GCPEmulator
import Testing
import TestSupport

/// What a CI job reads from the binary (issue 17 §4): with `--format json` one document on
/// stdout, in the envelope every command shares, and the narration on stderr; exit codes a
/// gate can trust; the build log on its own flag; exact decimals.
@Suite struct CIOutputProcessTests {
    /// The envelope's fields, as docs/commands.md lists them.
    static func envelope(_ output: String) throws -> [String: Any] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "stdout: \(output)")
        for key in ["schemaVersion", "ok", "exitCode", "command", "project", "environment", "region", "errors"] {
            #expect(document.keys.contains(key), "\(key) missing from \(document.keys.sorted())")
        }
        #expect(document["schemaVersion"] as? Int == 1)
        return document
    }

    @Test func deployWritesOneDocumentOnStdoutAndItsNarrationAndBuildLogOnStderr() async throws {
        try await GCPCtlProcess.withDemoProject { _, gcpctl in
            #expect(try await gcpctl.run(["setup", "--env=dev", "--yes"]).status == 0)
            let deploy = try await gcpctl.run(["deploy", "--env=dev", "--format", "json", "--build-logs", "--verify-timeout", "5"])
            #expect(deploy.status == 0, "\(deploy.errors)")
            let document = try Self.envelope(deploy.output)
            #expect(document["ok"] as? Bool == true && document["exitCode"] as? Int == 0)
            #expect(document["command"] as? String == "deploy")
            #expect(document["project"] as? String == "demo-project")
            #expect(document["environment"] as? String == "development" && document["region"] as? String == "us-central1")
            #expect(document["errors"] as? [String] == [])
            #expect((document["services"] as? [[String: Any]])?.count == 3)
            for narration in ["=== Deploy of development to project demo-project (us-central1) ===", "… building api-gateway",
                              "api-gateway | ", "Deploying api-gateway, websocket-server, face-processing-service"] {
                #expect(deploy.errors.contains(narration), "stderr lacks \(narration): \(deploy.errors)")
            }

            let status = try await gcpctl.run(["status", "--env=dev", "--format", "json"])
            #expect(status.status == 0, "\(status.errors)")
            let health = try Self.envelope(status.output)
            #expect(health["command"] as? String == "status" && health["ok"] as? Bool == true)
            #expect(health["healthy"] as? Bool == true)
        }
    }

    /// In a CI log (no terminal, text), the build log shows with --build-logs and not
    /// without: --verbose is not needed for it.
    @Test func theBuildLogInTextModeFollowsBuildLogs() async throws {
        try await GCPCtlProcess.withDemoProject { _, gcpctl in
            #expect(try await gcpctl.run(["setup", "--env=dev", "--yes"]).status == 0)
            let quietLog = try await gcpctl.run(["deploy", "api-gateway", "--env=dev", "--verify-timeout", "5"])
            #expect(quietLog.status == 0, "\(quietLog.errors)")
            #expect(quietLog.errors.contains("… building api-gateway"))
            #expect(!quietLog.errors.contains("api-gateway | "), "no build log without the flag: \(quietLog.errors)")

            // A changed source, so the next deploy builds again.
            try "module.exports = 2;\n".write(to: gcpctl.directory.appendingPathComponent("examples/api-gateway/src/version.js"),
                                               atomically: true, encoding: .utf8)
            let withLog = try await gcpctl.run(["deploy", "api-gateway", "--env=dev", "--build-logs", "--verify-timeout", "5"])
            #expect(withLog.status == 0, "\(withLog.errors)")
            #expect(withLog.errors.contains("api-gateway | FETCHSOURCE"), "\(withLog.errors)")
            #expect(!withLog.errors.contains("→ GET"), "no HTTP trace: that is --verbose's")
            #expect(!withLog.output.contains("api-gateway | "), "the log is narration: stderr only")
        }
    }

    /// Exit 2 means "changes pending" and nothing else, so a gate never applies because a
    /// read was refused.
    @Test func planDetailedExitcodeExitsOneWhenTheProjectCannotBeRead() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            let unreadable = try await gcpctl.run(["plan", "--env=dev", "--detailed-exitcode", "--project", "unreadable"])
            #expect(unreadable.status == 1, "\(unreadable.all)")
            #expect(unreadable.errors.contains("Permission denied on resource project unreadable"))

            let json = try await gcpctl.run(["plan", "--env=dev", "--detailed-exitcode", "--project", "unreadable", "--format", "json"])
            #expect(json.status == 1)
            let document = try Self.envelope(json.output)
            #expect(document["ok"] as? Bool == false && document["exitCode"] as? Int == 1)
            #expect(document["project"] as? String == "unreadable")
            #expect(((document["errors"] as? [String]) ?? []).contains { $0.contains("Permission denied") })

            // Changes pending, everything readable: 2, and the document says the plan is fine.
            let pending = try await gcpctl.run(["plan", "--env=dev", "--detailed-exitcode", "--format", "json"])
            #expect(pending.status == 2, "\(pending.errors)")
            let plan = try Self.envelope(pending.output)
            #expect(plan["ok"] as? Bool == true && plan["exitCode"] as? Int == 2 && plan["changesPending"] as? Bool == true)
            #expect(emulator.requests().filter(\.mutating).isEmpty)
        }
    }

    @Test func failuresBeforeAnyCommandRunsAreDocumentsToo() async throws {
        try await GCPCtlProcess.withDemoProject { _, gcpctl in
            let unknownFlag = try await gcpctl.run(["status", "--env=dev", "--bogus", "--format", "json"])
            #expect(unknownFlag.status == 1)
            let document = try Self.envelope(unknownFlag.output)
            #expect(document["command"] as? String == "status" && document["ok"] as? Bool == false)
            #expect(document["errors"] as? [String] == ["Unknown option '--bogus'"])
            #expect(unknownFlag.errors.contains("Usage: gcpctl status"))

            let noEnvironment = try await gcpctl.run(["sql", "start", "--env=nope", "--format=json"])
            #expect(noEnvironment.status == 1)
            let missing = try Self.envelope(noEnvironment.output)
            #expect(missing["command"] as? String == "sql start" && missing["environment"] as? String == "nope")
        }
    }

    /// A plain `swift build` (how the tests' binary is built) cannot know its commit and says
    /// so; `make release` embeds it (scripts/check-release.sh checks the release binary names it).
    @Test func versionNamesTheCommitOrSaysItIsUnknown() async throws {
        let gcpctl = GCPCtlProcess(emulator: nil, directory: FileManager.default.temporaryDirectory)
        let version = try await gcpctl.run(["version"])
        #expect(version.status == 0)
        #expect(version.output.hasPrefix("gcpctl 0."))
        #expect(version.output.contains("unknown commit") || version.output.contains("commit "))
        #expect(version.output.contains(", linux-") || version.output.contains(", macos-"))
        let flag = try await gcpctl.run(["--version"])
        #expect(flag.output == version.output, "--version and version say the same")

        let json = try await gcpctl.run(["version", "--format", "json"])
        let document = try Self.envelope(json.output)
        #expect(document["command"] as? String == "version" && document["ok"] as? Bool == true)
        #expect(document.keys.contains("commit") && document.keys.contains("buildDate"))
        #expect(document["version"] as? String == version.output.split(separator: " ")[1].description)
    }

    /// Money is exact in the JSON: every line's quantity × unit price is its cost to the last
    /// digit, lines add up to resources and resources to the total, and no number carries a
    /// binary float's tail (…0000000001, …9999999).
    @Test func costNumbersAreExactDecimals() async throws {
        let workspace = try ProcessWorkflowTests.workspace()
        defer { workspace.remove() }
        let gcpctl = GCPCtlProcess(emulator: nil, directory: URL(fileURLWithPath: workspace.path), extra: ["GCP_PROJECT_ID": "demo-project"])
        for environment in ["dev", "stage", "prod"] {
            let cost = try await gcpctl.run(["cost", "--env=\(environment)", "--offline", "--format", "json"])
            #expect(cost.status == 0, "\(cost.errors)")
            #expect(cost.output.firstMatch(of: /\d\.\d*(0000000|9999999)\d/) == nil, "a binary float's tail in \(environment)")
            let estimate = try JSONDecoder().decode(ExactEstimate.self, from: Data(cost.output.utf8))
            for resource in estimate.resources {
                for line in resource.lines {
                    #expect(line.quantity * line.unitPrice == line.monthlyCost, "\(environment) \(resource.name) \(line.item)")
                }
                #expect(resource.lines.reduce(0) { $0 + $1.monthlyCost } == resource.monthlyCost, "\(environment) \(resource.name)")
            }
            #expect(estimate.resources.reduce(0) { $0 + $1.monthlyCost } == estimate.total, "\(environment)")
        }
        let compare = try await gcpctl.run(["cost", "--compare", "dev,prod", "--offline", "--format", "json"])
        #expect(compare.status == 0, "\(compare.errors)")
        #expect(compare.output.firstMatch(of: /\d\.\d*(0000000|9999999)\d/) == nil)
    }

    struct ExactEstimate: Decodable {
        var total: Decimal
        var resources: [Resource]
        struct Resource: Decodable {
            var name: String
            var monthlyCost: Decimal
            var lines: [Line]
        }
        struct Line: Decodable {
            var item: String
            var quantity: Decimal
            var unitPrice: Decimal
            var monthlyCost: Decimal
        }
    }
}
