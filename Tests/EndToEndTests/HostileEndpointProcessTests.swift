import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Issue 15 points 10 and 12 through the binary, against `HostileServer`. An endpoint that
/// accepts connections and never answers once kept plan, cleanup and urls waiting five
/// minutes without a word. Now each request gives up after the low-speed window (1 s here,
/// `GCPCTL_LOW_SPEED_TIME_S`; 30 s by default), is tried once more at most, a line on stderr
/// says what gcpctl waits for meanwhile, and the command ends with exit 1 and one line
/// naming the endpoint; so does an endpoint whose answers are too large to read.
@Suite struct HostileEndpointProcessTests {
    static let commands: [[String]] = [
        ["plan", "--env=dev"],
        ["urls", "--env=dev"],
        ["cleanup", "--env=dev"],
        ["status", "--env=dev"],
        ["list", "--env=dev"],
    ]

    @Test(arguments: commands)
    func anEndpointThatNeverAnswersIsSaidOnceWithExitOne(command: [String]) async throws {
        let server = try HostileServer { _ in .neverAnswer }
        let workspace = try ProcessWorkflowTests.workspace()
        defer { server.stop(); workspace.remove() }
        let run = try await Self.gcpctl(endpoint: server.baseURL, in: workspace).run(command)
        let errors = run.errors.split(separator: "\n").filter { $0.hasPrefix("❌") }
        #expect(run.status == 1, "\(run.all)")
        #expect(errors.count == 1, "one line says it: \(run.errors)")
        #expect(errors.first?.contains("127.0.0.1") == true, "\(errors)")
        #expect(errors.first?.contains("never answered") == true, "\(errors)")
        #expect(run.errors.contains("still waiting for 127.0.0.1:\(server.port) to answer"), "keep-alive lines: \(run.errors)")
        // Each call was tried twice at most, not eight times over five minutes (two
        // resources may read the same URL: a secret for itself and for the database password).
        let attempts = Dictionary(grouping: server.requests, by: \.target).mapValues(\.count)
        #expect(attempts.values.allSatisfy { $0 <= 4 }, "\(attempts)")
        #expect(!run.all.contains("Fatal error"))
    }

    /// The same with a port that takes the connection but is never accepted from: the
    /// connect timeout (`GCPCTL_CONNECT_TIMEOUT_MS`) ends each attempt.
    @Test func aConnectionNeverMadeEndsAtTheConnectTimeout() async throws {
        let listener = try HostileServer.Unaccepted()
        let workspace = try ProcessWorkflowTests.workspace()
        defer { listener.stop(); workspace.remove() }
        var gcpctl = Self.gcpctl(endpoint: listener.baseURL, in: workspace)
        gcpctl.environment["GCPCTL_CONNECT_TIMEOUT_MS"] = "500"
        let run = try await gcpctl.run(["urls", "--env=dev"])
        let errors = run.errors.split(separator: "\n").filter { $0.hasPrefix("❌") }
        #expect(run.status == 1, "\(run.all)")
        #expect(errors.count == 1, "\(run.errors)")
        #expect(errors.first?.contains("Could not connect") == true, "\(errors)")
    }

    @Test(arguments: [HostileServer.Behaviour.gzipBomb, .endlessBody(declaredLength: 3 << 30), .endlessBody(declaredLength: nil)])
    func anEndpointWhoseAnswersAreTooLargeIsSaidOnceWithExitOne(behaviour: HostileServer.Behaviour) async throws {
        let server = try HostileServer { _ in behaviour }
        let workspace = try ProcessWorkflowTests.workspace()
        defer { server.stop(); workspace.remove() }
        let run = try await Self.gcpctl(endpoint: server.baseURL, in: workspace).run(["plan", "--env=dev"])
        let errors = run.errors.split(separator: "\n").filter { $0.hasPrefix("❌") }
        #expect(run.status == 1, "\(run.all)")
        #expect(errors == ["❌ The answer from 127.0.0.1:\(server.port) was more than 64 MiB, far more than any answer gcpctl asks for, so it stopped reading. Check the endpoint override (GCPCTL_API_ENDPOINT) or a proxy."], "\(run.errors)")
    }

    /// An endpoint that answers a byte at a time passes every low-speed limit; a command
    /// that only reads still ends, at its deadline (`GCPCTL_COMMAND_DEADLINE_S`).
    @Test func aReadOnlyCommandStopsAtItsDeadlineWhenAnswersTrickle() async throws {
        let server = try HostileServer { _ in .trickle(milliseconds: 100) }
        let workspace = try ProcessWorkflowTests.workspace()
        defer { server.stop(); workspace.remove() }
        var gcpctl = Self.gcpctl(endpoint: server.baseURL, in: workspace)
        gcpctl.environment["GCPCTL_COMMAND_DEADLINE_S"] = "2"
        let run = try await gcpctl.run(["plan", "--env=dev"])
        let errors = run.errors.split(separator: "\n").filter { $0.hasPrefix("❌") }
        #expect(run.status == 1, "\(run.all)")
        #expect(errors == ["❌ gcpctl plan did not finish within 2s: the endpoint answers too slowly. Check the endpoint override (GCPCTL_API_ENDPOINT), a proxy or the network."], "\(run.errors)")
    }

    static func gcpctl(endpoint: String, in workspace: TemporaryDirectory) -> GCPCtlProcess {
        GCPCtlProcess(emulator: nil, directory: URL(fileURLWithPath: workspace.path), extra: [
            "GCPCTL_API_ENDPOINT": endpoint, "GCPCTL_ACCESS_TOKEN": "unanswered-token", "GCP_PROJECT_ID": "demo-project",
            "GCPCTL_LOW_SPEED_TIME_S": "1", "GCPCTL_WAIT_NOTICE_MS": "300", "GCPCTL_RETRY_INITIAL_MS": "1",
        ])
    }
}
