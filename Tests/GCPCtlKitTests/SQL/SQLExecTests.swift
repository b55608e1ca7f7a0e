import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// `gcpctl sql exec`: SQL through Cloud SQL's Data API, printed as a table or JSON.
@Suite struct SQLExecTests {
    func exec(_ project: EmulatedProject, _ sql: String, format: OutputFormat = .text, rowLimit: Int? = nil) async -> EmulatedProject.Run {
        await project.dayTwo("sql exec", format: format) { context, connector in
            try await SQLExecWorkflow(statement: sql, rowLimit: rowLimit).run(context, connector: connector)
        }
    }

    @Test func aQueryPrintsATableOfItsRows() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let run = await exec(project, "SELECT extname, extversion FROM pg_extension WHERE extname = 'vector'")
            #expect(run.status == .success, "\(run.diagnostics)")
            let lines = run.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(lines == ["extname  extversion", "vector   0.8.0", "(1 row)"], "\(run.output)")
        }
    }

    @Test func jsonGivesTheColumnsRowsAndNotices() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let run = await exec(project, "CREATE EXTENSION IF NOT EXISTS vector; SELECT 1", format: .json)
            #expect(run.status == .success, "\(run.diagnostics)")
            struct Document: Decodable {
                var database: String
                var results: [Result]
                var messages: [Message]
                struct Result: Decodable { var message: String?; var rows: [[String?]] }
                struct Message: Decodable { var severity: String? }
            }
            let document = try JSONDecoder().decode(Document.self, from: Data(run.output.utf8))
            #expect(document.database == "digitwinlive-db")
            #expect(document.results.first?.message == "CREATE EXTENSION")
            #expect(document.results.last?.rows == [["1"]])
            #expect(document.messages.first?.severity == "NOTICE")
        }
    }

    @Test func aStatementTheDatabaseRefusesIsOneErrorLineAndExitTwo() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let run = await exec(project, "CREATE EXTENSION no_such_extension")
            #expect(run.status == .operationFailed)
            let errors = run.diagnostics.split(separator: "\n").filter { $0.contains("❌") }
            #expect(errors.count == 1, "\(run.diagnostics)")
            #expect(errors.first?.contains("the database refused the statement: ERROR: extension \"no_such_extension\" is not available") == true)
        }
    }

    @Test func withTheDataAPIOffItSaysHowToTurnItOn() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            _ = project.emulator.updateResource(project: EmulatedProject.project, collection: EmulatorCollections.sqlInstances,
                                                name: "digitwinlive-db-dev") { $0["settings"]?["dataApiAccess"] = "DISALLOW_DATA_API" }
            let run = await exec(project, "SELECT 1")
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("does not allow the Data API (settings.dataApiAccess); set cloudSQL.dataApi: true (the default) and run gcpctl setup"),
                    "\(run.diagnostics)")
        }
    }
}
