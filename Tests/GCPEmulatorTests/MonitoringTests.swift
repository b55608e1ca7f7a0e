import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct MonitoringTests {
    let policies = "/monitoring/v3/projects/watch-project/alertPolicies"

    func policy(_ name: String, conditions: Int = 1) -> JSONValue {
        let condition: JSONValue = [
            "displayName": "5xx rate",
            "conditionThreshold": [
                "filter": "resource.type = \"cloud_run_revision\" AND metric.type = \"run.googleapis.com/request_count\"",
                "comparison": "COMPARISON_GT", "thresholdValue": 5, "duration": "300s",
            ],
        ]
        return ["displayName": .string(name), "conditions": .array(Array(repeating: condition, count: conditions))]
    }

    @Test func policiesAreCreatedNamedListedInPagesAndDeleted() async throws {
        try await withClient(EmulatorConfiguration()) { _, client in
            #expect(try await client.get(policies).json == ["totalSize": 0])
            let created = try await client.post(policies, json: policy("API errors"))
            #expect(created.status == 200)
            let name = try #require(created.json["name"]?.stringValue)
            #expect(name.hasPrefix("projects/watch-project/alertPolicies/"))
            #expect(created.json["enabled"] == true)
            #expect(created.json["conditions"]?[0]?["name"]?.stringValue?.hasPrefix(name + "/conditions/") == true)
            #expect(created.json["creationRecord"]?["mutateTime"] != nil)
            for index in 0..<2 { _ = try await client.post(policies, json: policy("Other \(index)")) }
            let first = try await client.get(policies + "?pageSize=2")
            #expect(first.json["alertPolicies"]?.arrayValue?.count == 2)
            #expect(first.json["totalSize"] == 3)
            let token = try #require(first.json["nextPageToken"]?.stringValue)
            #expect(try await client.get(policies + "?pageSize=2&pageToken=\(token)").json["alertPolicies"]?.arrayValue?.count == 1)
            let filtered = try await client.get(policies + "?filter=displayName%3D%22API%20errors%22")
            #expect(filtered.json["alertPolicies"]?.arrayValue?.map { $0["name"] } == [.string(name)])
            let disabled = try await client.send("PATCH", "/monitoring/v3/\(name)?updateMask=enabled", json: ["enabled": false])
            #expect(disabled.json["enabled"] == false)
            #expect(disabled.json["conditions"] == created.json["conditions"])
            #expect(try await client.get("/monitoring/v3/" + name).json["enabled"] == false)
            #expect(try await client.send("DELETE", "/monitoring/v3/" + name).status == 200)
            #expect(try await client.get("/monitoring/v3/" + name).status == 404)
        }
    }

    @Test func malformedPoliciesAreRefused() async throws {
        try await withClient(EmulatorConfiguration()) { _, client in
            #expect(try await client.post(policies, json: ["conditions": policy("x")["conditions"] ?? []]).status == 400)
            #expect(try await client.post(policies, json: policy("none", conditions: 0)).status == 400)
            #expect(try await client.post(policies, json: policy("seven", conditions: 7)).status == 400)
            let noCombiner = try await client.post(policies, json: policy("two", conditions: 2))
            #expect(noCombiner.errorMessage.contains("combiner"))
            var combined = policy("two", conditions: 2)
            combined["combiner"] = "OR"
            #expect(try await client.post(policies, json: combined).status == 200)
            #expect(try await client.post(policies, json: ["displayName": "x", "conditions": [["displayName": "c"]]]).status == 400)
            #expect(try await client.post(policies, json: ["displayName": "x", "bogus": 1]).status == 400)
            #expect(try await client.get(policies + "/123").status == 404)
        }
    }
}
