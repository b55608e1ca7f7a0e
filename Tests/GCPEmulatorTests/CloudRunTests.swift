import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct CloudRunTests {
    let services = "/run/v2/projects/run-project/locations/europe-west1/services"
    let image = "europe-west1-docker.pkg.dev/run-project/images/web"
    var number: String { ProjectState.projectNumber(for: "run-project") }

    func service(_ tag: String = "1", env: [JSONValue] = [], volumes: [JSONValue] = []) -> JSONValue {
        var container: JSONValue = ["image": .string("\(image):\(tag)")]
        if !env.isEmpty { container["env"] = .array(env) }
        var template: JSONValue = ["containers": [container]]
        if !volumes.isEmpty { template["volumes"] = .array(volumes) }
        return ["template": template]
    }

    @Test func aServiceIsReconcilingUntilItsOperationIsDoneThenServesItsURLs() async throws {
        try await withClient(ungated { $0.operationSeconds = ["run": 20] }) { emulator, client in
            emulator.pushImage(image + ":1")
            let operation = try await client.post(services + "?serviceId=web", json: service())
            #expect(operation.json["done"] == false)
            #expect(operation.json["metadata"]?["@type"] == "type.googleapis.com/google.cloud.run.v2.Service")
            let deploying = try await client.get(services + "/web")
            #expect(deploying.json["reconciling"] == true)
            #expect(deploying.json["terminalCondition"]?["state"] == "CONDITION_RECONCILING")
            #expect(deploying.json["uri"] == nil)
            let revision = try #require(deploying.json["latestCreatedRevision"]?.stringValue)
            #expect(revision.hasPrefix("web-00001-") && revision.count == "web-00001-abc".count)
            #expect(deploying.json["template"]?["containers"]?[0]?["resources"]?["limits"]?["memory"] == "512Mi")
            emulator.advanceClock(seconds: 20)
            let ready = try await client.get(services + "/web")
            #expect(ready.json["reconciling"] == false)
            #expect(ready.json["terminalCondition"]?["state"] == "CONDITION_SUCCEEDED")
            #expect(ready.json["latestReadyRevision"] == .string(revision))
            #expect(ready.json["observedGeneration"] == "1")
            #expect(ready.json["conditions"]?.arrayValue?.count == 2)
            let host = "web-\(number).europe-west1.run.app"
            // As Google answers: `uri` is hash-based, `urls` lists the deterministic URL first.
            let urls = try #require(ready.json["urls"]?.arrayValue?.compactMap { $0.stringValue })
            #expect(urls.count == 2 && urls[0] == "https://\(host)")
            #expect(urls[1].hasPrefix("https://web-") && urls[1].hasSuffix("-ew.a.run.app"))
            #expect(ready.json["uri"] == .string(urls[1]))
            #expect(ready.json["traffic"] == [["type": "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", "percent": 100]])
            #expect(ready.json["trafficStatuses"]?[0]?["revision"] == .string(revision))
            let done = try await client.get("/run/v2/" + (operation.json["name"]?.stringValue ?? ""))
            #expect(done.json["done"] == true)
            #expect(done.json["response"]?["latestReadyRevision"] == .string(revision))
            let revisionResource = try await client.get(services + "/web/revisions/\(revision)")
            #expect(revisionResource.json["conditions"]?[0]?["state"] == "CONDITION_SUCCEEDED")
            #expect(revisionResource.json["containerStatuses"]?[0]?["imageDigest"]?.stringValue?.hasPrefix("sha256:") == true)
            #expect(try await client.post(services + "?serviceId=web", json: service()).status == 409)
        }
    }

    @Test func updatesCheckTheEtagAndMakeANewRevisionOnlyForANewTemplate() async throws {
        try await withClient(ungated()) { emulator, client in
            emulator.pushImage(image + ":1")
            emulator.pushImage(image + ":2")
            _ = try await client.post(services + "?serviceId=web", json: service())
            let first = try await client.get(services + "/web")
            var update = service("2")
            update["etag"] = first.json["etag"]
            let operation = try await client.send("PATCH", services + "/web", json: update)
            #expect(operation.json["done"] == true)
            let second = try await client.get(services + "/web")
            #expect(second.json["generation"] == "2")
            #expect(second.json["latestCreatedRevision"]?.stringValue?.hasPrefix("web-00002-") == true)
            let stale = try await client.send("PATCH", services + "/web", json: update)
            #expect(stale.status == 409)
            #expect(stale.errorStatus == "ABORTED")
            var labelsOnly = second.json
            labelsOnly["labels"] = ["team": "web"]
            for field in ["name", "uid", "generation", "createTime", "updateTime", "creator", "lastModifier", "reconciling",
                          "terminalCondition", "conditions", "latestCreatedRevision", "latestReadyRevision", "observedGeneration",
                          "trafficStatuses", "uri", "urls"] { labelsOnly[field] = nil }
            #expect(try await client.send("PATCH", services + "/web", json: labelsOnly).status == 200)
            let third = try await client.get(services + "/web")
            #expect(third.json["generation"] == "3")
            #expect(third.json["latestCreatedRevision"] == second.json["latestCreatedRevision"])
            #expect(try await client.get(services + "/web/revisions").json["revisions"]?.arrayValue?.count == 2)
            #expect(try await client.get("/run/v2/projects/run-project/locations/-/services").status == 400)
            let byNumber = try await client.get("/run/v2/projects/\(number)/locations/europe-west1/services/web")
            #expect(byNumber.json["name"] == "projects/run-project/locations/europe-west1/services/web")
            let missing = try await client.send("PATCH", services + "/new", json: service())
            #expect(missing.status == 404)
            #expect(try await client.send("PATCH", services + "/new?allowMissing=true", json: service()).status == 200)
            #expect(try await client.get(services + "/new").json["latestReadyRevision"] != nil)
        }
    }

    @Test func aRevisionWhoseImageIsMissingFailsAndTheLastRevisionKeepsServing() async throws {
        try await withClient(ungated()) { emulator, client in
            emulator.pushImage(image + ":1")
            _ = try await client.post(services + "?serviceId=web", json: service())
            let first = try await client.get(services + "/web")
            let operation = try await client.send("PATCH", services + "/web", json: service("missing"))
            #expect(operation.json["done"] == true)
            #expect(operation.json["error"]?["message"]?.stringValue?.contains("Image '\(image):missing' not found.") == true)
            let failed = try await client.get(services + "/web")
            #expect(failed.json["terminalCondition"]?["state"] == "CONDITION_FAILED")
            #expect(failed.json["terminalCondition"]?["message"]?.stringValue?.contains("Image '\(image):missing' not found.") == true)
            #expect(failed.json["latestCreatedRevision"] != first.json["latestCreatedRevision"])
            #expect(failed.json["latestReadyRevision"] == first.json["latestReadyRevision"])
            #expect(failed.json["observedGeneration"] == "1")
            #expect(failed.json["trafficStatuses"] == first.json["trafficStatuses"])
            let revision = try #require(failed.json["latestCreatedRevision"]?.stringValue)
            #expect(try await client.get(services + "/web/revisions/\(revision)").json["conditions"]?[0]?["state"] == "CONDITION_FAILED")
            let caller = try await client.invoker(in: "run-project", audience: "https://web-\(number).europe-west1.run.app")
            let served = try await caller.get("/run.app/web-\(number).europe-west1.run.app/health")
            #expect(served.json["revision"] == first.json["latestReadyRevision"])
        }
    }

    @Test func revisionsNeedTheirSecretsAndCloudSQLInstances() async throws {
        try await withClient(ungated()) { emulator, client in
            emulator.pushImage(image + ":1")
            let env: JSONValue = ["name": "DB_PASSWORD", "valueSource": ["secretKeyRef": ["secret": "db-password", "version": "latest"]]]
            let withSecret = try await client.post(services + "?serviceId=api", json: service(env: [env]))
            #expect(withSecret.json["error"]?["message"]?.stringValue?.contains("secrets/db-password/versions/latest was not found") == true)
            _ = try await client.post("/secretmanager/v1/projects/run-project/secrets?secretId=db-password", json: ["replication": ["automatic": [:]]])
            _ = try await client.post("/secretmanager/v1/projects/run-project/secrets/db-password:addVersion", json: ["payload": ["data": "czNjcmV0"]])
            let retried = try await client.send("PATCH", services + "/api?forceNewRevision=true", json: service(env: [env]))
            #expect(retried.json["error"] == nil)
            #expect(try await client.get(services + "/api").json["terminalCondition"]?["state"] == "CONDITION_SUCCEEDED")

            let sql: JSONValue = ["name": "cloudsql", "cloudSqlInstance": ["instances": ["run-project:europe-west1:main-db"]]]
            let withSQL = try await client.post(services + "?serviceId=db-user", json: service(volumes: [sql]))
            #expect(withSQL.json["error"]?["message"]?.stringValue?.contains("Cloud SQL instance 'run-project:europe-west1:main-db' was not found.") == true)
        }
    }

    @Test func malformedTemplatesAreRefusedAtOnce() async throws {
        try await withClient(ungated()) { _, client in
            func limits(_ cpu: String, _ memory: String) -> JSONValue {
                ["template": ["containers": [["image": .string(image), "resources": ["limits": ["cpu": .string(cpu), "memory": .string(memory)]]]]]]
            }
            #expect(try await client.post(services + "?serviceId=ok", json: limits("1", "512Mi")).status == 200)
            #expect(try await client.post(services + "?serviceId=ok2", json: limits("1000m", "1Gi")).status == 200)
            for (cpu, memory) in [("3", "1Gi"), ("1", "lots"), ("1", "64Mi"), ("1", "8Gi"), ("4", "1Gi"), ("1", "64Gi"), ("1", "1e300Gi"), ("nan", "1Gi")] {
                let refused = try await client.post(services + "?serviceId=bad", json: limits(cpu, memory))
                #expect(refused.status == 400, "cpu \(cpu) memory \(memory)")
                #expect(refused.json["error"]?["details"]?[0]?["fieldViolations"] != nil)
            }
            let port: JSONValue = ["template": ["containers": [["image": .string(image), "env": [["name": "PORT", "value": "80"]]]]]]
            #expect(try await client.post(services + "?serviceId=bad", json: port).errorMessage.contains("reserved env names"))
            #expect(try await client.post(services + "?serviceId=Bad_Name", json: service()).status == 400)
            #expect(try await client.post(services + "?serviceId=bad", json: ["template": ["containers": []]]).status == 400)
            let sql: JSONValue = ["name": "cloudsql", "cloudSqlInstance": ["instances": ["just-a-name"]]]
            #expect(try await client.post(services + "?serviceId=bad", json: service(volumes: [sql])).status == 400)
            #expect(try await client.get(services + "/bad").status == 404)
        }
    }

    @Test func operationsAreListedAndDeletedAndIAMPermissionsTested() async throws {
        try await withClient(ungated { $0.operationSeconds = ["run": 3600] }) { emulator, client in
            emulator.pushImage(image + ":1")
            _ = try await client.post(services + "?serviceId=web", json: service())
            let operations = "/run/v2/projects/run-project/locations/europe-west1/operations"
            let pending = try await client.get(operations + "?filter=done%3Dfalse")
            let name = try #require(pending.json["operations"]?[0]?["name"]?.stringValue)
            #expect(try await client.post("/run/v2/\(name):wait", json: ["timeout": "10s"]).json["done"] == false)
            emulator.advanceClock(seconds: 3600)
            #expect(try await client.get(operations + "?filter=done%3Dfalse").json["operations"] == nil)
            #expect(try await client.send("DELETE", "/run/v2/" + name).status == 200)
            #expect(try await client.get("/run/v2/" + name).status == 404)
            let tested = try await client.post(services + "/web:testIamPermissions", json: ["permissions": ["run.routes.invoke", "storage.buckets.get"]])
            #expect(tested.json["permissions"] == ["run.routes.invoke"])
            let policy = try await client.get(services + "/web:getIamPolicy")
            #expect(policy.json["etag"] != nil)
            _ = try await client.send("DELETE", services + "/web")
            emulator.advanceClock(seconds: 3600)
            #expect(try await client.get(services + "/web").status == 404)
            #expect(try await client.get(services + "/web/revisions").json["revisions"] == nil)
        }
    }

    @Test func domainRestrictedSharingRefusesPublicAccess() async throws {
        try await withClient(ungated { $0.domainRestrictedSharing = true }) { _, client in
            _ = try await client.post(services + "?serviceId=web", json: service())
            let policy: JSONValue = ["policy": ["bindings": [["role": "roles/run.invoker", "members": ["allUsers"]]]]]
            let refused = try await client.post(services + "/web:setIamPolicy", json: policy)
            #expect(refused.status == 400)
            #expect(refused.errorMessage.contains("permitted customer"))
        }
    }
}
