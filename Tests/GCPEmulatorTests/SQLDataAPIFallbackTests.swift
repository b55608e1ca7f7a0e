import Foundation
import GCPEmulator
import Testing
import TestSupport

/// executeSql where an emulator asked for a PostgreSQL server cannot have one: the model
/// answers (extensions, `SELECT 1`), the rest is refused clearly in `status`, and the log
/// says why, once. Runs everywhere: the server it asks for never exists.
@Suite struct SQLDataAPIFallbackTests {
    let data = SQLDataAPITests()
    static let missing = "/nonexistent/postgresql/bin"

    /// The emulator's log lines, gathered from whichever thread writes them.
    final class LogLines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    @Test func theModelAnswersWhenNoServerCanRunAndSaysWhyOnce() async throws {
        #expect(PostgresServerChoice.binaries(Self.missing).unavailableReason == "\(Self.missing) has no initdb and postgres")
        #expect(PostgresServerChoice.model.unavailableReason != nil)
        let log = LogLines()
        let configuration = ungated {
            $0.operationSeconds = ["sql": 0]
            $0.postgres = .binaries(Self.missing)
            $0.log = { log.append($0) }
        }
        try await withClient(configuration) { emulator, client in
            #expect(emulator.postgresDescription
                    == "executeSql answers from the emulator's model of PostgreSQL: \(Self.missing) has no initdb and postgres")
            try await data.arrange(client)
            let created = try await data.execute(client, "CREATE EXTENSION IF NOT EXISTS vector")
            #expect(created.json["status"] == nil, "\(created.text)")
            #expect(created.json["results"]?[0]?["message"] == "CREATE EXTENSION")
            let read = try await data.execute(client, "SELECT extversion FROM pg_extension WHERE extname = 'vector'")
            #expect(read.json["results"]?[0]?["rows"]?[0]?["values"]?[0]?["value"] == "0.8.0")

            let refused = try await data.execute(client, "CREATE TABLE t(x int)")
            #expect(refused.status == 200)
            #expect(refused.json["status"]?["code"] == 3)
            #expect(refused.json["status"]?["message"]?.stringValue?.hasPrefix(
                "ERROR: the emulator has no PostgreSQL server (install postgresql-15 to run any statement)") == true, "\(refused.text)")
            #expect(emulator.runningPostgresClusters.isEmpty)
        }
        #expect(log.all == ["executeSql: answering from the emulator's model of PostgreSQL: \(Self.missing) has no initdb and postgres"])
    }
}
