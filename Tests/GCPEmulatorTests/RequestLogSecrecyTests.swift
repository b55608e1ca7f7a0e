import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Issue 15 point 9: the request log and the state file hold what clients sent, secrets
/// included; both are readable by their owner only, and the log masks secret payloads,
/// passwords and keys wherever it is read (the file, `/_emulator/requests`, `requests()`).
@Suite struct RequestLogSecrecyTests {
    static let payload = Data("sentinel-secret-value".utf8).base64EncodedString()
    static let password = "sentinel-password-42"

    @Test func theLogAndTheStateFileAreOwnerOnlyAndTheLogHoldsNoSecret() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let logPath = directory.path + "/requests.jsonl"
        let statePath = directory.path + "/state.json"
        // A log left world-readable by an earlier run is narrowed too.
        FileManager.default.createFile(atPath: logPath, contents: nil, attributes: [.posixPermissions: 0o644])
        var configuration = ungated()
        configuration.requestLogPath = logPath
        configuration.statePath = statePath
        configuration.operationSeconds = ["sql": 0]
        var served = ""
        try await withClient(configuration) { emulator, client in
            let secrets = "/secretmanager/v1/projects/log-project/secrets"
            _ = try await client.post(secrets + "?secretId=jwt", json: ["replication": ["automatic": [:]]])
            let added = try await client.post(secrets + "/jwt:addVersion", json: ["payload": ["data": .string(Self.payload)]])
            #expect(added.status == 200)
            let instances = "/sqladmin/v1/projects/log-project/instances"
            let instance = try await client.post(instances, json: [
                "name": "db", "databaseVersion": "POSTGRES_16", "region": "europe-west1", "rootPassword": .string(Self.password),
                "settings": ["tier": "db-f1-micro", "edition": "ENTERPRISE"],
            ])
            #expect(instance.status == 200, "\(instance.text)")
            let user = try await client.post(instances + "/db/users", json: ["name": "app", "password": .string(Self.password)])
            #expect(user.status == 200)
            served = try await client.get("/_emulator/requests").text
            let inMemory = emulator.requests().compactMap { $0.body?.serialized }.joined(separator: "\n")
            #expect(inMemory.contains("‹redacted›"))
            for text in [served, inMemory] {
                #expect(!text.contains(Self.payload))
                #expect(!text.contains(Self.password))
            }
            #expect(emulator.requests(methodID: "secretmanager.projects.secrets.addVersion").first?.body?["payload"]?["data"] == "‹redacted›")
        }
        let logged = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(logged.contains("addVersion"), "the log has the requests")
        #expect(!logged.contains(Self.payload))
        #expect(!logged.contains(Self.password))
        #expect(served.contains("addVersion"))
        for path in [logPath, statePath] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path) is owner-only")
        }
        // The state keeps the payload, as Google does: it is what the emulator serves back.
        let state = try String(contentsOfFile: statePath, encoding: .utf8)
        #expect(state.contains(Self.payload))
    }
}
