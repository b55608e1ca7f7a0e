import Foundation
import GCPEmulator
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
    @Test func latencyDoesNotSerializeConcurrentRequests() async throws {
        var configuration = EmulatorConfiguration()
        configuration.latencyMilliseconds = 100
        try await withClient(configuration) { emulator, client in
            let started = ContinuousClock.now
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<100 {
                    group.addTask { try await client.get("/serviceusage/v1/projects/my-project/services").status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let elapsed = ContinuousClock.now - started
            #expect(statuses.count == 100 && statuses.allSatisfy { $0 == 200 })
            // Serialized, 100 requests of 100 ms would take 10 s; concurrently about 0.1 s.
            #expect(elapsed < .seconds(3))
            #expect(emulator.requests().count == 100)
        }
    }
}
