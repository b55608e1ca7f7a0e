import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct SecretManagerTests {
    let secrets = "/secretmanager/v1/projects/secret-project/secrets"

    @Test func secretsAreCreatedWithReplicationAndNamedByProjectNumber() async throws {
        try await withClient(ungated()) { _, client in
            let created = try await client.post(secrets + "?secretId=db-password", json: ["replication": ["automatic": [:]], "labels": ["app": "web"]])
            #expect(created.status == 200)
            let number = ProjectState.projectNumber(for: "secret-project")
            #expect(created.json["name"] == .string("projects/\(number)/secrets/db-password"))
            let duplicate = try await client.post(secrets + "?secretId=db-password", json: ["replication": ["automatic": [:]]])
            #expect(duplicate.status == 409)
            let noReplication = try await client.post(secrets + "?secretId=other", json: [:])
            #expect(noReplication.status == 400)
            let patched = try await client.send("PATCH", secrets + "/db-password?updateMask=labels", json: ["labels": ["app": "api"]])
            #expect(patched.json["labels"] == ["app": "api"])
            let listed = try await client.get(secrets)
            #expect(listed.json["secrets"]?.arrayValue?.count == 1)
            #expect(try await client.send("DELETE", secrets + "/db-password").status == 200)
            #expect(try await client.get(secrets + "/db-password").status == 404)
        }
    }

    @Test func versionsAreAddedAccessedAndDestroyed() async throws {
        try await withClient(ungated()) { _, client in
            _ = try await client.post(secrets + "?secretId=token", json: ["replication": ["automatic": [:]]])
            let first = try await client.post(secrets + "/token:addVersion", json: ["payload": ["data": .string(Data("one".utf8).base64EncodedString())]])
            #expect(first.json["name"]?.stringValue?.hasSuffix("/versions/1") == true)
            let badChecksum = try await client.post(
                secrets + "/token:addVersion", json: ["payload": ["data": .string(Data("two".utf8).base64EncodedString()), "dataCrc32c": "12345"]])
            #expect(badChecksum.status == 400)
            // CRC32C("two") is 0x52d8b3a3 (the same polynomial gives 0xe3069283 for "123456789").
            let second = try await client.post(
                secrets + "/token:addVersion",
                json: ["payload": ["data": .string(Data("two".utf8).base64EncodedString()), "dataCrc32c": .string(String(0x52d8_b3a3))]])
            #expect(second.status == 200)
            #expect(second.json["clientSpecifiedPayloadChecksum"] == true)
            let latest = try await client.get(secrets + "/token/versions/latest:access")
            #expect(latest.json["payload"]?["data"]?.stringValue.flatMap { Data(base64Encoded: $0) } == Data("two".utf8))
            #expect(latest.json["name"]?.stringValue?.hasSuffix("/versions/2") == true)
            let listed = try await client.get(secrets + "/token/versions")
            #expect(listed.json["versions"]?.arrayValue?.first?["name"]?.stringValue?.hasSuffix("/versions/2") == true)
            let destroyed = try await client.post(secrets + "/token/versions/2:destroy", json: [:])
            #expect(destroyed.json["state"] == "DESTROYED")
            let refused = try await client.get(secrets + "/token/versions/latest:access")
            #expect(refused.status == 400)
            #expect(refused.errorStatus == "FAILED_PRECONDITION")
            let disabled = try await client.post(secrets + "/token/versions/1:disable", json: [:])
            #expect(disabled.json["state"] == "DISABLED")
            #expect(try await client.get(secrets + "/token/versions/1:access").status == 400)
        }
    }
}
