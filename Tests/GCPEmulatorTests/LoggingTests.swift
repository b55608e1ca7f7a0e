import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Cloud Logging's `entries.list` as the emulator models it: the filter subset, ordering,
/// pages, and a clear refusal of what it does not model.
@Suite struct LoggingTests {
    func entry(_ text: String, at time: String, severity: String, service: String) -> JSONValue {
        ["logName": "projects/log-project/logs/run.googleapis.com%2Fstdout", "textPayload": .string(text), "timestamp": .string(time),
         "severity": .string(severity),
         "resource": ["type": "cloud_run_revision", "labels": ["service_name": .string(service), "location": "us-central1"]]]
    }

    func list(_ client: RawHTTPClient, _ body: JSONValue) async throws -> RawHTTPClient.Response {
        try await client.post("/logging/v2/entries:list", json: body)
    }

    @Test func filterOrderAndPages() async throws {
        try await withClient(ungated()) { emulator, client in
            for (index, severity) in ["INFO", "WARNING", "ERROR", "INFO"].enumerated() {
                emulator.appendLogEntry(project: "log-project", entry("line \(index)", at: "2026-01-01T00:00:0\(index)Z", severity: severity, service: "api"))
            }
            emulator.appendLogEntry(project: "log-project", entry("elsewhere", at: "2026-01-01T00:00:09Z", severity: "ERROR", service: "web"))
            let filter = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"api\" AND severity>=WARNING"
            let warnings = try await list(client, ["resourceNames": ["projects/log-project"], "filter": .string(filter)])
            #expect(warnings.status == 200, "\(warnings.text)")
            #expect(warnings.json["entries"]?.arrayValue?.compactMap { $0["textPayload"]?.stringValue } == ["line 1", "line 2"])

            let newest = try await list(client, ["resourceNames": ["projects/log-project"], "orderBy": "timestamp desc", "pageSize": 2,
                                                 "filter": "resource.labels.service_name=api timestamp>=\"2026-01-01T00:00:01Z\""])
            #expect(newest.json["entries"]?.arrayValue?.compactMap { $0["textPayload"]?.stringValue } == ["line 3", "line 2"])
            let token = try #require(newest.json["nextPageToken"]?.stringValue)
            let rest = try await list(client, ["resourceNames": ["projects/log-project"], "orderBy": "timestamp desc", "pageSize": 2,
                                               "pageToken": .string(token), "filter": "resource.labels.service_name=api timestamp>=\"2026-01-01T00:00:01Z\""])
            #expect(rest.json["entries"]?.arrayValue?.compactMap { $0["textPayload"]?.stringValue } == ["line 1"])
            #expect(rest.json["nextPageToken"] == nil)
        }
    }

    @Test func whatIsNotModelledIsRefusedClearly() async throws {
        try await withClient(ungated()) { _, client in
            let or = try await list(client, ["resourceNames": ["projects/log-project"], "filter": "severity=ERROR OR severity=INFO"])
            #expect(or.status == 400)
            #expect(or.errorMessage.contains("The emulator's Logging filter answers comparisons joined by AND"))
            let noNames = try await list(client, ["filter": ""])
            #expect(noNames.status == 400)
            let badOrder = try await list(client, ["resourceNames": ["projects/log-project"], "orderBy": "severity"])
            #expect(badOrder.status == 400)
            let unknownField = try await list(client, ["resourceNames": ["projects/log-project"], "pageSize": 10, "limit": 3])
            #expect(unknownField.status == 400, "the body is checked against ListLogEntriesRequest")
        }
    }
}
