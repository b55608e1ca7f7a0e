import Foundation
@testable import GCPEmulator
import Testing
import TestSupport

@Suite struct FaultTests {
    let services = "/serviceusage/v1/projects/my-project/services"

    @Test func targetedStatusFaultAnswersOnceWithRetryAfter() async throws {
        try await withClient { emulator, client in
            emulator.inject(FaultRule(
                methodID: "serviceusage.services.list",
                action: .status(code: 429, status: "RESOURCE_EXHAUSTED", message: "slow down", retryAfterSeconds: 7)))
            let faulted = try await client.get(services)
            #expect(faulted.status == 429)
            #expect(faulted.headers["retry-after"] == "7")
            #expect(faulted.errorStatus == "RESOURCE_EXHAUSTED")
            #expect(try await client.get(services).status == 200)
            #expect(emulator.requests().map(\.fault) == ["429", nil])
        }
    }

    @Test func droppedConnectionGivesNoResponse() async throws {
        try await withClient { emulator, client in
            emulator.inject(FaultRule(httpMethod: "GET", pathContains: "/services", action: .drop, times: 2))
            for _ in 0..<2 {
                await #expect(throws: RawHTTPClient.Failure.self) { _ = try await client.get(services) }
            }
            let recovered = try await client.get(services)
            #expect(recovered.status == 200)
        }
    }

    @Test func faultsInjectedThroughTheControlRouteApply() async throws {
        try await withClient { _, client in
            let rule: JSONValue = [
                "match": ["methodId": "serviceusage.services.get"],
                "action": ["type": "status", "code": 503], "times": 0,
            ]
            #expect(try await client.post("/_emulator/faults", json: rule).status == 200)
            for _ in 0..<3 {
                let response = try await client.get(services + "/run.googleapis.com")
                #expect(response.status == 503)
                #expect(response.errorStatus == "UNAVAILABLE")
            }
        }
    }

    @Test func seededFaultRateIsReproducibleAndSparesControlRoutes() async throws {
        func faultSequence() async throws -> [String?] {
            var configuration = EmulatorConfiguration()
            configuration.faultRate = 0.5
            configuration.seed = 42
            configuration.slowResponseMilliseconds = 0
            return try await withClient(configuration) { emulator, client in
                for _ in 0..<20 {
                    _ = try? await client.get(services)
                    let health = try await client.get("/_emulator/health")
                    #expect(health.status == 200)
                }
                return emulator.requests().map(\.fault)
            }
        }
        let first = try await faultSequence()
        let second = try await faultSequence()
        #expect(first == second)
        #expect(first.count == 20)
        #expect(first.contains { $0 != nil })
        #expect(first.contains { $0 == nil })
    }

    @Test func failOperationRuleMakesTheOperationEndInError() async throws {
        try await withClient { emulator, client in
            emulator.inject(FaultRule(methodID: "serviceusage.services.enable", action: .failOperation(message: "boom")))
            let failed = try await client.post(services + "/run.googleapis.com:enable")
            #expect(failed.json["done"] == true)
            #expect(failed.json["error"]?["message"] == "boom")
            let state = try #require(emulator.state(project: "my-project"))
            #expect(state["enabledServices"]?.arrayValue?.contains("run.googleapis.com") == false)
            let retried = try await client.post(services + "/run.googleapis.com:enable")
            #expect(retried.json["error"] == nil)
        }
    }
}

@Suite struct LatencyTests {
    /// Latency is added per request, not in a queue: every request of a burst is received
    /// (and logged) while none has been answered yet. Serialized, the second would only
    /// arrive after the first answer, 5 s later. No clock is read.
    @Test func latencyDoesNotSerializeConcurrentRequests() async throws {
        var configuration = EmulatorConfiguration()
        configuration.latencyMilliseconds = 5000
        try await withClient(configuration) { emulator, client in
            let answered = Locked(0)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let status = try await client.get("/serviceusage/v1/projects/my-project/services").status
                        #expect(status == 200)
                        answered.withLock { $0 += 1 }
                    }
                }
                try await emulator.waitForRequest(timeout: .seconds(30)) { _ in emulator.requests().count == 20 }
                #expect(answered.snapshot == 0, "a request was answered before the last one arrived")
                try await group.waitForAll()
            }
            #expect(answered.snapshot == 20)
        }
    }
}
