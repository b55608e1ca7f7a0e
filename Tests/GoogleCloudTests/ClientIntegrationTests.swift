import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

@Suite struct ClientIntegrationTests {
    @Test func aPerAPIOverrideAloneReachesThatAPI() async throws {
        try await withEmulator { emulator in
            let environment = ["GCPCTL_ENDPOINT_SERVICEUSAGE": emulator.baseURL + "/serviceusage/",
                               "GCPCTL_ACCESS_TOKEN": "t", "GCE_METADATA_HOST": "127.0.0.1:1"]
            let connection = try await GoogleCloudConnection.connect(environment: environment)
            #expect(connection.client.endpoints.root(.sqlAdmin) == "https://sqladmin.googleapis.com/")
            _ = try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
            #expect(emulator.requests().last?.url.hasPrefix("/serviceusage/v1/projects/demo-project/services") == true)
        }
    }

    @Test func theTraceNeverCarriesTheTokenOrTheGrant() async throws {
        try await withEmulator { emulator in try await withServiceAccountKey(on: emulator) { path, _ in
            let lines = TraceLines()
            let connection = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path], tracer: lines.record)
            _ = try await ServiceUsageAPI(connection.client).batchEnable(project: "test-project", services: ["run.googleapis.com"])
            let token = try await connection.client.tokens.token()
            let text = lines.all.joined(separator: "\n")
            #expect(text.contains("services:batchEnable"))
            #expect(text.contains("run.googleapis.com"))
            #expect(!text.contains(token))
            #expect(!text.contains("Bearer"))
            #expect(!text.contains("BEGIN PRIVATE KEY"))
        } }
    }

    @Test func paginationFollowsEveryPage() async throws {
        var configuration = EmulatorConfiguration()
        configuration.maxPageSize = 2
        try await withEmulator(configuration) { emulator in
            let connection = try await connect(emulator)
            let usage = ServiceUsageAPI(connection.client)
            let services = try await usage.enabledServices(project: "demo-project")
            let pages = emulator.requests(methodID: "serviceusage.services.list").count
            #expect(services.count > 4)
            #expect(pages == (services.count + 1) / 2)
        }
    }
}

final class TraceLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var record: HTTPTracer { { [self] event in lock.withLock { lines.append(event.line) } } }
    var all: [String] { lock.withLock { lines } }
}
