import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct CloudRunTests {
    let services = "/run/v2/projects/run-project/locations/europe-west1/services"
    let service: JSONValue = ["template": ["containers": [["image": "europe-west1-docker.pkg.dev/run-project/images/web:1"]]]]

    @Test func aServiceIsReconcilingUntilItsOperationIsDoneThenServesItsURL() async throws {
        try await withClient(ungated { $0.operationSeconds = ["run": 20] }) { emulator, client in
            let operation = try await client.post(services + "?serviceId=web", json: service)
            #expect(operation.json["done"] == false)
            let deploying = try await client.get(services + "/web")
            #expect(deploying.json["reconciling"] == true)
            #expect(deploying.json["uri"] == nil)
            emulator.advanceClock(seconds: 20)
            let ready = try await client.get(services + "/web")
            #expect(ready.json["terminalCondition"]?["state"] == "CONDITION_SUCCEEDED")
            #expect(ready.json["latestReadyRevision"] == ready.json["latestCreatedRevision"])
            let number = ProjectState.projectNumber(for: "run-project")
            let host = "web-\(number).europe-west1.run.app"
            #expect(ready.json["uri"] == .string("https://\(host)"))

            var anonymous = client
            anonymous.token = nil
            #expect(try await anonymous.get("/run.app/\(host)/healthz").status == 403)
            let policy: JSONValue = ["policy": ["bindings": [["role": "roles/run.invoker", "members": ["allUsers"]]]]]
            #expect(try await client.post(services + "/web:setIamPolicy", json: policy).status == 200)
            #expect(try await anonymous.get("/run.app/\(host)/healthz").status == 200)
            emulator.setRunHealth(service: "web", status: 503)
            #expect(try await anonymous.get("/run.app/\(host)/healthz").status == 503)
            #expect(try await anonymous.get("/run.app/nobody-1.europe-west1.run.app/").status == 404)
        }
    }

    @Test func updatesCheckTheEtagAndMakeANewRevisionForANewTemplate() async throws {
        try await withClient(ungated()) { _, client in
            _ = try await client.post(services + "?serviceId=web", json: service)
            let first = try await client.get(services + "/web")
            var update: JSONValue = ["template": ["containers": [["image": "europe-west1-docker.pkg.dev/run-project/images/web:2"]]]]
            update["etag"] = first.json["etag"]
            let operation = try await client.send("PATCH", services + "/web", json: update)
            #expect(operation.json["done"] == true)
            let second = try await client.get(services + "/web")
            #expect(second.json["generation"] == "2")
            #expect(second.json["latestCreatedRevision"] != first.json["latestCreatedRevision"])
            let stale = try await client.send("PATCH", services + "/web", json: update)
            #expect(stale.status == 409)
            #expect(stale.errorStatus == "ABORTED")
            #expect(try await client.get("/run/v2/projects/run-project/locations/-/services").status == 400)
        }
    }

    @Test func domainRestrictedSharingRefusesPublicAccess() async throws {
        try await withClient(ungated { $0.domainRestrictedSharing = true }) { _, client in
            _ = try await client.post(services + "?serviceId=web", json: service)
            let policy: JSONValue = ["policy": ["bindings": [["role": "roles/run.invoker", "members": ["allUsers"]]]]]
            let refused = try await client.post(services + "/web:setIamPolicy", json: policy)
            #expect(refused.status == 400)
            #expect(refused.errorMessage.contains("permitted customer"))
        }
    }
}
