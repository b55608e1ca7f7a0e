import Foundation
import Synchronization
import Testing
import TestSupport
@testable import GoogleCloud

/// Issue 15 point 12 in the client: a call whose server never answers is tried twice, not
/// `maxAttempts` times; the host is then remembered, so the next call fails at once with the
/// same error, and whoever watches hears of it once.
@Suite struct EndpointBreakerTests {
    @Test func aHostThatNeverAnswersIsTriedTwiceThenNotWaitedForAgain() async throws {
        let server = try HostileServer { _ in .neverAnswer }
        defer { server.stop() }
        let heard = Heard()
        let client = Self.client(server, heard: heard)
        #expect(instantRetries.maxAttempts == 5)

        let first = await #expect(throws: TransportError.self) {
            _ = try await client.send(GoogleCall(.get, .storage, "storage/v1/b/one"))
        }
        #expect(first?.kind == .noAnswer)
        #expect(server.requests.count == 2, "tried twice, not five times")

        let second = await #expect(throws: TransportError.self) {
            _ = try await client.send(GoogleCall(.get, .run, "v2/projects/p/locations/r/services"))
        }
        #expect(second?.description == first?.description)
        #expect(server.requests.count == 2, "the host was not waited for again")

        let events = heard.events
        #expect(events.count == 1)
        #expect(events.first?.changesSent == false)
    }

    /// A host that has answered in this command is having a bad moment, not a bad endpoint:
    /// one unanswered call does not stop the others (a slow answer to one create, say).
    @Test func aHostThatAnsweredBeforeIsNotJudgedByOneSilence() async throws {
        let server = try HostileServer { request in request.path.hasSuffix("/slow") ? .neverAnswer : .json(["name": "ok"]) }
        defer { server.stop() }
        let heard = Heard()
        let client = Self.client(server, heard: heard)
        _ = try await client.send(GoogleCall(.get, .storage, "storage/v1/b/fast"))
        await #expect(throws: TransportError.self) { _ = try await client.send(GoogleCall(.get, .storage, "storage/v1/b/slow")) }
        _ = try await client.send(GoogleCall(.get, .storage, "storage/v1/b/fast"))
        #expect(server.requests.map(\.path).suffix(3) == ["/storage/storage/v1/b/slow", "/storage/storage/v1/b/slow", "/storage/storage/v1/b/fast"])
        #expect(heard.events.isEmpty)
    }

    @Test func aChangeSentBeforeTheHostFailedIsSaid() async throws {
        let server = try HostileServer { _ in .neverAnswer }
        defer { server.stop() }
        let heard = Heard()
        let client = Self.client(server, heard: heard)
        await #expect(throws: TransportError.self) {
            _ = try await client.send(GoogleCall(.post, .storage, "storage/v1/b", body: Data("{}".utf8)))
        }
        #expect(server.requests.count == 1, "a create is not repeated after a request that may have arrived")
        #expect(heard.events.first?.changesSent == true)
    }

    /// status reads installed extensions with a SELECT through the Data API, a POST: it
    /// changes nothing, so status still stops with one line when the host never answers.
    @Test func aSelectThroughTheDataAPIIsARead() async throws {
        let server = try HostileServer { _ in .neverAnswer }
        defer { server.stop() }
        let heard = Heard()
        let client = Self.client(server, heard: heard)
        let request = SQLAdminAPI.ExecuteSQLRequest(sql: "SELECT 1", database: "d", user: "u",
                                                    passwordSecretVersion: "projects/p/locations/r/secrets/s/versions/latest")
        await #expect(throws: TransportError.self) {
            _ = try await SQLAdminAPI(client).executeSQL(project: "p", instance: "i", request, onlyReads: true)
        }
        #expect(heard.events.first?.changesSent == false)
    }

    /// What the breaker told, in order.
    final class Heard: Sendable {
        private let list = Mutex<[EndpointBreaker.Unreachable]>([])
        var events: [EndpointBreaker.Unreachable] { list.withLock { $0 } }
        func append(_ event: EndpointBreaker.Unreachable) { list.withLock { $0.append(event) } }
    }

    /// A client of `server` that gives up on silence after a second, telling `heard`.
    static func client(_ server: HostileServer, heard: Heard) -> GoogleCloudClient {
        let transport = CurlTransport(options: .init(lowSpeedTime: .seconds(1)))
        return GoogleCloudClient(
            transport: transport, endpoints: Endpoints(apiEndpoint: server.baseURL),
            tokens: TokenCache(provider: StaticTokenCredentials(token: "t", variable: "GCPCTL_ACCESS_TOKEN"), transport: transport),
            retryPolicy: instantRetries, breaker: EndpointBreaker { event in heard.append(event) })
    }
}
