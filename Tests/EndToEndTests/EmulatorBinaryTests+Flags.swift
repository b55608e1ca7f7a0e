import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Flags of the `gcp-emulator` executable that the library tests cover only as
/// `EmulatorConfiguration` fields: `--state`, `--fault-rate` with `--seed`, `--latency-ms`.
extension EmulatorBinaryTests {
    static let secrets = "/secretmanager/v1/projects/flag-project/secrets"

    @Test func theStateFileKeepsWhatWasMadeAcrossARestart() async throws {
        let directory = try TemporaryDirectory(prefix: "gcp-emulator-state")
        defer { directory.remove() }
        let arguments = ["--no-api-gating", "--state", directory.path + "/state.json"]

        let first = try await EmulatorBinaryProcess.start(arguments)
        defer { first.killIfRunning() }
        let created = try await first.client.post(Self.secrets + "?secretId=kept", json: ["replication": ["automatic": [:]]])
        #expect(created.status == 200, "\(created.text)")
        #expect(await first.stop())

        let second = try await EmulatorBinaryProcess.start(arguments)
        defer { second.killIfRunning() }
        let kept = try await second.client.get(Self.secrets + "/kept")
        #expect(kept.status == 200, "\(kept.text)")
        #expect(kept.json["name"]?.stringValue?.hasSuffix("/secrets/kept") == true, "\(kept.text)")
        #expect(try await second.client.get(Self.secrets + "/never-made").status == 404)
        #expect(await second.stop())
    }

    @Test func faultRateOneFaultsEveryAPIRequestAndTheSeedRepeatsTheFaults() async throws {
        let first = try await Self.faultsAtRateOne(seed: 1)
        #expect(first.count == 8)
        #expect(first.contains { ["429", "503", "drop"].contains($0) }, "\(first)")
        #expect(try await Self.faultsAtRateOne(seed: 1) == first)
    }

    /// Sends eight API requests, one after another, to an emulator with `--fault-rate 1`,
    /// checks that each was answered as its request log line says, and answers the faults
    /// in order. An injected slow response (`delay`, kept to 1 ms) is an answer as usual.
    static func faultsAtRateOne(seed: Int) async throws -> [String] {
        let emulator = try await EmulatorBinaryProcess.start([
            "--no-api-gating", "--fault-rate", "1", "--seed", String(seed), "--slow-response-ms", "1",
        ])
        defer { emulator.killIfRunning() }
        var answers: [String] = []
        for _ in 0..<8 {
            do {
                answers.append(String(try await emulator.client.get(secrets).status))
            } catch RawHTTPClient.Failure.closedWithoutResponse {
                answers.append("drop")
            }
        }
        // Control routes get no faults and are not logged: the log holds the eight.
        let log = try await emulator.client.get("/_emulator/requests").json.arrayValue ?? []
        let faults = log.map { $0["fault"]?.stringValue ?? "none" }
        #expect(faults.allSatisfy { ["429", "503", "drop", "delay"].contains($0) }, "\(faults)")
        #expect(answers == faults.map { $0 == "delay" ? "200" : $0 }, "answered \(answers), logged \(faults)")
        #expect(await emulator.stop())
        return faults
    }

    @Test func latencyIsAcceptedAndRequestsAreStillAnswered() async throws {
        let emulator = try await EmulatorBinaryProcess.start(["--no-api-gating", "--latency-ms", "5"])
        defer { emulator.killIfRunning() }
        let listed = try await emulator.client.get(Self.secrets)
        #expect(listed.status == 200, "\(listed.text)")
        #expect(await emulator.stop())
    }
}
