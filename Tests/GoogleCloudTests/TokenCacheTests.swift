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

    @Test func fiftyConcurrentRequestsAtTheRefreshTimeShareOneNewToken() async throws {
        try await withEmulator { emulator in try await withServiceAccountKey(on: emulator) { path, _ in
            let connection = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path])
            let clock = ShiftedClock()
            let tokens = TokenCache(provider: connection.credentials, transport: connection.client.transport, now: clock.now)
            let client = GoogleCloudClient(transport: connection.client.transport, endpoints: connection.client.endpoints,
                                           tokens: tokens, retryPolicy: instantRetries)
            let first = try await tokens.token()
            let reusedBeforeRefresh = try await tokens.token() == first
            #expect(reusedBeforeRefresh)

            // The emulator's tokens live 3599 s, so the cache renews them 300 s before
            // expiry: 3400 s on, the first token is due for refresh though still valid.
            clock.advance(seconds: 3_400)
            // A request still sent with the first token would now be refused (401) and
            // fetch again: a third grant, which the counts below would show.
            emulator.revoke(token: first)
            let usage = ServiceUsageAPI(client)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<50 { group.addTask { _ = try await usage.enabledServices(project: "test-project") } }
                try await group.waitForAll()
            }

            #expect(await tokens.fetchCount == 2)
            #expect(emulator.tokenGrantCount == 2)
            let lists = emulator.requests(methodID: "serviceusage.services.list")
            #expect(lists.count == 50)
            #expect(lists.allSatisfy { $0.status == 200 && $0.bearer })
            // Compared here, not inside #expect, which would print both tokens on failure.
            let renewed = try await tokens.token() != first
            #expect(renewed)
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

    /// Once an API has refused a token that could not be made fresher, the credentials are
    /// no good: every later call fails at once with one error, without asking Google.
    @Test func aRejectionIsRememberedAndSaidWithoutAskingAgain() async throws {
        try await withEmulator { emulator in
            emulator.revoke(token: "stale-token")
            let connection = try await connect(emulator, ["GCPCTL_ACCESS_TOKEN": "stale-token"])
            await #expect(throws: GoogleAPIError.self) {
                try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
            }
            emulator.clearRequests()
            let error = await #expect(throws: CredentialsError.self) {
                try await SecretManagerAPI(connection.client).secrets(project: "demo-project")
            }
            #expect(error?.description.hasPrefix("Google Cloud rejected the access token in GCPCTL_ACCESS_TOKEN: the credentials were rejected (401 UNAUTHENTICATED)") == true,
                    "\(String(describing: error))")
            #expect(emulator.requests().isEmpty, "nothing more was sent")
            await #expect(throws: CredentialsError.self) { try await connection.client.tokens.checkAccepted() }
        }
    }

    /// A refresh token revoked mid-run (invalid_grant) is final as well.
    @Test func anInvalidGrantIsRememberedToo() async throws {
        try await withEmulator { emulator in
            emulator.registerRefreshToken(clientID: "c", clientSecret: "s", refreshToken: "r")
            emulator.revoke(refreshToken: "r")
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = try directory.write("adc.json", #"{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"r"}"#)
            let connection = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path])
            await #expect(throws: CredentialsError.self) { try await connection.client.tokens.token() }
            emulator.clearRequests()
            await #expect(throws: CredentialsError.self) { try await connection.client.tokens.token() }
            #expect(emulator.requests(methodID: "oauth2.token").isEmpty, "the refused grant is not asked again")
        }
    }
}
