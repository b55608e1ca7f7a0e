import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct SQLAdminTests {
    let instances = "/sqladmin/v1/projects/sql-project/instances"
    let postgres: JSONValue = [
        "name": "main-db", "databaseVersion": "POSTGRES_16", "region": "europe-west1", "rootPassword": "hunter2",
        "settings": ["tier": "db-f1-micro", "edition": "ENTERPRISE", "userLabels": ["env": "dev"]],
    ]

    func configuration(sqlSeconds: Double) -> EmulatorConfiguration {
        ungated { $0.operationSeconds = ["sql": sqlSeconds] }
    }

    @Test func insertRunsAnOperationAndFillsInGoogleFields() async throws {
        try await withClient(configuration(sqlSeconds: 600)) { emulator, client in
            let operation = try await client.post(instances, json: postgres)
            #expect(operation.status == 200)
            #expect(operation.json["kind"] == "sql#operation")
            #expect(operation.json["operationType"] == "CREATE")
            #expect(operation.json["status"] == "PENDING")
            let pending = try await client.get(instances + "/main-db")
            #expect(pending.json["state"] == "PENDING_CREATE")
            #expect(pending.json["connectionName"] == "sql-project:europe-west1:main-db")
            #expect(pending.json["settings"]?["settingsVersion"] == "1")
            #expect(pending.json["rootPassword"] == nil)
            #expect(pending.json["databaseInstalledVersion"]?.stringValue?.hasPrefix("POSTGRES_16_") == true)

            let busy = try await client.post(instances + "/main-db/restart")
            #expect(busy.status == 409)
            #expect(busy.json["error"]?["errors"]?.arrayValue?.first?["reason"] == "operationInProgress")

            emulator.advanceClock(seconds: 600)
            let name = try #require(operation.json["name"]?.stringValue)
            let done = try await client.get("/sqladmin/v1/projects/sql-project/operations/\(name)")
            #expect(done.json["status"] == "DONE")
            let running = try await client.get("/sqladmin/sql/v1beta4/projects/sql-project/instances/main-db")
            #expect(running.json["state"] == "RUNNABLE")
            #expect(running.json["ipAddresses"]?.arrayValue?.isEmpty == false)
            let users = try await client.get(instances + "/main-db/users")
            #expect(users.json["items"]?.arrayValue?.map { $0["name"] } == ["postgres"])
            #expect(!users.text.contains("hunter2"))

            let duplicate = try await client.post(instances, json: postgres)
            #expect(duplicate.status == 409)
            #expect(duplicate.json["error"]?["errors"]?.arrayValue?.first?["reason"] == "instanceAlreadyExists")
        }
    }

    @Test func sharedCoreTiersNeedTheEnterpriseEdition() async throws {
        try await withClient(configuration(sqlSeconds: 0)) { _, client in
            var body = postgres
            body["settings"] = ["tier": "db-f1-micro"]
            let refused = try await client.post(instances, json: body)
            #expect(refused.status == 400)
            #expect(refused.errorMessage.contains("ENTERPRISE_PLUS"))
            body["databaseVersion"] = "POSTGRES_15"
            #expect(try await client.post(instances, json: body).status == 200)
        }
    }

    @Test func patchMergesSettingsAndStopsWithActivationPolicyNever() async throws {
        try await withClient(configuration(sqlSeconds: 0)) { _, client in
            _ = try await client.post(instances, json: postgres)
            let patched = try await client.send("PATCH", instances + "/main-db", json: ["settings": ["activationPolicy": "NEVER", "userLabels": ["env": "prod"]]])
            #expect(patched.json["status"] == "DONE")
            let instance = try await client.get(instances + "/main-db")
            #expect(instance.json["settings"]?["activationPolicy"] == "NEVER")
            #expect(instance.json["settings"]?["tier"] == "db-f1-micro")
            #expect(instance.json["settings"]?["userLabels"] == ["env": "prod"])
            #expect(instance.json["settings"]?["settingsVersion"] == "2")
            #expect(instance.json["state"] == "RUNNABLE")
        }
    }

    @Test func deletionProtectionBlocksDeleteAndAReservationKeepsDeletedNames() async throws {
        var reserving = configuration(sqlSeconds: 0)
        reserving.sqlNameReservationSeconds = 7 * 24 * 3600
        try await withClient(reserving) { emulator, client in
            var body = postgres
            body["settings"] = ["tier": "db-f1-micro", "edition": "ENTERPRISE", "deletionProtectionEnabled": true]
            _ = try await client.post(instances, json: body)
            let refused = try await client.send("DELETE", instances + "/main-db")
            #expect(refused.status == 400)
            #expect(refused.errorMessage.contains("deletionProtectionEnabled"))
            _ = try await client.send("PATCH", instances + "/main-db", json: ["settings": ["deletionProtectionEnabled": false]])
            let deleted = try await client.send("DELETE", instances + "/main-db")
            #expect(deleted.json["operationType"] == "DELETE")
            #expect(try await client.get(instances + "/main-db").status == 404)
            let reused = try await client.post(instances, json: postgres)
            #expect(reused.status == 409)
            #expect(reused.errorMessage == "The Cloud SQL instance already exists.")
            emulator.advanceClock(seconds: 8 * 24 * 3600)
            #expect(try await client.post(instances, json: postgres).status == 200)
        }
    }

    @Test func aDeletedNameIsReusableAtOnceByDefaultAsGoogleDocuments() async throws {
        try await withClient(configuration(sqlSeconds: 0)) { _, client in
            _ = try await client.post(instances, json: postgres)
            _ = try await client.send("DELETE", instances + "/main-db")
            #expect(try await client.post(instances, json: postgres).status == 200)
        }
    }

    @Test func usersUpdateSetsAPasswordThatIsNeverEchoed() async throws {
        try await withClient(configuration(sqlSeconds: 0)) { emulator, client in
            _ = try await client.post(instances, json: postgres)
            let updated = try await client.send("PUT", instances + "/main-db/users?name=postgres", json: ["name": "postgres", "password": "s3cret"])
            #expect(updated.json["operationType"] == "UPDATE_USER")
            #expect(!updated.text.contains("s3cret"))
            let created = try await client.post(instances + "/main-db/users", json: ["name": "app", "password": "pw"])
            #expect(created.json["operationType"] == "CREATE_USER")
            let database = try await client.post(instances + "/main-db/databases", json: ["name": "appdb"])
            #expect(database.json["operationType"] == "CREATE_DATABASE")
            let databases = try await client.get(instances + "/main-db/databases")
            #expect(databases.json["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue }.sorted() == ["appdb", "postgres"])
            #expect(!(emulator.state(project: "sql-project")?.serialized.contains("s3cret") ?? true))
            let operations = try await client.get("/sqladmin/v1/projects/sql-project/operations?instance=main-db")
            #expect(operations.json["items"]?.arrayValue?.count == 4)
        }
    }
}
