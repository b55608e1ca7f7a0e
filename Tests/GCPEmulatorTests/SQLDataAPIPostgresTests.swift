import Foundation
import GCPEmulator
import Testing
import TestSupport

/// executeSql on a real PostgreSQL: a throwaway cluster per Cloud SQL instance, started by
/// the first executeSql, holding the instance's users (with their passwords) and databases.
/// Skipped, with the reason, where no PostgreSQL 15+ server can run (`make test` installs
/// postgresql-15 on Debian: scripts/install-deps.sh --test).
@Suite(.enabled(if: PostgresServerChoice.installed.unavailableReason == nil,
                Comment(rawValue: "no PostgreSQL server here: \(PostgresServerChoice.installed.unavailableReason ?? "")")))
struct SQLDataAPIPostgresTests {
    let data = SQLDataAPITests()
    var instances: String { data.instances }

    func withServer(_ body: (Emulator, RawHTTPClient) async throws -> Void) async throws {
        try await withClient(ungated { $0.operationSeconds = ["sql": 0]; $0.postgres = .installed }) { emulator, client in
            try await data.arrange(client)
            try await body(emulator, client)
        }
    }

    static func values(_ response: RawHTTPClient.Response, result: Int = 0) -> [[String?]] {
        (response.json["results"]?[result]?["rows"]?.arrayValue ?? []).map { row in
            (row["values"]?.arrayValue ?? []).map { $0["nullValue"] == true ? nil : $0["value"]?.stringValue }
        }
    }

    @Test func statementsTheModelRefusesRunOnTheServerWithRealRowsAndTypes() async throws {
        try await withServer { emulator, client in
            #expect(emulator.runningPostgresClusters.isEmpty, "no server before the first executeSql")
            let answer = try await data.execute(client, "CREATE TABLE t(x int, label text); INSERT INTO t VALUES (1, 'one'), (2, NULL); SELECT x, label FROM t ORDER BY x")
            #expect(answer.status == 200, "\(answer.text)")
            #expect(answer.json["status"] == nil, "\(answer.text)")
            #expect(answer.json["results"]?.arrayValue?.compactMap { $0["message"]?.stringValue } == ["CREATE TABLE", "INSERT 0 2", "SELECT 2"])
            #expect(answer.json["results"]?[2]?["columns"]?.arrayValue?.compactMap { $0["type"]?.stringValue } == ["INT4", "TEXT"])
            #expect(Self.values(answer, result: 2) == [["1", "one"], ["2", nil]])
            #expect(emulator.runningPostgresClusters.map(\.instance) == ["sql-project/main-db"])

            let limited = try await client.post(instances + "/main-db/executeSql", json: [
                "sqlStatement": "SELECT x FROM t ORDER BY x", "database": "appdb", "user": "postgres", "rowLimit": "1",
                "passwordSecretVersion": .string(data.passwordVersion),
            ])
            #expect(Self.values(limited) == [["1"]])
            let version = try await data.execute(client, "SELECT version()")
            #expect(Self.values(version).first?.first??.hasPrefix("PostgreSQL 1") == true)
        }
    }

    @Test func aSQLErrorComesBackInStatusAndTheRequestIsRolledBack() async throws {
        try await withServer { _, client in
            let failed = try await data.execute(client, "CREATE TABLE kept(x int); SELECT * FROM missing")
            #expect(failed.status == 200)
            #expect(failed.json["status"]?["code"] == 3)
            #expect(failed.json["status"]?["message"] == "ERROR: relation \"missing\" does not exist (SQLSTATE 42P01)")
            #expect(failed.json["results"] == nil)
            let read = try await data.execute(client, "SELECT * FROM kept")
            #expect(read.json["status"]?["message"]?.stringValue?.contains("relation \"kept\" does not exist") == true, "one transaction")

            let notice = try await data.execute(client, "DROP TABLE IF EXISTS nothing")
            #expect(notice.json["messages"]?[0]?["severity"] == "NOTICE")
            #expect(notice.json["messages"]?[0]?["message"] == "NOTICE: table \"nothing\" does not exist, skipping")
        }
    }

    @Test func theServerChecksPasswordsUsersAndDatabases() async throws {
        try await withServer { _, client in
            // A password changed in SQL is the server's: the secret's old one no longer logs in.
            #expect(try await data.execute(client, "ALTER ROLE postgres PASSWORD 'changed-in-sql'").json["status"] == nil)
            let refused = try await data.execute(client, "SELECT 1")
            #expect(refused.json["status"]?["message"] == "FATAL: password authentication failed for user \"postgres\" (SQLSTATE 28P01)")
            // users.update sets it again (Cloud SQL's password is the one the API last set).
            _ = try await client.send("PUT", instances + "/main-db/users?name=postgres", json: ["name": "postgres", "password": "s3cret"])
            #expect(Self.values(try await data.execute(client, "SELECT current_user")) == [["postgres"]])

            _ = try await client.post(instances + "/main-db/users", json: ["name": "app", "password": "app-password"])
            _ = try await client.post(data.regional + "?secretId=app-password", json: [:])
            _ = try await client.post(data.regional + "/app-password:addVersion",
                                      json: ["payload": ["data": .string(Data("app-password".utf8).base64EncodedString())]])
            let asApp = try await client.post(instances + "/main-db/executeSql", json: [
                "sqlStatement": "CREATE TABLE owned(x int); SELECT current_user, pg_has_role('cloudsqlsuperuser', 'MEMBER')",
                "database": "appdb", "user": "app",
                "passwordSecretVersion": "projects/sql-project/locations/europe-west1/secrets/app-password/versions/latest",
            ])
            #expect(Self.values(asApp, result: 1) == [["app", "t"]], "\(asApp.text)")

            let noDatabase = try await client.post(instances + "/main-db/executeSql", json: [
                "sqlStatement": "SELECT 1", "database": "nodb", "user": "postgres", "passwordSecretVersion": .string(data.passwordVersion),
            ])
            #expect(noDatabase.json["status"]?["message"] == "FATAL: database \"nodb\" does not exist (SQLSTATE 3D000)")
        }
    }

    @Test func shutdownStopsTheClusterAndRemovesItsDirectory() async throws {
        let clusters = try await withClient(ungated { $0.operationSeconds = ["sql": 0]; $0.postgres = .installed }) { emulator, client in
            try await data.arrange(client)
            #expect(Self.values(try await data.execute(client, "SELECT 1")) == [["1"]])
            let running = emulator.runningPostgresClusters
            for cluster in running {
                #expect(kill(cluster.pid, 0) == 0, "the postmaster runs while the emulator does")
                #expect(FileManager.default.fileExists(atPath: cluster.directory + "/data/postmaster.pid"))
            }
            return running
        }
        #expect(clusters.count == 1)
        for cluster in clusters {
            // Stopped and reaped by shutdown(): no such process any more.
            #expect(kill(cluster.pid, 0) == -1 && errno == ESRCH, "postmaster \(cluster.pid) outlived the emulator")
            #expect(!FileManager.default.fileExists(atPath: cluster.directory))
        }
    }

    @Test func pgvectorIsModelledOnTopOfTheServerWhenItLacksIt() async throws {
        try await withServer { _, client in
            let created = try await data.execute(client, "CREATE EXTENSION IF NOT EXISTS vector; CREATE EXTENSION IF NOT EXISTS pg_trgm; SELECT similarity('vector', 'vectors') > 0.5")
            #expect(created.json["status"] == nil, "\(created.text)")
            #expect(Self.values(created, result: 2) == [["t"]], "pg_trgm is the server's own")
            let read = try await data.execute(client, "SELECT extname, extversion FROM pg_extension")
            let names = Self.values(read).compactMap { $0.first ?? nil }
            #expect(Set(names).isSuperset(of: ["plpgsql", "pg_trgm", "vector"]), "\(read.text)")
            #expect(read.json["results"]?[0]?["message"] == .string("SELECT \(names.count)"))

            let undone = try await data.execute(client, "DROP EXTENSION vector; SELECT * FROM missing")
            #expect(undone.json["status"] != nil)
            let vector = try await data.execute(client, "SELECT extversion FROM pg_extension WHERE extname = 'vector'")
            #expect(Self.values(vector).count == 1, "the failed request's DROP was rolled back: \(vector.text)")
            let again = try await data.execute(client, "CREATE EXTENSION IF NOT EXISTS vector")
            #expect(again.json["messages"]?[0]?["message"] == "NOTICE: extension \"vector\" already exists, skipping")
        }
    }
}
