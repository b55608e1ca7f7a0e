import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Cloud SQL's Data API (`instances.executeSql`) and the regional secrets it reads a
/// built-in user's password from, as Google's "Execute SQL statements using the Cloud SQL
/// Data API" page describes them.
@Suite struct SQLDataAPITests {
    let instances = "/sqladmin/v1/projects/sql-project/instances"
    let regional = "/secretmanager.europe-west1.rep/v1/projects/sql-project/locations/europe-west1/secrets"
    let passwordVersion = "projects/sql-project/locations/europe-west1/secrets/db-password/versions/latest"

    /// An instance with the Data API on (or off), the postgres password `s3cret`, a database
    /// `appdb`, and the password in a regional secret of the instance's region.
    func arrange(_ client: RawHTTPClient, dataAPI: Bool = true, secretValue: String = "s3cret") async throws {
        let settings: JSONValue = ["tier": "db-f1-micro", "edition": "ENTERPRISE", "dataApiAccess": dataAPI ? "ALLOW_DATA_API" : "DISALLOW_DATA_API"]
        _ = try await client.post(instances, json: ["name": "main-db", "databaseVersion": "POSTGRES_15", "region": "europe-west1", "settings": settings])
        _ = try await client.send("PUT", instances + "/main-db/users?name=postgres", json: ["name": "postgres", "password": "s3cret"])
        _ = try await client.post(instances + "/main-db/databases", json: ["name": "appdb"])
        #expect(try await client.post(regional + "?secretId=db-password", json: [:]).status == 200)
        _ = try await client.post(regional + "/db-password:addVersion", json: ["payload": ["data": .string(Data(secretValue.utf8).base64EncodedString())]])
    }

    func execute(_ client: RawHTTPClient, _ sql: String, secret: String? = nil) async throws -> RawHTTPClient.Response {
        try await client.post(instances + "/main-db/executeSql", json: [
            "sqlStatement": .string(sql), "database": "appdb", "user": "postgres", "passwordSecretVersion": .string(secret ?? passwordVersion),
        ])
    }

    @Test func regionalSecretsAreServedOnlyAtTheirRegionalEndpoint() async throws {
        try await withClient(ungated()) { _, client in
            let created = try await client.post(regional + "?secretId=token", json: [:])
            #expect(created.status == 200)
            let number = ProjectState.projectNumber(for: "sql-project")
            #expect(created.json["name"] == .string("projects/\(number)/locations/europe-west1/secrets/token"))
            #expect(try await client.post(regional + "?secretId=other", json: ["replication": ["automatic": [:]]]).status == 400,
                    "a regional secret has no replication policy")
            let global = try await client.post("/secretmanager/v1/projects/sql-project/locations/europe-west1/secrets?secretId=x", json: [:])
            #expect(global.status == 400)
            #expect(global.text.contains("secretmanager.europe-west1.rep.googleapis.com"))
            #expect(try await client.get("/secretmanager/v1/projects/sql-project/secrets").json["secrets"]?.arrayValue?.isEmpty ?? true,
                    "the global list does not show regional secrets")
            #expect(try await client.get(regional).json["secrets"]?.arrayValue?.count == 1)
        }
    }

    @Test func statementsRunAsTheUserWithThePasswordFromTheRegionalSecret() async throws {
        try await withClient(ungated { $0.operationSeconds = ["sql": 0] }) { emulator, client in
            try await arrange(client)
            let created = try await execute(client, "CREATE EXTENSION IF NOT EXISTS vector; SELECT extname, extversion FROM pg_extension")
            #expect(created.status == 200, "\(created.text)")
            let results = created.json["results"]?.arrayValue ?? []
            #expect(results.first?["message"] == "CREATE EXTENSION")
            #expect(results.last?["columns"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["extname", "extversion"])
            #expect(results.last?["rows"]?[0]?["values"]?.arrayValue?.compactMap { $0["value"]?.stringValue } == ["vector", "0.8.0"])
            #expect(emulator.requests(methodID: "sqladmin.instances.executeSql").last?.mutating == true)

            let again = try await execute(client, "CREATE EXTENSION IF NOT EXISTS vector")
            #expect(again.json["messages"]?[0]?["severity"] == "NOTICE")
            let read = try await execute(client, "SELECT extversion FROM pg_extension WHERE extname = 'vector'")
            #expect(read.json["results"]?[0]?["rows"]?[0]?["values"]?[0]?["value"] == "0.8.0")
            #expect(emulator.requests(methodID: "sqladmin.instances.executeSql").last?.mutating == false, "a read is not a mutation")
        }
    }

    @Test func theDatabaseErrorsComeBackInStatusAndChangeNothing() async throws {
        try await withClient(ungated { $0.operationSeconds = ["sql": 0] }) { _, client in
            try await arrange(client)
            let failed = try await execute(client, "CREATE EXTENSION pg_trgm; CREATE EXTENSION no_such_thing")
            #expect(failed.status == 200)
            #expect(failed.json["status"]?["message"]?.stringValue?.contains("extension \"no_such_thing\" is not available") == true)
            #expect(failed.json["results"] == nil)
            let read = try await execute(client, "SELECT extname FROM pg_extension")
            #expect(read.json["results"]?[0]?["rows"]?.arrayValue?.isEmpty ?? true, "the failed request's first statement was not kept")
            let unknown = try await execute(client, "SELECT * FROM users")
            #expect(unknown.json["status"]?["message"]?.stringValue?.contains("install postgresql-15") == true)
        }
    }

    @Test func theDataAPISettingTheRegionAndThePasswordAreEnforced() async throws {
        try await withClient(ungated { $0.operationSeconds = ["sql": 0] }) { _, client in
            try await arrange(client, dataAPI: false)
            let off = try await execute(client, "SELECT 1")
            #expect(off.status == 400)
            #expect(off.text.contains("doesn't allow using executeSql"))

            _ = try await client.send("PATCH", instances + "/main-db", json: ["settings": ["dataApiAccess": "ALLOW_DATA_API"]])
            #expect(try await execute(client, "SELECT 1").json["results"]?[0]?["rows"]?[0]?["values"]?[0]?["value"] == "1")
            let global = try await execute(client, "SELECT 1", secret: "projects/sql-project/secrets/db-password/versions/latest")
            #expect(global.status == 400)
            #expect(global.text.contains("global secrets are not supported"))
            let elsewhere = try await execute(client, "SELECT 1", secret: "projects/sql-project/locations/us-central1/secrets/db-password/versions/latest")
            #expect(elsewhere.status == 400)

            _ = try await client.post(regional + "/db-password:addVersion", json: ["payload": ["data": .string(Data("wrong".utf8).base64EncodedString())]])
            let wrong = try await execute(client, "SELECT 1")
            #expect(wrong.status == 200)
            #expect(wrong.json["status"]?["message"]?.stringValue?.contains("password authentication failed for user \"postgres\"") == true)
        }
    }
}
