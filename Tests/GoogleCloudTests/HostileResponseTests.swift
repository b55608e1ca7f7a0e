import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

/// Issue 15 point 10: what a server answers can never make gcpctl hold more than a bounded
/// amount of memory or loop without end. A body is cut at `CurlTransport.Options.maxResponseBytes`
/// (64 MiB, counted after decompression, so a gzip bomb is cut too), a list stops after
/// `GoogleCloudClient.maxPagesPerList` pages, and a page token that comes back is an error.
@Suite struct HostileResponseTests {
    static let limit = CurlTransport.Options().maxResponseBytes

    @Test func aBodyOfGigabytesIsCutAtTheLimitInsteadOfFillingMemory() async throws {
        let server = try HostileServer { _ in .endlessBody(declaredLength: 3 << 30) }
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) {
            try await CurlTransport().send(HTTPRequest(method: .get, url: server.baseURL + "/storage/v1/b/huge"))
        }
        #expect(error?.kind == .responseTooLarge)
        #expect(error?.description.contains("more than 64 MiB") == true, "\(String(describing: error))")
        #expect(Self.limit == 64 << 20)
    }

    @Test func aBodyWithoutALengthIsCutAtTheLimitToo() async throws {
        let server = try HostileServer { _ in .endlessBody(declaredLength: nil) }
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) {
            try await CurlTransport().send(HTTPRequest(method: .get, url: server.baseURL + "/storage/v1/b/huge"))
        }
        #expect(error?.kind == .responseTooLarge)
    }

    @Test func aGzipBombIsCutAtTheLimitOfItsDecompressedSize() async throws {
        let server = try HostileServer { _ in .gzipBomb }
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) {
            try await CurlTransport().send(HTTPRequest(method: .get, url: server.baseURL + "/storage/v1/b/bomb"))
        }
        #expect(error?.kind == .responseTooLarge)
    }

    /// The bomb is real: below the limit, the same bytes inflate to far more than they are.
    @Test func theGzipBombInflatesAsItShould() async throws {
        let server = try HostileServer { _ in .gzipBomb }
        defer { server.stop() }
        let small = CurlTransport(options: .init(maxResponseBytes: 1 << 20))
        let error = await #expect(throws: TransportError.self) {
            try await small.send(HTTPRequest(method: .get, url: server.baseURL + "/bomb"))
        }
        #expect(error?.kind == .responseTooLarge, "1 MiB of zeros came from a few kilobytes")
    }

    @Test func aListWhosePageTokenNeverEndsStopsAtThePageLimitNamingTheAPI() async throws {
        let server = try HostileServer { request in
            let next = (Int(request.query("pageToken") ?? "") ?? 0) + 1
            return .json(["services": [], "nextPageToken": .string(String(next))])
        }
        defer { server.stop() }
        let client = Self.client(server)
        let error = await #expect(throws: PaginationError.self) {
            try await CloudRunAPI(client).services(project: "p", region: "us-central1")
        }
        #expect(server.requests.count == GoogleCloudClient.maxPagesPerList)
        let message = error?.description ?? ""
        #expect(message.contains("run.googleapis.com"), "\(message)")
        #expect(message.contains("\(GoogleCloudClient.maxPagesPerList) pages"), "\(message)")
    }

    @Test func aPageTokenThatComesBackIsAnErrorAfterTwoRequests() async throws {
        let server = try HostileServer { _ in .json(["secrets": [], "nextPageToken": "same-token"]) }
        defer { server.stop() }
        let error = await #expect(throws: PaginationError.self) {
            try await SecretManagerAPI(Self.client(server)).secrets(project: "p")
        }
        #expect(server.requests.count == 2)
        #expect(error?.description.contains("secretmanager.googleapis.com") == true)
        #expect(error?.description.contains("same page token") == true, "\(String(describing: error))")
    }

    static func client(_ server: HostileServer) -> GoogleCloudClient {
        let transport = CurlTransport()
        return GoogleCloudClient(
            transport: transport, endpoints: Endpoints(apiEndpoint: server.baseURL),
            tokens: TokenCache(provider: StaticTokenCredentials(token: "test-token", variable: "GCPCTL_ACCESS_TOKEN"), transport: transport),
            retryPolicy: instantRetries)
    }
}
