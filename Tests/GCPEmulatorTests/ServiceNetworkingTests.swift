import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct ServiceNetworkingTests {
    @Test func connectingPeersTheNetworkThroughAnOperationNotUnderAProject() async throws {
        var configuration = EmulatorConfiguration()
        configuration.frozenClock = true  // only advanceClock moves time: a loaded machine cannot finish an operation early
        configuration.operationSeconds = ["servicenetworking": 60]
        try await withClient(configuration) { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            let started = try await psa.connect(client)
            #expect(started.status == 200)
            let name = try #require(started.json["name"]?.stringValue)
            #expect(name.hasPrefix("operations/pssn.p24-\(psa.number)-"))
            #expect(started.json["done"] == false)
            #expect(try await client.get(psa.connections + "?network=\(psa.network)").json["connections"] == nil)

            emulator.advanceClock(seconds: 60)
            let done = try await client.get("/servicenetworking/v1/\(name)")
            #expect(done.json["done"] == true)
            #expect(done.json["response"]?["peering"] == "servicenetworking-googleapis-com")

            // gcloud lists every producer service with `services/-`.
            let listed = try await client.get("/servicenetworking/v1/services/-/connections?network=\(psa.network)")
            let connection = try #require(listed.json["connections"]?[0])
            #expect(connection["network"] == .string(psa.network))
            #expect(connection["reservedPeeringRanges"] == ["google-managed"])
            #expect(connection["service"] == "services/servicenetworking.googleapis.com")
            let peering = try #require(emulator.network("prod-vpc", project: psa.project)?["peerings"]?[0])
            #expect(peering["name"] == "servicenetworking-googleapis-com")
            #expect(peering["state"] == "ACTIVE")
        }
    }

    @Test func theNetworkIsNamedByProjectNumberAndTheAPIMustBeOn() async throws {
        try await withClient { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            let byID = try await client.post(psa.connections, json: [
                "network": "projects/psa-project/global/networks/prod-vpc", "reservedPeeringRanges": ["google-managed"],
            ])
            #expect(byID.status == 400)
            #expect(byID.errorMessage.contains("project number"))
            let unknownField = try await client.post(psa.connections, json: ["network": .string(psa.network), "ranges": ["x"]])
            #expect(unknownField.status == 400)

            emulator.setServices(["servicenetworking.googleapis.com"], enabled: false, project: psa.project)
            let disabled = try await psa.connect(client)
            #expect(disabled.status == 403)
            #expect(disabled.text.contains("SERVICE_DISABLED"))
            #expect(try await client.get(psa.connections + "?network=\(psa.network)").status == 403)
        }
    }

    @Test func rangesMustBeReservedForPeeringOnThatNetwork() async throws {
        try await withClient { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            emulator.arrangeAddressRange("edge-ip", project: psa.project, network: "prod-vpc", address: "34.1.2.3", prefixLength: 32, purpose: "EXTERNAL")
            emulator.arrangeNetwork("other-vpc", project: psa.project)
            emulator.arrangeAddressRange("other-range", project: psa.project, network: "other-vpc", address: "10.20.0.0", prefixLength: 16)

            for (ranges, words) in [(["edge-ip"], "not reserved for VPC peering"), (["other-range"], "not found in network"),
                                    (["missing"], "not found in network")] {
                let failed = try await psa.connect(client, ranges: ranges)
                #expect(failed.json["done"] == true)
                #expect(failed.json["error"]?["code"] == 9)
                #expect(failed.json["error"]?["message"]?.stringValue?.contains(words) == true, "\(ranges)")
            }
            let noNetwork = try await client.post(psa.connections, json: [
                "network": .string("projects/\(psa.number)/global/networks/absent"), "reservedPeeringRanges": ["google-managed"],
            ])
            #expect(noNetwork.json["error"]?["code"] == 9)
            #expect(try await client.get(psa.connections + "?network=\(psa.network)").json["connections"] == nil)
        }
    }

    @Test func rangesChangeThroughPatchAndRemovingOneNeedsForce() async throws {
        try await withClient { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            emulator.arrangeAddressRange("more-range", project: psa.project, network: "prod-vpc", address: "10.11.0.0", prefixLength: 16)
            #expect(try await psa.connect(client).json["error"] == nil)
            // The same create again converges; other ranges there are Google's refusal.
            #expect(try await psa.connect(client).json["error"] == nil)
            let changed = try await psa.connect(client, ranges: ["google-managed", "more-range"])
            #expect(changed.json["error"]?["message"] == "Cannot modify allocated ranges in CreateConnection. Please use UpdateConnection.")

            // gcloud names the connection `-`; the documented name is the peering's.
            let added = try await client.send("PATCH", psa.connections + "/-", json: [
                "network": .string(psa.network), "reservedPeeringRanges": ["google-managed", "more-range"],
            ])
            #expect(added.json["error"] == nil)
            let connection = psa.connections + "/servicenetworking-googleapis-com?updateMask=reservedPeeringRanges"
            let removed = try await client.send("PATCH", connection, json: ["network": .string(psa.network), "reservedPeeringRanges": ["more-range"]])
            #expect(removed.json["error"]?["code"] == 9)
            #expect(removed.json["error"]?["message"]?.stringValue?.contains("force=true") == true)
            let forced = try await client.send("PATCH", connection + "&force=true", json: ["network": .string(psa.network), "reservedPeeringRanges": ["more-range"]])
            #expect(forced.json["error"] == nil)
            let listed = try await client.get(psa.connections + "?network=\(psa.network)")
            #expect(listed.json["connections"]?[0]?["reservedPeeringRanges"] == ["more-range"])
        }
    }

    @Test func deletingWaitsUntilNoProducerUsesTheConnection() async throws {
        var configuration = EmulatorConfiguration()
        configuration.frozenClock = true  // only advanceClock moves time: a loaded machine cannot finish an operation early
        configuration.serviceNetworkingReleaseSeconds = 3600
        try await withClient(configuration) { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            _ = try await psa.connect(client)
            let instances = "/sqladmin/v1/projects/\(psa.project)/instances"
            let created = try await client.post(instances, json: [
                "name": "private-db", "databaseVersion": "POSTGRES_15", "region": "us-central1",
                "settings": ["tier": "db-f1-micro", "edition": "ENTERPRISE",
                             "ipConfiguration": ["ipv4Enabled": false, "privateNetwork": "projects/psa-project/global/networks/prod-vpc"]],
            ])
            #expect(created.status == 200)
            let delete = psa.connections + "/servicenetworking-googleapis-com"
            let body: JSONValue = ["consumerNetwork": .string(psa.network)]
            let refused = try await client.post(delete, json: body)
            #expect(refused.json["error"]?["code"] == 9)
            #expect(refused.json["error"]?["message"] == "Failed to delete connection; Producer services (e.g. CloudSQL, Cloud Memstore, etc.) are still using this connection.")

            #expect(try await client.send("DELETE", instances + "/private-db").status == 200)
            // Cloud SQL keeps its producer resources for a while after the instance goes.
            #expect(try await client.post(delete, json: body).json["error"]?["code"] == 9)
            emulator.advanceClock(seconds: 3601)
            let deleted = try await client.post(delete, json: body)
            #expect(deleted.json["done"] == true)
            #expect(deleted.json["error"] == nil)
            #expect(try await client.get(psa.connections + "?network=\(psa.network)").json["connections"] == nil)
            #expect(emulator.network("prod-vpc", project: psa.project)?["peerings"] == nil)
            #expect(try await client.post(delete, json: body).status == 404)
        }
    }

    @Test func removingTheNetworksPeeringEndsTheConnection() async throws {
        try await withClient { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            _ = try await psa.connect(client)
            emulator.updateResource(project: psa.project, collection: "compute.networks", name: "prod-vpc") { $0["peerings"] = [] }
            #expect(try await client.get(psa.connections + "?network=\(psa.network)").json["connections"] == nil)
        }
    }
}
