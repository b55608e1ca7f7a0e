import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct ContainerTests {
    let locations = "/container/v1/projects/gke-project/locations"

    @Test func clustersAreListedAcrossLocationsAndDeletedThroughAnOperation() async throws {
        try await withClient(ungated { $0.operationSeconds = ["container": 30] }) { emulator, client in
            #expect(try await client.get(locations + "/-/clusters").json == [:])
            emulator.addCluster(project: "gke-project", location: "us-central1", name: "main")
            emulator.addCluster(project: "gke-project", location: "europe-west1-b", name: "edge", nodeCount: 1)
            let all = try await client.get(locations + "/-/clusters")
            #expect(Set(all.json["clusters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []) == ["main", "edge"])
            let regional = try await client.get(locations + "/us-central1/clusters")
            #expect(regional.json["clusters"]?.arrayValue?.map { $0["name"] } == ["main"])
            let zonal = try await client.get("/container/v1/projects/gke-project/zones/europe-west1-b/clusters")
            #expect(zonal.json["clusters"]?[0]?["currentNodeCount"] == 1)
            let main = try await client.get(locations + "/us-central1/clusters/main")
            #expect(main.json["status"] == "RUNNING")
            #expect(main.json["locations"]?.arrayValue?.count == 3)
            #expect(main.json["nodePools"]?[0]?["name"] == "default-pool")

            let operation = try await client.send("DELETE", locations + "/us-central1/clusters/main")
            #expect(operation.json["operationType"] == "DELETE_CLUSTER")
            #expect(operation.json["status"] == "PENDING")
            let name = try #require(operation.json["name"]?.stringValue)
            #expect(name.hasPrefix("operation-"))
            #expect(try await client.get(locations + "/us-central1/clusters/main").json["status"] == "STOPPING")
            let again = try await client.send("DELETE", locations + "/us-central1/clusters/main")
            #expect(again.status == 400)
            #expect(again.errorStatus == "FAILED_PRECONDITION")
            #expect(try await client.get(locations + "/us-central1/operations/\(name)").json["status"] == "RUNNING")
            emulator.advanceClock(seconds: 30)
            let done = try await client.get(locations + "/us-central1/operations/\(name)")
            #expect(done.json["status"] == "DONE")
            #expect(done.json["endTime"] != nil)
            let missing = try await client.get(locations + "/us-central1/clusters/main")
            #expect(missing.status == 404)
            #expect(missing.errorMessage == "Not found: projects/gke-project/locations/us-central1/clusters/main.")
            #expect(try await client.get(locations + "/-/operations").json["operations"]?.arrayValue?.count == 1)
        }
    }

    @Test func clustersAreCreatedProvisioningThenRunning() async throws {
        try await withClient(ungated { $0.operationSeconds = ["container": 60] }) { emulator, client in
            let operation = try await client.post(locations + "/europe-west1/clusters", json: ["cluster": ["name": "autopilot-1", "autopilot": ["enabled": true]]])
            #expect(operation.json["operationType"] == "CREATE_CLUSTER")
            #expect(try await client.get(locations + "/europe-west1/clusters/autopilot-1").json["status"] == "PROVISIONING")
            #expect(try await client.post(locations + "/europe-west1/clusters", json: ["cluster": ["name": "autopilot-1"]]).status == 409)
            #expect(try await client.post(locations + "/europe-west1/clusters", json: ["cluster": ["name": "Bad_Name"]]).status == 400)
            emulator.advanceClock(seconds: 60)
            let cluster = try await client.get(locations + "/europe-west1/clusters/autopilot-1")
            #expect(cluster.json["status"] == "RUNNING")
            #expect(cluster.json["autopilot"]?["enabled"] == true)
        }
    }

    @Test func theAPIMustBeEnabled() async throws {
        try await withClient { _, client in
            let refused = try await client.get(locations + "/-/clusters")
            #expect(refused.status == 403)
            #expect(refused.json["error"]?["details"]?[0]?["reason"] == "SERVICE_DISABLED")
        }
    }
}
