import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

@Suite struct CurlTransportTests {
    @Test func manyRequestsInFlightAtOnceAllComplete() async throws {
        var configuration = EmulatorConfiguration()
        configuration.latencyMilliseconds = 20
        try await withEmulator(configuration) { emulator in
            let transport = CurlTransport()
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        try await transport.send(HTTPRequest(method: .get, url: emulator.baseURL + "/_emulator/health")).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 100)
            #expect(statuses.allSatisfy { $0 == 200 })
        }
    }

    /// A cancellation that reaches the transfer loop after its transfer has finished must
    /// stop nothing: the loop once remembered cancelled transfers by address, which the next
    /// transfer may reuse, and a request nobody cancelled failed with CancellationError (a
    /// deploy's health check, when a status in the same process gave up on a slow read).
    @Test func aLateCancellationNeverStopsAnotherRequest() async throws {
        try await withEmulator { emulator in
            let transport = CurlTransport()
            let request = HTTPRequest(method: .get, url: emulator.baseURL + "/_emulator/health")
            var stoppedWithoutCancel = 0
            for _ in 0..<400 {
                // Cancelled when a request sent with it has its answer: about when its own
                // transfer finishes, which is when a late cancellation happens.
                let abandoned = Task { try await transport.send(request) }
                _ = try await transport.send(request)
                abandoned.cancel()
                let kept = (0..<4).map { _ in Task { try await transport.send(request) } }
                _ = await abandoned.result
                for task in kept {
                    if case .failure(let error) = await task.result, error is CancellationError { stoppedWithoutCancel += 1 }
                }
            }
            #expect(stoppedWithoutCancel == 0)
        }
    }

    @Test func plainHTTPIsRefusedBeyondLoopback() async throws {
        let transport = CurlTransport()
        for url in ["http://192.0.2.1/v1", "http://169.254.169.254/computeMetadata/v1/"] {
            let error = await #expect(throws: TransportError.self) {
                try await transport.send(HTTPRequest(method: .get, url: url))
            }
            #expect(error?.kind == .cleartextRefused)
        }
    }

    @Test func aClosedPortIsAConnectionFailureThatNeverReachedTheServer() async throws {
        let error = await #expect(throws: TransportError.self) {
            try await CurlTransport().send(HTTPRequest(method: .get, url: "http://127.0.0.1:1/"))
        }
        #expect(error?.kind == .couldNotConnect)
        #expect(error?.requestNeverSent == true)
    }

    @Test func aSlowServerHitsTheTotalTimeout() async throws {
        try await withEmulator { emulator in
            let transport = CurlTransport(options: .init(timeout: .milliseconds(200)))
            emulator.inject(FaultRule(methodID: "serviceusage.services.list", action: .delay(milliseconds: 2000)))
            var headers = HTTPHeaders()
            headers.add("Authorization", "Bearer t")
            let error = await #expect(throws: TransportError.self) {
                try await transport.send(HTTPRequest(method: .get, url: emulator.baseURL + "/serviceusage/v1/projects/p/services",
                                                     headers: headers))
            }
            // Nothing came back before the request's time limit: a slow answer, retried as a
            // timeout; "never answered" is the low-speed window's verdict alone.
            #expect(error?.kind == .timedOut)
            #expect(error?.isTimeout == true)
        }
    }

    /// Issue 15 point 12: a server that takes the request and sends nothing is abandoned
    /// after the low-speed window, long before the total timeout.
    @Test func aServerThatNeverAnswersIsAbandonedAtTheLowSpeedLimit() async throws {
        let server = try HostileServer { _ in .neverAnswer }
        defer { server.stop() }
        let transport = CurlTransport(options: .init(timeout: .seconds(600), lowSpeedTime: .seconds(1)))
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(method: .get, url: server.baseURL + "/v1/never"))
        }
        #expect(error?.kind == .noAnswer)
        #expect(error?.description.hasPrefix("127.0.0.1:\(server.port) accepted the connection but never answered (not a byte in") == true,
                "\(String(describing: error))")
    }

    /// A request whose own time limit ends before the low-speed window is a slow answer
    /// (retried like any timeout), not a server that never answers: one slow first answer
    /// must not make the command give up on the host.
    @Test func aRequestTimeLimitShorterThanTheLowSpeedWindowIsASlowAnswer() async throws {
        let server = try HostileServer { _ in .neverAnswer }
        defer { server.stop() }
        let transport = CurlTransport(options: .init(timeout: .milliseconds(500), lowSpeedTime: .seconds(30)))
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(method: .get, url: server.baseURL + "/v1/slow"))
        }
        #expect(error?.kind == .timedOut)
        #expect(error?.meansBadEndpoint == false)
        #expect(error?.isTimeout == true)
    }

    /// A connection the server never takes ends at the connect timeout, as a connection
    /// never made: nothing was sent, so even a create may be repeated.
    @Test func aConnectionNeverTakenEndsAtTheConnectTimeout() async throws {
        let listener = try HostileServer.Unaccepted()
        defer { listener.stop() }
        let transport = CurlTransport(options: .init(connectTimeout: .milliseconds(300), timeout: .seconds(600)))
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(method: .get, url: listener.baseURL + "/v1/never"))
        }
        #expect(error?.kind == .couldNotConnect)
        #expect(error?.requestNeverSent == true)
        #expect(error?.isTimeout == true)
    }

    @Test func bodiesAndHeadersTravelBothWays() async throws {
        try await withEmulator { emulator in
            var headers = HTTPHeaders()
            headers.add("Authorization", "Bearer t")
            headers.add("Content-Type", "application/json")
            let body = Data(#"{"serviceIds":["run.googleapis.com"]}"#.utf8)
            let response = try await CurlTransport().send(HTTPRequest(
                method: .post, url: emulator.baseURL + "/serviceusage/v1/projects/demo-project/services:batchEnable",
                headers: headers, body: body))
            #expect(response.status == 200)
            #expect(response.headers["content-type"]?.hasPrefix("application/json") == true)
            #expect(response.bodyText.contains("operations/"))
            let logged = try #require(emulator.requests().last)
            #expect(logged.methodID == "serviceusage.services.batchEnable")
            #expect(logged.bearer)
        }
    }

    /// Google gzips an answer only for a client that asks with Accept-Encoding and a
    /// User-Agent saying "gzip"; gcpctl's does both, and curl decodes the body.
    @Test func answersComeGzippedBecauseTheUserAgentSaysGzip() async throws {
        var configuration = EmulatorConfiguration()
        configuration.projects = ["demo-project"]
        try await withEmulator(configuration) { emulator in
            var headers = HTTPHeaders()
            headers.add("Authorization", "Bearer t")
            let url = emulator.baseURL + "/serviceusage/v1/projects/demo-project/services?filter=state:ENABLED"
            let compressed = try await CurlTransport().send(HTTPRequest(method: .get, url: url, headers: headers))
            let plain = try await CurlTransport(options: .init(userAgent: "gcpctl-test/1")).send(HTTPRequest(method: .get, url: url, headers: headers))
            #expect(compressed.headers["content-encoding"] == "gzip")
            #expect(plain.headers["content-encoding"] == nil)
            #expect(compressed.status == 200 && compressed.body == plain.body)
            #expect(compressed.bodyText.contains("serviceusage.googleapis.com"))
        }
    }
}
