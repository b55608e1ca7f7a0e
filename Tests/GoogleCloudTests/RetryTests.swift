import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

/// Retries over real sockets: the emulator injects the failure, the client repeats the
/// request, and the request log shows exactly the attempts made.
@Suite struct RetryTests {
    let list = "serviceusage.services.list"

    @Test(arguments: [(503, "UNAVAILABLE"), (429, "RESOURCE_EXHAUSTED"), (502, nil), (504, nil), (500, "INTERNAL")] as [(Int, String?)])
    func transientStatusesAreRetriedUntilTheRequestSucceeds(code: Int, status: String?) async throws {
        try await withEmulator { emulator in
            emulator.inject(FaultRule(methodID: list, action: .status(code: code, status: status), times: 2))
            let connection = try await connect(emulator)
            let services = try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
            #expect(!services.isEmpty)
            #expect(emulator.requests(methodID: list).map(\.status) == [code, code, 200])
        }
    }

    @Test func droppedConnectionsAreRetried() async throws {
        try await withEmulator { emulator in
            emulator.inject(FaultRule(methodID: list, action: .drop, times: 2))
            let connection = try await connect(emulator)
            _ = try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
            #expect(emulator.requests(methodID: list).filter { $0.fault == nil }.count == 1)
            #expect(emulator.requests(methodID: list).count == 3)
        }
    }

    @Test(arguments: [(400, "INVALID_ARGUMENT"), (403, "PERMISSION_DENIED"), (404, "NOT_FOUND")])
    func clientErrorsAreNotRetried(code: Int, status: String) async throws {
        try await withEmulator { emulator in
            emulator.inject(FaultRule(methodID: list, action: .status(code: code, status: status, message: "no"), times: 0))
            let connection = try await connect(emulator)
            let error = await #expect(throws: GoogleAPIError.self) {
                try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
            }
            #expect(error?.httpStatus == code)
            #expect(emulator.requests(methodID: list).count == 1)
        }
    }

    @Test func retryAfterIsHonoured() async throws {
        try await withEmulator { emulator in
            emulator.inject(FaultRule(methodID: list, action: .status(code: 429, status: "RESOURCE_EXHAUSTED", retryAfterSeconds: 3)))
            let sleeps = RecordedSleeps()
            let connection = try await connect(emulator, sleep: sleeps.sleep)
            _ = try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
            #expect(sleeps.all == [.seconds(3)])
        }
    }

    @Test func attemptsAreBounded() async throws {
        try await withEmulator { emulator in
            emulator.inject(FaultRule(methodID: list, action: .status(code: 503, status: "UNAVAILABLE"), times: 0))
            let connection = try await connect(emulator, retry: RetryPolicy(maxAttempts: 4, initialBackoff: .milliseconds(1), jitter: { $0 }))
            let error = await #expect(throws: GoogleAPIError.self) {
                try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
            }
            #expect(error?.httpStatus == 503)
            #expect(emulator.requests(methodID: list).count == 4)
        }
    }

    @Test func theDeadlineStopsRetryingBeforeTheAttemptsRunOut() async throws {
        try await withEmulator { emulator in
            emulator.inject(FaultRule(methodID: list, action: .status(code: 503, status: "UNAVAILABLE"), times: 0))
            // The waits are recorded, not slept; the margins leave room for a slow machine.
            let policy = RetryPolicy(maxAttempts: 50, initialBackoff: .seconds(100), maxBackoff: .seconds(1000),
                                     deadline: .seconds(150), jitter: { $0 })
            let sleeps = RecordedSleeps()
            let connection = try await connect(emulator, retry: policy, sleep: sleeps.sleep)
            await #expect(throws: GoogleAPIError.self) {
                try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
            }
            // 100 s fits in the 150 s deadline; the next 200 s would not.
            #expect(sleeps.all == [.seconds(100)])
            #expect(emulator.requests(methodID: list).count == 2)
        }
    }

    @Test func aRetriedCreateThatMeetsAlreadyExistsCountsAsDone() async throws {
        try await withEmulator { emulator in
            let connection = try await connect(emulator)
            let call = try GoogleCall(.post, .serviceUsage, "v1/projects/demo-project/services:batchEnable",
                                      json: ["serviceIds": ["run.googleapis.com"]])
            // The emulator's batchEnable never answers 409, so make the second attempt meet
            // one, as a create whose first reply was lost would.
            emulator.inject(FaultRule(methodID: "serviceusage.services.batchEnable", action: .status(code: 503, status: "UNAVAILABLE")))
            emulator.inject(FaultRule(methodID: "serviceusage.services.batchEnable",
                                      action: .status(code: 409, status: "ALREADY_EXISTS", message: "exists")))
            let result: CreateResult<LongRunningOperation> = try await connection.client.create(call)
            guard case .alreadyExisted = result else {
                Issue.record("expected .alreadyExisted")
                return
            }
            #expect(emulator.requests(methodID: "serviceusage.services.batchEnable").map(\.status) == [503, 409])
        }
    }

    @Test func nonIdempotentCallsAreNotRepeatedAfterAnAmbiguousFailure() async throws {
        try await withEmulator { emulator in
            let method = "serviceusage.services.batchEnable"
            emulator.inject(FaultRule(methodID: method, action: .drop))
            let connection = try await connect(emulator)
            let call = try GoogleCall(.post, .serviceUsage, "v1/projects/demo-project/services:batchEnable",
                                      json: ["serviceIds": ["run.googleapis.com"]], idempotency: .nonIdempotent)
            let error = await #expect(throws: TransportError.self) { try await connection.client.send(call) }
            #expect(error?.kind == .connectionLost)
            #expect(emulator.requests(methodID: method).count == 1)
        }
    }
}
