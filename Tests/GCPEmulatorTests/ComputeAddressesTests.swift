import GCPEmulator
import Testing
import TestSupport

@Suite struct ComputeAddressesTests {
    let addresses = computeBase + "/global/addresses"

    @Test func aPeeringRangeIsPickedFreeOnItsNetworkOrPinned() async throws {
        try await withClient(ungated()) { _, client in
            _ = try await client.post(computeBase + "/global/networks", json: ["name": "vpc", "autoCreateSubnetworks": false])
            _ = try await client.post(computeBase + "/regions/us-central1/subnetworks", json: [
                "name": "app", "network": "global/networks/vpc", "ipCidrRange": "10.0.0.0/20",
            ])
            let range: JSONValue = [
                "name": "google-managed-services", "purpose": "VPC_PEERING", "addressType": "INTERNAL", "prefixLength": 16,
                "network": "global/networks/vpc",
            ]
            #expect(try await client.post(addresses, json: range).json["operationType"] == "insert")
            let reserved = try await client.get(addresses + "/google-managed-services")
            #expect(reserved.json["address"] == "10.1.0.0")
            #expect(reserved.json["prefixLength"] == 16)
            #expect(reserved.json["network"] == "https://www.googleapis.com/compute/v1/projects/net-project/global/networks/vpc")
            #expect(reserved.json["status"] == "RESERVED")
            #expect(reserved.json["labelFingerprint"] == "42WmSpB8rSM=")

            let clash = try await client.post(addresses, json: [
                "name": "pinned", "purpose": "VPC_PEERING", "addressType": "INTERNAL", "prefixLength": 24,
                "address": "10.1.5.0", "network": "global/networks/vpc",
            ])
            #expect(clash.status == 400)
            let noPrefix = try await client.post(addresses, json: ["name": "p", "purpose": "VPC_PEERING", "addressType": "INTERNAL", "network": "global/networks/vpc"])
            #expect(noPrefix.status == 400)
            // A subnet may not take a reserved range either.
            let subnet = try await client.post(computeBase + "/regions/us-central1/subnetworks", json: [
                "name": "late", "network": "global/networks/vpc", "ipCidrRange": "10.1.16.0/20",
            ])
            #expect(subnet.status == 400)
            #expect(subnet.errorMessage.contains("google-managed-services"))
            // And the network is now in use by the range.
            _ = try await client.send("DELETE", computeBase + "/regions/us-central1/subnetworks/app")
            let network = try await client.send("DELETE", computeBase + "/global/networks/vpc")
            #expect(network.json["error"]?["errors"]?[0]?["message"]?.stringValue?.hasSuffix("global/addresses/google-managed-services'") == true)
        }
    }

    @Test func anExternalAddressIsReservedAndLabelledWithItsFingerprint() async throws {
        try await withClient(ungated()) { _, client in
            _ = try await client.post(addresses, json: ["name": "edge-ip", "labels": ["managed-by": "gcpctl"]])
            let address = try await client.get(addresses + "/edge-ip")
            #expect(address.json["addressType"] == "EXTERNAL")
            #expect(address.json["ipVersion"] == "IPV4")
            #expect(address.json["networkTier"] == "PREMIUM")
            #expect(address.json["address"]?.stringValue?.hasPrefix("34.") == true)
            #expect(address.json["labels"]?["managed-by"] == "gcpctl")
            let fingerprint = try #require(address.json["labelFingerprint"])
            let stale = try await client.post(addresses + "/edge-ip/setLabels", json: ["labels": ["gcpctl-env": "prod"], "labelFingerprint": "42WmSpB8rSM="])
            #expect(stale.status == 412)
            let set = try await client.post(addresses + "/edge-ip/setLabels", json: ["labels": ["gcpctl-env": "prod"], "labelFingerprint": fingerprint])
            #expect(set.json["operationType"] == "setLabels")
            let relabelled = try await client.get(addresses + "/edge-ip")
            #expect(relabelled.json["labels"] == ["gcpctl-env": "prod"])
            #expect(relabelled.json["labelFingerprint"] != fingerprint)
            let listed = try await client.get(computeBase + "/aggregated/addresses?includeAllScopes=True")
            #expect(listed.json["items"]?["global"]?["addresses"]?[0]?["name"] == "edge-ip")
            #expect(try await client.send("DELETE", addresses + "/edge-ip").json["status"] == "DONE")
            #expect(try await client.get(addresses + "/edge-ip").status == 404)
        }
    }
}
