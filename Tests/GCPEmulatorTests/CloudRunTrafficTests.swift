import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct CloudRunTrafficTests {
    let services = "/run/v2/projects/run-project/locations/europe-west1/services"
    let image = "europe-west1-docker.pkg.dev/run-project/images/web"
    var host: String { "web-\(ProjectState.projectNumber(for: "run-project")).europe-west1.run.app" }

    func deploy(_ client: RawHTTPClient, tag: String, traffic: JSONValue? = nil) async throws -> RawHTTPClient.Response {
        var body: JSONValue = ["template": ["containers": [["image": .string("\(image):\(tag)")]]]]
        body["traffic"] = traffic
        return try await client.send("PATCH", services + "/web?allowMissing=true", json: body)
    }

    func revisions(_ client: RawHTTPClient) async throws -> [String] {
        try await client.get(services + "/web/revisions").json["revisions"]?.arrayValue?
            .compactMap { $0["name"]?.stringValue?.split(separator: "/").last.map(String.init) }.sorted() ?? []
    }

    @Test func deployedServicesAnswerOnTheirHostsWithHealthAndAccessControl() async throws {
        try await withClient(ungated()) { emulator, client in
            emulator.pushImage(image + ":1")
            _ = try await deploy(client, tag: "1")
            var anonymous = client
            anonymous.token = nil
            #expect(try await anonymous.get("/run.app/\(host)/health").status == 403)
            let caller = try await client.invoker(in: "run-project", audience: "https://\(host)")
            let health = try await caller.get("/run.app/\(host)/health")
            #expect(health.status == 200)
            #expect(health.json["status"] == "ok")
            #expect(health.json["service"] == "web")
            let revision = try #require(try await revisions(client).first)
            #expect(health.json["revision"] == .string(revision))
            #expect(try await caller.get("/run.app/\(host)/api/items").json["path"] == "/api/items")
            let policy: JSONValue = ["policy": ["bindings": [["role": "roles/run.invoker", "members": ["allUsers"]]]]]
            #expect(try await client.post(services + "/web:setIamPolicy", json: policy).status == 200)
            #expect(try await anonymous.get("/run.app/\(host)/health").status == 200)
            let legacy = try #require(try await client.get(services + "/web").json["urls"]?[1]?.stringValue)
            #expect(try await anonymous.get("/run.app/" + legacy.dropFirst("https://".count) + "/health").status == 200)
            emulator.setServiceHealth(service: "web", status: 503)
            let failing = try await anonymous.get("/run.app/\(host)/health")
            #expect(failing.status == 503)
            #expect(failing.json["status"] == "unhealthy")
            #expect(try await anonymous.get("/run.app/nobody-1.europe-west1.run.app/").status == 404)
        }
    }

    @Test func theRunHealthControlRouteSetsAServiceARevisionOrItsNextRequests() async throws {
        try await withClient(ungated { $0.serviceHealth = ["web": 503] }) { emulator, client in
            emulator.pushImage(image + ":1")
            _ = try await deploy(client, tag: "1")
            let revision = try #require(try await revisions(client).first)
            let caller = try await client.invoker(in: "run-project", audience: "https://\(host)")
            func health() async throws -> Int { try await caller.get("/run.app/\(host)/health").status }
            func control(_ setting: JSONValue) async throws -> RawHTTPClient.Response {
                try await client.post("/_emulator/run-health", json: setting)
            }
            #expect(try await health() == 503, "as configured from the start")

            #expect(try await control(["service": "web", "status": 500]).status == 200)
            #expect(try await health() == 500)
            // By host, for the next two requests only; then what it answered before.
            #expect(try await control(["service": .string(host), "status": 429, "times": 2]).status == 200)
            let next = (try await health(), try await health(), try await health())
            #expect(next == (429, 429, 500))
            // A revision's own setting wins over the service's.
            #expect(try await control(["service": "web", "revision": .string(revision), "status": 200]).status == 200)
            #expect(try await health() == 200)

            let refused = try await control(["service": "web", "status": 99])
            #expect(refused.status == 400)
            #expect(refused.errorStatus == "INVALID_ARGUMENT")
            #expect(try await control(["service": "web", "status": 503, "times": 0]).status == 400)
            #expect(try await health() == 200, "a refused setting changes nothing")
        }
    }

    @Test func explicitTrafficSplitsTagsAndRollsBackToAHealthyRevision() async throws {
        try await withClient(ungated()) { emulator, client in
            emulator.pushImage(image + ":1")
            emulator.pushImage(image + ":2")
            _ = try await deploy(client, tag: "1")
            let first = try #require(try await revisions(client).first)
            let uneven: JSONValue = [["type": "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", "revision": .string(first), "percent": 90]]
            let refused = try await deploy(client, tag: "2", traffic: uneven)
            #expect(refused.status == 400)
            #expect(refused.errorMessage.contains("sum to 100"))
            let unknown: JSONValue = [["type": "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", "revision": "web-00009-zzz", "percent": 100]]
            #expect(try await deploy(client, tag: "2", traffic: unknown).status == 400)

            // The new revision gets no traffic but a tag; the first keeps it all.
            let canary: JSONValue = [
                ["type": "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", "revision": .string(first), "percent": 100],
                ["type": "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", "tag": "canary"],
            ]
            #expect(try await deploy(client, tag: "2", traffic: canary).json["error"] == nil)
            let second = try #require(try await revisions(client).last)
            let service = try await client.get(services + "/web")
            let statuses = try #require(service.json["trafficStatuses"]?.arrayValue)
            #expect(statuses[0]["revision"] == .string(first) && statuses[0]["percent"] == 100)
            #expect(statuses[1]["revision"] == .string(second) && statuses[1]["tag"] == "canary")
            #expect(statuses[1]["uri"] == .string("https://canary---\(host)"))
            let caller = try await client.invoker(in: "run-project", audience: "https://\(host)")
            #expect(try await caller.get("/run.app/\(host)/health").json["revision"] == .string(first))
            #expect(try await caller.get("/run.app/canary---\(host)/health").json["revision"] == .string(second))

            // Promote the second; it turns out unhealthy; roll back to the first.
            emulator.setServiceHealth(service: "web", revision: second, status: 500)
            let promote: JSONValue = [["type": "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", "revision": .string(second), "percent": 100]]
            #expect(try await deploy(client, tag: "2", traffic: promote).json["error"] == nil)
            #expect(try await caller.get("/run.app/\(host)/health").status == 500)
            let rollback: JSONValue = [["type": "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", "revision": .string(first), "percent": 100]]
            #expect(try await deploy(client, tag: "2", traffic: rollback).json["error"] == nil)
            let healthy = try await caller.get("/run.app/\(host)/health")
            #expect(healthy.status == 200)
            #expect(healthy.json["revision"] == .string(first))
        }
    }

    @Test func onlyRetiredRevisionsCanBeDeleted() async throws {
        try await withClient(ungated()) { emulator, client in
            for tag in ["1", "2", "3"] {
                emulator.pushImage("\(image):\(tag)")
                _ = try await deploy(client, tag: tag)
            }
            let all = try await revisions(client)
            #expect(all.count == 3)
            let latest = try await client.send("DELETE", services + "/web/revisions/\(all[2])")
            #expect(latest.status == 400)
            #expect(latest.errorStatus == "FAILED_PRECONDITION")
            let retired = try await client.send("DELETE", services + "/web/revisions/\(all[0])")
            #expect(retired.status == 200)
            #expect(try await revisions(client) == Array(all.dropFirst()))
            #expect(try await client.get(services + "/web/revisions/\(all[0])").status == 404)
            let named: JSONValue = ["template": ["revision": "other-v1", "containers": [["image": .string("\(image):1")]]]]
            #expect(try await client.send("PATCH", services + "/web", json: named).status == 400)
        }
    }
}
