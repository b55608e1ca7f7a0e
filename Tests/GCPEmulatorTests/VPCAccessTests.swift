import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct VPCAccessTests {
    let connectors = "/vpcaccess/v1/projects/psa-project/locations/us-central1/connectors"
    let body: JSONValue = ["network": "prod-vpc", "ipCidrRange": "10.8.0.0/28", "minInstances": 2, "maxInstances": 3]

    @Test func aConnectorIsCreatingUntilItsOperationEndsThenReady() async throws {
        var configuration = EmulatorConfiguration()
        configuration.frozenClock = true  // only advanceClock moves time: a loaded machine cannot finish an operation early
        configuration.operationSeconds = ["vpcaccess": 120]
        try await withClient(configuration) { emulator, client in
            _ = PrivateServices.arrange(emulator)
            let started = try await client.post(connectors + "?connectorId=app-connector", json: body)
            #expect(started.status == 200)
            let name = try #require(started.json["name"]?.stringValue)
            #expect(name.hasPrefix("projects/psa-project/locations/us-central1/operations/operation-"))
            #expect(started.json["metadata"]?["method"] == "google.cloud.vpcaccess.v1.VpcAccessService.CreateConnector")
            #expect(try await client.get(connectors + "/app-connector").json["state"] == "CREATING")
            #expect(try await client.post(connectors + "?connectorId=app-connector", json: body).status == 409)

            emulator.advanceClock(seconds: 120)
            let done = try await client.get("/vpcaccess/v1/\(name)")
            #expect(done.json["done"] == true)
            let connector = try await client.get(connectors + "/app-connector")
            #expect(connector.json["state"] == "READY")
            #expect(connector.json["name"] == "projects/psa-project/locations/us-central1/connectors/app-connector")
            #expect(connector.json["machineType"] == "e2-micro")
            #expect(connector.json["minThroughput"] == 200)
            #expect(connector.json["maxThroughput"] == 300)
            #expect(connector.json["connectedProjects"] == [])
            #expect(try await client.get(connectors).json["connectors"]?.arrayValue?.count == 1)
        }
    }

    @Test func invalidConnectorsAreRefusedAsGoogleDocumentsThem() async throws {
        try await withClient { emulator, client in
            _ = PrivateServices.arrange(emulator)
            // Under 21 characters, each hyphen counting two: 17 letters and 2 hyphens make 21.
            #expect(try await client.post(connectors + "?connectorId=abcde-fghij-klmnopq", json: body).status == 400)
            #expect(try await client.post(connectors + "?connectorId=abcdefgh-ijklmnopq", json: body).status == 200)
            var cases: [(String, JSONValue)] = []
            var wide = body
            wide["ipCidrRange"] = "10.8.0.0/27"
            cases.append(("/28", wide))
            var both = body
            both["subnet"] = ["name": "connector-subnet"]
            cases.append(("not both", both))
            var small = body
            small["minInstances"] = 1
            cases.append(("between 2 and 9", small))
            var inverted = body
            inverted["minInstances"] = 5
            inverted["maxInstances"] = 4
            cases.append(("lower than maxInstances", inverted))
            var machine = body
            machine["machineType"] = "n2-standard-2"
            cases.append(("e2-micro, f1-micro or e2-standard-4", machine))
            cases.append(("unknown field", ["network": "prod-vpc", "ipCidrRange": "10.8.0.0/28", "minInstance": 2]))
            for (index, (words, json)) in cases.enumerated() {
                let refused = try await client.post(connectors + "?connectorId=bad\(index)", json: json)
                #expect(refused.status == 400, "\(words)")
                #expect(words == "unknown field" || refused.errorMessage.contains(words), "\(refused.errorMessage)")
            }
            let legacy = try await client.post(connectors + "?connectorId=legacy", json: [
                "network": "prod-vpc", "ipCidrRange": "10.8.1.0/28", "minThroughput": 300, "maxThroughput": 700,
            ])
            #expect(legacy.json["error"] == nil)
            let connector = try await client.get(connectors + "/legacy")
            #expect(connector.json["minInstances"] == 3)
            #expect(connector.json["maxInstances"] == 7)
        }
    }

    @Test func aRangeInUseOrAMissingNetworkLeavesTheConnectorInError() async throws {
        try await withClient { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            emulator.arrangeSubnetwork("app-subnet", project: psa.project, region: "us-central1", network: "prod-vpc", ipCidrRange: "10.0.0.0/20")
            var overlapping = body
            overlapping["ipCidrRange"] = "10.0.4.0/28"
            let failed = try await client.post(connectors + "?connectorId=overlapping", json: overlapping)
            #expect(failed.json["error"]?["code"] == 9)
            #expect(failed.json["error"]?["message"]?.stringValue?.contains("overlaps 10.0.0.0/20") == true)
            #expect(try await client.get(connectors + "/overlapping").json["state"] == "ERROR")

            var reserved = body
            reserved["ipCidrRange"] = "10.10.0.16/28"
            #expect(try await client.post(connectors + "?connectorId=in-psa-range", json: reserved).json["error"]?["code"] == 9)
            var missing = body
            missing["network"] = "absent-vpc"
            let orphan = try await client.post(connectors + "?connectorId=orphan", json: missing)
            #expect(orphan.json["error"]?["message"]?.stringValue?.contains("absent-vpc") == true)

            #expect(try await client.post(connectors + "?connectorId=first", json: body).json["error"] == nil)
            #expect(try await client.post(connectors + "?connectorId=second", json: body).json["error"]?["code"] == 9)
            // An ERROR connector can be deleted, as Google recommends.
            #expect(try await client.send("DELETE", connectors + "/overlapping").json["done"] == true)
            #expect(try await client.get(connectors + "/overlapping").status == 404)
        }
    }

    @Test func anUpdateRaisesTheBoundsAndNeverTouchesTheNetwork() async throws {
        try await withClient { emulator, client in
            _ = PrivateServices.arrange(emulator)
            _ = try await client.post(connectors + "?connectorId=app-connector", json: body)
            let connector = connectors + "/app-connector"
            let raised = try await client.send("PATCH", connector + "?updateMask=maxInstances,machineType", json: ["maxInstances": 5, "machineType": "e2-standard-4"])
            #expect(raised.json["error"] == nil)
            let updated = try await client.get(connector)
            #expect(updated.json["maxInstances"] == 5)
            #expect(updated.json["maxThroughput"] == 500)
            #expect(updated.json["machineType"] == "e2-standard-4")
            #expect(updated.json["state"] == "READY")

            let lowered = try await client.send("PATCH", connector + "?updateMask=maxInstances", json: ["maxInstances": 4])
            #expect(lowered.status == 400)
            #expect(lowered.errorMessage.contains("can only be raised"))
            let moved = try await client.send("PATCH", connector + "?updateMask=ipCidrRange", json: ["ipCidrRange": "10.9.0.0/28"])
            #expect(moved.status == 400)
            #expect(moved.errorMessage.contains("cannot be updated"))
            #expect(try await client.get(connector).json["ipCidrRange"] == "10.8.0.0/28")
        }
    }

    @Test func aCloudRunServiceUsingTheConnectorMakesItsProjectConnected() async throws {
        try await withClient { emulator, client in
            _ = PrivateServices.arrange(emulator)
            _ = try await client.post(connectors + "?connectorId=app-connector", json: body)
            let service = try await client.post("/run/v2/projects/psa-project/locations/us-central1/services?serviceId=api", json: [
                "template": [
                    "containers": [["image": "us-docker.pkg.dev/cloudrun/container/hello"]],
                    "vpcAccess": ["connector": "projects/psa-project/locations/us-central1/connectors/app-connector", "egress": "PRIVATE_RANGES_ONLY"],
                ],
            ])
            #expect(service.status == 200)
            #expect(try await client.get(connectors + "/app-connector").json["connectedProjects"] == ["psa-project"])
        }
    }
}
