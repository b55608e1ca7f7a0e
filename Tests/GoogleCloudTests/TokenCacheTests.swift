import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

@Suite struct TokenCacheTests {
    @Test func fiftyConcurrentRequestsShareOneTokenFetch() async throws {
        try await withEmulator { emulator in try await withServiceAccountKey(on: emulator) { path, _ in
            let connection = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path])
            let usage = ServiceUsageAPI(connection.client)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<50 { group.addTask { _ = try await usage.enabledServices(project: "test-project") } }
                try await group.waitForAll()
            }
            #expect(emulator.tokenGrantCount == 1)
            #expect(await connection.client.tokens.fetchCount == 1)
            #expect(emulator.requests(methodID: "serviceusage.services.list").count == 50)
        } }
    }

    @Test func aRevokedTokenIsReplacedOnce() async throws {
        try await withEmulator { emulator in try await withServiceAccountKey(on: emulator) { path, _ in
            let connection = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path])
            let first = try await connection.client.tokens.token()
            emulator.revoke(token: first)
            _ = try await ServiceUsageAPI(connection.client).enabledServices(project: "test-project")
            #expect(emulator.tokenGrantCount == 2)
        } }
    }

    @Test func aRejectedStaticTokenFailsWithAnAuthenticationMessage() async throws {
        try await withEmulator { emulator in
            emulator.revoke(token: "stale-token")
            let connection = try await connect(emulator, ["GCPCTL_ACCESS_TOKEN": "stale-token"])
            let error = await #expect(throws: GoogleAPIError.self) {
                try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
            }
            #expect(error?.httpStatus == 401)
            #expect(error?.description.contains("credentials were rejected") == true)
            #expect(emulator.requests(methodID: "serviceusage.services.list").count == 2)
        }
    }
}
