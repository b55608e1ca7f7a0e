import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct ServiceUsageTests {
    let services = "/serviceusage/v1/projects/usage-project/services"

    @Test func batchEnableTakesAtMostTwentyServices() async throws {
        try await withClient { emulator, client in
            let tooMany = (0..<21).map { JSONValue.string("api\($0).googleapis.com") }
            let refused = try await client.post(services + ":batchEnable", json: ["serviceIds": .array(tooMany)])
            #expect(refused.status == 400)
            let enabled = try await client.post(services + ":batchEnable", json: ["serviceIds": ["run.googleapis.com", "iam.googleapis.com"]])
            #expect(enabled.json["done"] == true)
            #expect(enabled.json["response"]?["services"]?.arrayValue?.count == 2)
            let state = try #require(emulator.state(project: "usage-project"))
            #expect(state["enabledServices"]?.arrayValue?.contains("run.googleapis.com") == true)
        }
    }

    @Test func listFiltersByStateAndPages() async throws {
        try await withClient(EmulatorConfiguration()) { _, client in
            let disabled = try await client.get(services + "?filter=state:DISABLED")
            let names = disabled.json["services"]?.arrayValue?.compactMap { $0["config"]?["name"]?.stringValue } ?? []
            #expect(names.contains("sqladmin.googleapis.com"))
            #expect(!names.contains("storage.googleapis.com"))
            var collected: [String] = []
            var token: String?
            repeat {
                let page = try await client.get(services + "?filter=state:ENABLED&pageSize=5" + (token.map { "&pageToken=\($0)" } ?? ""))
                collected += page.json["services"]?.arrayValue?.compactMap { $0["config"]?["name"]?.stringValue } ?? []
                token = page.json["nextPageToken"]?.stringValue
            } while token != nil && collected.count < 100
            #expect(Set(collected) == ProjectState.defaultServices)
            let disable = try await client.post(services + "/storage.googleapis.com:disable", json: [:])
            #expect(disable.json["done"] == true)
            let service = try await client.get(services + "/storage.googleapis.com")
            #expect(service.json["state"] == "DISABLED")
            #expect(service.json["name"] == .string("projects/\(ProjectState.projectNumber(for: "usage-project"))/services/storage.googleapis.com"))
        }
    }
}
