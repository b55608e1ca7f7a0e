import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct RedisTests {
    let instances = "/redis/v1/projects/psa-project/locations/us-central1/instances"
    let body: JSONValue = [
        "tier": "STANDARD_HA", "memorySizeGb": 5, "redisVersion": "REDIS_7_0",
        "authorizedNetwork": "projects/psa-project/global/networks/prod-vpc", "connectMode": "PRIVATE_SERVICE_ACCESS",
        "reservedIpRange": "google-managed", "redisConfigs": ["maxmemory-policy": "allkeys-lru"],
        "maintenancePolicy": ["weeklyMaintenanceWindow": [["day": "SUNDAY", "startTime": ["hours": 3]]]],
    ]

    @Test func privateServiceAccessNeedsTheNetworksConnection() async throws {
        try await withClient { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            let refused = try await client.post(instances + "?instanceId=cache", json: body)
            #expect(refused.status == 400)
            #expect(refused.errorStatus == "FAILED_PRECONDITION")
            #expect(refused.errorMessage.hasPrefix("Google private service access is not enabled."))
            #expect(try await client.get(instances + "/cache").status == 404)

            _ = try await psa.connect(client)
            var otherProject = body
            otherProject["authorizedNetwork"] = "projects/shared-vpc-host/global/networks/prod-vpc"
            let shared = try await client.post(instances + "?instanceId=cache", json: otherProject)
            #expect(shared.status == 400)
            #expect(shared.errorMessage == "authorized_network must exist in the same project as redis instance")
            #expect(shared.text.contains("instance.authorized_network"))
        }
    }

    @Test func anInstanceIsCreatingThenReadyWithItsEndpointInTheAllocatedRange() async throws {
        var configuration = EmulatorConfiguration()
        configuration.frozenClock = true  // only advanceClock moves time: a loaded machine cannot finish an operation early
        configuration.operationSeconds = ["redis": 300]
        try await withClient(configuration) { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            _ = try await psa.connect(client)
            let started = try await client.post(instances + "?instanceId=cache", json: body)
            #expect(started.status == 200)
            let name = try #require(started.json["name"]?.stringValue)
            #expect(started.json["metadata"]?["verb"] == "create")
            let creating = try await client.get(instances + "/cache")
            #expect(creating.json["state"] == "CREATING")
            #expect(creating.json["host"] == nil)
            #expect(try await client.send("PATCH", instances + "/cache?updateMask=displayName", json: ["displayName": "x"]).status == 400)

            emulator.advanceClock(seconds: 300)
            #expect(try await client.get("/redis/v1/\(name)").json["response"]?["state"] == "READY")
            let ready = try await client.get(instances + "/cache").json
            #expect(ready["state"] == "READY")
            #expect(ready["port"] == 6379)
            let host = try #require(ready["host"]?.stringValue)
            #expect(host.hasPrefix("10.10."))
            // Google answers the /29 it took in the named range, not the range's name.
            #expect(ready["reservedIpRange"]?.stringValue?.hasSuffix("/29") == true)
            #expect(ready["authEnabled"] == false)
            #expect(ready["alternativeLocationId"] != nil)
            #expect(ready["maintenancePolicy"]?["weeklyMaintenanceWindow"]?[0]?["duration"] == "3600s")
            #expect(try await client.get("/redis/v1/projects/psa-project/locations/-/instances").json["instances"]?.arrayValue?.count == 1)
            #expect(try await client.post(instances + "?instanceId=cache", json: body).status == 409)
        }
    }

    @Test func authStringsComeOnlyFromGetAuthStringAndOnlyWhileAuthIsOn() async throws {
        try await withClient { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            _ = try await psa.connect(client)
            _ = try await client.post(instances + "?instanceId=cache", json: body)
            let off = try await client.get(instances + "/cache/authString")
            #expect(off.status == 200)
            #expect(off.json == [:])

            // gcloud sends update masks in snake_case.
            let enabled = try await client.send("PATCH", instances + "/cache?updateMask=auth_enabled", json: ["authEnabled": true])
            #expect(enabled.json["error"] == nil)
            let first = try #require(try await client.get(instances + "/cache/authString").json["authString"]?.stringValue)
            #expect(!(try await client.get(instances + "/cache").text.contains(first)))
            #expect(try await client.get(instances + "/cache/authString").json["authString"]?.stringValue == first)

            _ = try await client.send("PATCH", instances + "/cache?updateMask=authEnabled", json: ["authEnabled": false])
            _ = try await client.send("PATCH", instances + "/cache?updateMask=authEnabled", json: ["authEnabled": true])
            let second = try await client.get(instances + "/cache/authString").json["authString"]?.stringValue
            #expect(second != nil && second != first)
            let log = emulator.requests(methodID: "redis.projects.locations.instances.getAuthString")
            #expect(log.allSatisfy { !$0.mutating })
        }
    }

    @Test func patchChangesOnlyWhatAnUpdateMaskMayName() async throws {
        try await withClient { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            _ = try await psa.connect(client)
            _ = try await client.post(instances + "?instanceId=cache", json: body)
            let cache = instances + "/cache"
            let resized = try await client.send("PATCH", cache + "?updateMask=memory_size_gb,labels", json: ["memorySizeGb": 10, "labels": ["env": "prod"]])
            #expect(resized.json["error"] == nil)
            let instance = try await client.get(cache).json
            #expect(instance["memorySizeGb"] == 10)
            #expect(instance["labels"] == ["env": "prod"])

            let refusals: [(String, JSONValue)] = [
                ("tier", ["tier": "BASIC"]), ("authorizedNetwork", ["authorizedNetwork": "projects/psa-project/global/networks/x"]),
                ("", ["displayName": "no mask"]),
            ]
            for (mask, json) in refusals {
                let refused = try await client.send("PATCH", cache + "?updateMask=\(mask)", json: json)
                #expect(refused.status == 400, "\(mask)")
            }
            #expect(try await client.send("PATCH", cache + "?updateMask=memorySizeGb", json: ["memorySizeGb": 301]).status == 400)
            #expect(try await client.send("PATCH", cache + "?updateMask=redisConfigs", json: ["redisConfigs": ["maxclients": "10"]]).status == 400)
            let downgrade = try await client.post(cache + ":upgrade", json: ["redisVersion": "REDIS_6_X"])
            #expect(downgrade.status == 400)
            #expect(try await client.post(cache + ":upgrade", json: ["redisVersion": "REDIS_7_2"]).json["error"] == nil)
            #expect(try await client.get(cache).json["redisVersion"] == "REDIS_7_2")
        }
    }

    @Test func createChecksTheInstanceAsGoogleDoes() async throws {
        try await withClient { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            _ = try await psa.connect(client)
            #expect(try await client.post(instances + "?instanceId=Cache", json: body).status == 400)
            #expect(try await client.post(instances + "?instanceId=" + String(repeating: "c", count: 41), json: body).status == 400)
            var cases: [JSONValue] = []
            var noTier = body
            noTier["tier"] = nil
            cases.append(noTier)
            var huge = body
            huge["memorySizeGb"] = 301
            cases.append(huge)
            var basicReplicas = body
            basicReplicas["tier"] = "BASIC"
            basicReplicas["replicaCount"] = 1
            cases.append(basicReplicas)
            var badRange = body
            badRange["reservedIpRange"] = "not-a-connected-range"
            cases.append(badRange)
            var badTier = body
            badTier["tier"] = "PREMIUM"
            cases.append(badTier)
            for (index, json) in cases.enumerated() {
                #expect(try await client.post(instances + "?instanceId=cache\(index)", json: json).status == 400, "case \(index)")
            }
        }
    }

    @Test func deletingFreesTheConnectionOnlyAfterGooglesReleaseWindow() async throws {
        var configuration = EmulatorConfiguration()
        configuration.frozenClock = true  // only advanceClock moves time: a loaded machine cannot finish an operation early
        configuration.serviceNetworkingReleaseSeconds = 600
        try await withClient(configuration) { emulator, client in
            let psa = PrivateServices.arrange(emulator)
            _ = try await psa.connect(client)
            _ = try await client.post(instances + "?instanceId=cache", json: body)
            let deleted = try await client.send("DELETE", instances + "/cache")
            #expect(deleted.json["done"] == true)
            #expect(try await client.get(instances + "/cache").status == 404)
            let delete = psa.connections + "/servicenetworking-googleapis-com"
            #expect(try await client.post(delete, json: ["consumerNetwork": .string(psa.network)]).json["error"]?["code"] == 9)
            emulator.advanceClock(seconds: 600)
            #expect(try await client.post(delete, json: ["consumerNetwork": .string(psa.network)]).json["error"] == nil)
        }
    }
}
