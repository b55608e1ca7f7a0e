import GCPEmulator
import Testing
import TestSupport

/// Compute base path of the tests' project.
let computeBase = "/compute/compute/v1/projects/net-project"

@Suite struct ComputeNetworksTests {
    let networks = computeBase + "/global/networks"
    let subnets = computeBase + "/regions/us-central1/subnetworks"

    @Test func aNetworkIsMadeByAGlobalOperationAndIsHiddenUntilItIsDone() async throws {
        try await withClient(ungated { $0.operationSeconds = ["compute": 20] }) { emulator, client in
            let operation = try await client.post(networks, json: ["name": "vpc", "autoCreateSubnetworks": false, "description": "Managed by gcpctl"])
            #expect(operation.status == 200)
            #expect(operation.json["kind"] == "compute#operation")
            #expect(operation.json["status"] == "PENDING")
            #expect(operation.json["operationType"] == "insert")
            #expect(operation.json["targetLink"] == "https://www.googleapis.com/compute/v1/projects/net-project/global/networks/vpc")
            #expect(operation.json["region"] == nil)
            let name = try #require(operation.json["name"]?.stringValue)
            #expect(name.hasPrefix("operation-"))
            #expect(operation.json["selfLink"]?.stringValue == "https://www.googleapis.com/compute/v1/projects/net-project/global/operations/\(name)")

            #expect(try await client.get(networks + "/vpc").status == 404)
            let running = try await client.get(computeBase + "/global/operations/\(name)")
            #expect(running.json["status"] == "RUNNING")
            // A subnet on a network still being made is refused as not ready.
            let early = try await client.post(subnets, json: ["name": "s", "network": "global/networks/vpc", "ipCidrRange": "10.0.0.0/20"])
            #expect(early.status == 400)
            #expect(early.json["error"]?["errors"]?[0]?["reason"] == "resourceNotReady")

            emulator.advanceClock(seconds: 20)
            let done = try await client.post(computeBase + "/global/operations/\(name)/wait")
            #expect(done.json["status"] == "DONE")
            #expect(done.json["progress"] == 100)
            #expect(done.json["endTime"] != nil)
            #expect(done.json["error"] == nil)
            let network = try await client.get(networks + "/vpc")
            #expect(network.json["selfLink"] == "https://www.googleapis.com/compute/v1/projects/net-project/global/networks/vpc")
            #expect(network.json["routingConfig"]?["routingMode"] == "REGIONAL")
            #expect(network.json["mtu"] == 1460)
            #expect(network.json["autoCreateSubnetworks"] == false)
            #expect(network.json["id"]?.stringValue == done.json["targetId"]?.stringValue)
            // The operation's wait is a read in the request log.
            #expect(emulator.requests(methodID: "compute.globalOperations.wait").allSatisfy { !$0.mutating })
        }
    }

    @Test func conflictsAndMissingResourcesAnswerInComputesErrorShape() async throws {
        try await withClient(ungated()) { _, client in
            #expect(try await client.post(networks, json: ["name": "vpc", "autoCreateSubnetworks": false]).status == 200)
            let again = try await client.post(networks, json: ["name": "vpc", "autoCreateSubnetworks": false])
            #expect(again.status == 409)
            #expect(again.errorMessage == "The resource 'projects/net-project/global/networks/vpc' already exists")
            #expect(again.json["error"]?["errors"]?[0]?["reason"] == "alreadyExists")
            #expect(again.json["error"]?["errors"]?[0]?["domain"] == "global")
            #expect(again.errorStatus == nil)
            let missing = try await client.get(networks + "/nope")
            #expect(missing.status == 404)
            #expect(missing.errorMessage == "The resource 'projects/net-project/global/networks/nope' was not found")
            #expect(missing.json["error"]?["errors"]?[0]?["reason"] == "notFound")
            let badName = try await client.post(networks, json: ["name": "Bad_Name", "autoCreateSubnetworks": false])
            #expect(badName.status == 400)
            #expect(badName.errorMessage.contains("resource.name"))
        }
    }

    @Test func aMisspeltFieldIsRefusedBeforeAnythingIsMade() async throws {
        try await withClient(ungated()) { emulator, client in
            let refused = try await client.post(networks, json: ["name": "vpc", "autoCreateSubnetwork": false])
            #expect(refused.status == 400)
            #expect(refused.errorMessage.contains("\"autoCreateSubnetwork\""))
            let nested = try await client.post(networks, json: ["name": "vpc", "autoCreateSubnetworks": false, "routingConfig": ["routingMod": "GLOBAL"]])
            #expect(nested.status == 400)
            let badEnum = try await client.post(networks, json: ["name": "vpc", "autoCreateSubnetworks": false, "routingConfig": ["routingMode": "WORLD"]])
            #expect(badEnum.status == 400)
            #expect(emulator.resource(project: "net-project", collection: EmulatorCollections.computeNetworks, name: "vpc") == nil)
        }
    }

    @Test func subnetsNormaliseReferencesAndRefuseOverlaps() async throws {
        try await withClient(ungated()) { _, client in
            _ = try await client.post(networks, json: ["name": "vpc", "autoCreateSubnetworks": false])
            let operation = try await client.post(subnets, json: [
                "name": "app", "network": "projects/net-project/global/networks/vpc", "ipCidrRange": "10.0.0.0/20",
                "privateIpGoogleAccess": true,
            ])
            #expect(operation.json["region"] == "https://www.googleapis.com/compute/v1/projects/net-project/regions/us-central1")
            let opName = try #require(operation.json["name"]?.stringValue)
            #expect(try await client.get(computeBase + "/regions/us-central1/operations/\(opName)").json["status"] == "DONE")
            #expect(try await client.get(computeBase + "/global/operations/\(opName)").status == 404)

            let subnet = try await client.get(subnets + "/app")
            #expect(subnet.json["network"] == "https://www.googleapis.com/compute/v1/projects/net-project/global/networks/vpc")
            #expect(subnet.json["region"] == "https://www.googleapis.com/compute/v1/projects/net-project/regions/us-central1")
            #expect(subnet.json["gatewayAddress"] == "10.0.0.1")
            #expect(subnet.json["fingerprint"]?.stringValue?.isEmpty == false)
            let network = try await client.get(networks + "/vpc")
            #expect(network.json["subnetworks"] == ["https://www.googleapis.com/compute/v1/projects/net-project/regions/us-central1/subnetworks/app"])

            let overlap = try await client.post(computeBase + "/regions/europe-west1/subnetworks", json: [
                "name": "other", "network": "https://compute.googleapis.com/compute/v1/projects/net-project/global/networks/vpc",
                "ipCidrRange": "10.0.8.0/24",
            ])
            #expect(overlap.status == 400)
            #expect(overlap.errorMessage.contains("conflicts with existing subnetwork 'app'"))
            let hostBits = try await client.post(subnets, json: ["name": "bits", "network": "global/networks/vpc", "ipCidrRange": "10.1.0.1/20"])
            #expect(hostBits.status == 400)
            let bareName = try await client.post(subnets, json: ["name": "bare", "network": "vpc", "ipCidrRange": "10.2.0.0/20"])
            #expect(bareName.status == 400)
            #expect(bareName.errorMessage.contains("The URL is malformed"))
            let noNetwork = try await client.post(subnets, json: ["name": "lost", "network": "global/networks/none", "ipCidrRange": "10.3.0.0/20"])
            #expect(noNetwork.status == 404)

            let aggregated = try await client.get(computeBase + "/aggregated/subnetworks?includeAllScopes=True&maxResults=500")
            #expect(aggregated.json["items"]?["regions/us-central1"]?["subnetworks"]?[0]?["name"] == "app")
        }
    }

    @Test func aSubnetIsPatchedWithItsFingerprintAndItsRangeOnlyGrows() async throws {
        try await withClient(ungated()) { _, client in
            _ = try await client.post(networks, json: ["name": "vpc", "autoCreateSubnetworks": false])
            _ = try await client.post(subnets, json: ["name": "app", "network": "global/networks/vpc", "ipCidrRange": "10.0.0.0/20"])
            let before = try await client.get(subnets + "/app")
            let fingerprint = try #require(before.json["fingerprint"])
            let stale = try await client.send("PATCH", subnets + "/app", json: ["privateIpGoogleAccess": true, "fingerprint": "AAAAAAAAAAA="])
            #expect(stale.status == 412)
            #expect(stale.json["error"]?["errors"]?[0]?["reason"] == "conditionNotMet")
            let withoutFingerprint = try await client.send("PATCH", subnets + "/app", json: ["privateIpGoogleAccess": true])
            #expect(withoutFingerprint.status == 412)
            let patched = try await client.send("PATCH", subnets + "/app", json: ["privateIpGoogleAccess": true, "fingerprint": fingerprint])
            #expect(patched.json["operationType"] == "patch")
            let after = try await client.get(subnets + "/app")
            #expect(after.json["privateIpGoogleAccess"] == true)
            #expect(after.json["fingerprint"] != fingerprint)
            let shrink = try await client.post(subnets + "/app/expandIpCidrRange", json: ["ipCidrRange": "10.0.0.0/24"])
            #expect(shrink.status == 400)
            #expect(try await client.post(subnets + "/app/expandIpCidrRange", json: ["ipCidrRange": "10.0.0.0/16"]).status == 200)
            #expect(try await client.get(subnets + "/app").json["ipCidrRange"] == "10.0.0.0/16")
            #expect(try await client.post(subnets + "/app/setPrivateIpGoogleAccess", json: ["privateIpGoogleAccess": false]).status == 200)
            #expect(try await client.get(subnets + "/app").json["privateIpGoogleAccess"] == false)
        }
    }

    @Test func aNetworkInUseFailsItsDeleteOperationUntilItsSubnetsAndRangesAreGone() async throws {
        try await withClient(ungated()) { _, client in
            _ = try await client.post(networks, json: ["name": "vpc", "autoCreateSubnetworks": false])
            _ = try await client.post(subnets, json: ["name": "app", "network": "global/networks/vpc", "ipCidrRange": "10.0.0.0/20"])
            let refused = try await client.send("DELETE", networks + "/vpc")
            #expect(refused.status == 200)
            #expect(refused.json["status"] == "DONE")
            #expect(refused.json["httpErrorStatusCode"] == 400)
            #expect(refused.json["error"]?["errors"]?[0]?["code"] == "RESOURCE_IN_USE_BY_ANOTHER_RESOURCE")
            #expect(refused.json["error"]?["errors"]?[0]?["message"] == "The network resource 'projects/net-project/global/networks/vpc' is already being used by 'projects/net-project/regions/us-central1/subnetworks/app'")
            #expect(try await client.get(networks + "/vpc").status == 200)

            #expect(try await client.send("DELETE", subnets + "/app").json["status"] == "DONE")
            #expect(try await client.get(subnets + "/app").status == 404)
            let deleted = try await client.send("DELETE", networks + "/vpc")
            #expect(deleted.json["error"] == nil)
            #expect(try await client.get(networks + "/vpc").status == 404)
        }
    }

    /// A Serverless VPC Access connector's instances live in its network: the network stays
    /// until the connector is deleted.
    @Test func aConnectorKeepsTheNetworkUntilDeleted() async throws {
        try await withClient(ungated()) { _, client in
            _ = try await client.post(networks, json: ["name": "vpc", "autoCreateSubnetworks": false])
            let connectors = "/vpcaccess/v1/projects/net-project/locations/us-central1/connectors"
            let made = try await client.post(connectors + "?connectorId=conn", json: ["network": "vpc", "ipCidrRange": "10.8.0.0/28", "minInstances": 2, "maxInstances": 3])
            #expect(made.status == 200, "\(made.json)")
            let refused = try await client.send("DELETE", networks + "/vpc")
            #expect(refused.json["error"]?["errors"]?[0]?["code"] == "RESOURCE_IN_USE_BY_ANOTHER_RESOURCE")
            #expect(refused.json["error"]?["errors"]?[0]?["message"]?.stringValue?.hasSuffix("'projects/net-project/locations/us-central1/connectors/conn'") == true)
            #expect(try await client.get(networks + "/vpc").status == 200)

            #expect(try await client.send("DELETE", connectors + "/conn").status == 200)
            #expect(try await client.get(connectors + "/conn").status == 404)
            #expect(try await client.send("DELETE", networks + "/vpc").json["error"] == nil)
            #expect(try await client.get(networks + "/vpc").status == 404)
        }
    }

    @Test func aPeeringKeepsTheNetworkUntilRemoved() async throws {
        try await withClient(ungated()) { emulator, client in
            _ = try await client.post(networks, json: ["name": "vpc", "autoCreateSubnetworks": false])
            emulator.updateResource(project: "net-project", collection: EmulatorCollections.computeNetworks, name: "vpc") { network in
                network["peerings"] = [["name": "servicenetworking-googleapis-com", "state": "ACTIVE",
                                        "network": "https://www.googleapis.com/compute/v1/projects/tenant/global/networks/servicenetworking"]]
            }
            #expect(try await client.send("DELETE", networks + "/vpc").json["error"] != nil)
            let unknown = try await client.post(networks + "/vpc/removePeering", json: ["name": "other"])
            #expect(unknown.status == 400)
            #expect(try await client.post(networks + "/vpc/removePeering", json: ["name": "servicenetworking-googleapis-com"]).status == 200)
            #expect(try await client.get(networks + "/vpc").json["peerings"] == nil)
            #expect(try await client.send("DELETE", networks + "/vpc").json["error"] == nil)
        }
    }

    @Test func aRepeatedRequestIDAnswersTheFirstOperation() async throws {
        try await withClient(ungated()) { emulator, client in
            let id = "5f0a4b8e-1c2d-4e3f-8a9b-0c1d2e3f4a5b"
            let first = try await client.post(networks + "?requestId=\(id)", json: ["name": "vpc", "autoCreateSubnetworks": false])
            let second = try await client.post(networks + "?requestId=\(id)", json: ["name": "vpc", "autoCreateSubnetworks": false])
            #expect(second.status == 200)
            #expect(first.json["name"] == second.json["name"])
            #expect(emulator.state(project: "net-project")?["resources"]?[EmulatorCollections.computeNetworks]?.objectValue?.count == 1)
            #expect(try await client.post(networks + "?requestId=not-a-uuid", json: ["name": "vpc2", "autoCreateSubnetworks": false]).status == 400)
        }
    }

    @Test func listsPageWithMaxResultsAndFilter() async throws {
        try await withClient(ungated()) { _, client in
            for name in ["a-net", "b-net", "c-net"] {
                _ = try await client.post(networks, json: ["name": .string(name), "autoCreateSubnetworks": false])
            }
            let first = try await client.get(networks + "?maxResults=2")
            #expect(first.json["kind"] == "compute#networkList")
            #expect(first.json["items"]?.arrayValue?.map { $0["name"] } == ["a-net", "b-net"])
            let token = try #require(first.json["nextPageToken"]?.stringValue)
            let second = try await client.get(networks + "?maxResults=2&pageToken=\(token)")
            #expect(second.json["items"]?.arrayValue?.map { $0["name"] } == ["c-net"])
            #expect(second.json["nextPageToken"] == nil)
            let filtered = try await client.get(networks + "?filter=name%20eq%20%22%5Bab%5D-.*%22")
            #expect(filtered.json["items"]?.arrayValue?.map { $0["name"] } == ["a-net", "b-net"])
            let aip = try await client.get(networks + "?filter=name%20%3D%20%22c-net%22")
            #expect(aip.json["items"]?.arrayValue?.map { $0["name"] } == ["c-net"])
            #expect(try await client.get(networks + "?filter=name%20eq%20a%20OR%20name%20eq%20b").status == 400)
        }
    }

    @Test func computeMustBeEnabled() async throws {
        try await withClient { _, client in
            let refused = try await client.get(networks)
            #expect(refused.status == 403)
            #expect(refused.json["error"]?["details"]?[0]?["reason"] == "SERVICE_DISABLED")
        }
    }
}
