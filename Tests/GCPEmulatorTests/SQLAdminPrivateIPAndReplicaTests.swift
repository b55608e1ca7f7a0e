import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct SQLAdminPrivateIPAndReplicaTests {
    let instances = "/sqladmin/v1/projects/psa-project/instances"

    func instance(_ name: String, privateOnly: Bool = true, extra: [String: JSONValue] = [:]) -> JSONValue {
        var settings: JSONValue = ["tier": "db-custom-1-3840", "edition": "ENTERPRISE"]
        if privateOnly {
            settings["ipConfiguration"] = ["ipv4Enabled": false, "privateNetwork": "projects/psa-project/global/networks/prod-vpc",
                                           "allocatedIpRange": "google-managed"]
        }
        var body: JSONValue = ["name": .string(name), "databaseVersion": "POSTGRES_15", "region": "us-central1", "settings": settings]
        for (key, value) in extra { body[key] = value }
        return body
    }

    @Test func aPrivateIPInstanceFailsWithoutThePrivateServicesConnection() async throws {
        try await withClient { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            let operation = try await client.post(instances, json: instance("private-db"))
            #expect(operation.status == 200)
            #expect(operation.json["status"] == "DONE")
            let message = operation.json["error"]?["errors"]?[0]?["message"]?.stringValue ?? ""
            #expect(message == "Failed to create subnetwork. Please create Service Networking connection with service 'servicenetworking.googleapis.com' from consumer project '\(psa.number)' network 'prod-vpc' again.")
            #expect(try await client.get(instances + "/private-db").json["state"] == "FAILED")
        }
    }

    @Test func withTheConnectionItGetsAPrivateAddressOnly() async throws {
        try await withClient { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            _ = try await psa.connect(client)
            #expect(try await client.post(instances, json: instance("private-db")).json["error"] == nil)
            let created = try await client.get(instances + "/private-db").json
            #expect(created["state"] == "RUNNABLE")
            let addresses = created["ipAddresses"]?.arrayValue ?? []
            #expect(addresses.map { $0["type"] } == ["PRIVATE"])
            #expect(addresses.first?["ipAddress"]?.stringValue?.hasPrefix("10.10.") == true)
            #expect(created["settings"]?["ipConfiguration"]?["privateNetwork"] == "projects/psa-project/global/networks/prod-vpc")

            // The private network can be changed, never removed; public IP may come back.
            let removed = try await client.send("PATCH", instances + "/private-db", json: ["settings": ["ipConfiguration": ["privateNetwork": ""]]])
            #expect(removed.status == 400)
            #expect(removed.errorMessage.contains("not removed"))
            #expect(try await client.send("PATCH", instances + "/private-db", json: ["settings": ["ipConfiguration": ["ipv4Enabled": true]]]).json["error"] == nil)
            let both = try await client.get(instances + "/private-db").json["ipAddresses"]?.arrayValue?.map { $0["type"] }
            #expect(both == ["PRIMARY", "PRIVATE"])
        }
    }

    @Test func anInstanceNeedsPublicOrPrivateIP() async throws {
        try await withClient { emulator, client in
            _ = PrivateServices.arrange(emulator)
            let body: JSONValue = ["name": "nowhere-db", "databaseVersion": "POSTGRES_15",
                                   "settings": ["tier": "db-f1-micro", "edition": "ENTERPRISE", "ipConfiguration": ["ipv4Enabled": false]]]
            let refused = try await client.post(instances, json: body)
            #expect(refused.status == 400)
            #expect(refused.errorMessage.contains("At least one of Public IP or Private IP"))
            var malformed = instance("odd-db")
            malformed["settings"]?["ipConfiguration"]?["privateNetwork"] = "prod-vpc"
            #expect(try await client.post(instances, json: malformed).status == 400)
        }
    }

    @Test func aReadReplicaIsListedOnItsPrimaryWhichCannotBeDeletedBeforeIt() async throws {
        try await withClient { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            _ = try await psa.connect(client)
            _ = try await client.post(instances, json: instance("main-db"))
            var replicaBody = instance("main-db-replica", extra: ["masterInstanceName": "main-db", "replicaConfiguration": ["failoverTarget": false]])
            replicaBody["region"] = nil
            #expect(try await client.post(instances, json: replicaBody).json["error"] == nil)

            let replica = try await client.get(instances + "/main-db-replica").json
            #expect(replica["instanceType"] == "READ_REPLICA_INSTANCE")
            #expect(replica["masterInstanceName"] == "psa-project:main-db")
            #expect(replica["region"] == "us-central1")
            #expect(replica["ipAddresses"]?[0]?["type"] == "PRIVATE")
            let primary = try await client.get(instances + "/main-db").json
            #expect(primary["replicaNames"] == ["main-db-replica"])
            #expect(primary["instanceType"] == "CLOUD_SQL_INSTANCE")

            let refused = try await client.send("DELETE", instances + "/main-db")
            #expect(refused.status == 400)
            #expect(refused.errorMessage == "The requested operation is not valid for a replication master instance.")
            #expect(refused.json["error"]?["errors"]?[0]?["reason"] == "errorReplicationMasterInvalidOperation")

            let moved = try await client.send("PATCH", instances + "/main-db-replica", json: ["masterInstanceName": "other-db"])
            #expect(moved.status == 400)
            #expect(try await client.send("DELETE", instances + "/main-db-replica").json["error"] == nil)
            #expect(try await client.get(instances + "/main-db").json["replicaNames"] == nil)
            #expect(try await client.send("DELETE", instances + "/main-db").json["error"] == nil)
        }
    }

    @Test func aReplicaNeedsARunningPrimaryOfItsOwnVersion() async throws {
        try await withClient { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            _ = try await psa.connect(client)
            let orphan = try await client.post(instances, json: instance("orphan", extra: ["masterInstanceName": "absent-db"]))
            #expect(orphan.status == 403)
            #expect(orphan.errorMessage == "The client is not authorized to make this request.")

            _ = try await client.post(instances, json: instance("main-db"))
            let otherVersion = try await client.post(instances, json: instance("r1", extra: ["masterInstanceName": "main-db", "databaseVersion": "POSTGRES_16"]))
            #expect(otherVersion.status == 400)
            _ = try await client.post(instances, json: instance("r1", extra: ["masterInstanceName": "main-db"]))
            let chained = try await client.post(instances, json: instance("r2", extra: ["masterInstanceName": "r1"]))
            #expect(chained.status == 400)
            #expect(try await client.post(instances, json: instance("r3", extra: ["replicaNames": ["x"]])).json["error"] == nil)
            #expect(try await client.get(instances + "/r3").json["replicaNames"] == nil)
        }
    }
}
