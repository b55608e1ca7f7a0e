import ArgumentParser
import Foundation
import GCPCtlKit

struct SQLExecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run SQL on the environment's database through Cloud SQL's Data API (no psql, no network path).",
        discussion: """
        Runs as cloudSQL.user in cloudSQL.database, with the password setup copied into a \
        regional secret for the Data API (cloudSQL.dataApi, on by default). Prints each \
        statement's rows as a table, or with --format json the Data API's results.

        Examples:
          gcpctl sql exec --env=dev "SELECT extversion FROM pg_extension WHERE extname = 'vector'"
          gcpctl sql exec --env=dev --file migrations/001.sql
          gcpctl sql exec --env=prod --format json "SELECT count(*) FROM users"
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    @Argument(help: ArgumentHelp("The SQL statements, separated by semicolons.", valueName: "sql"))
    var sql: String?

    @Option(help: ArgumentHelp("Read the statements from this file instead (- for standard input).", valueName: "path"))
    var file: String?

    @Option(help: ArgumentHelp("Return at most this many rows per statement. (default: Google's limit, 10 MB a response)", valueName: "n"))
    var rowLimit: Int?

    func validate() throws {
        if sql != nil && file != nil { throw ValidationError("give the SQL as an argument or with --file, not both") }
        if sql == nil && file == nil { throw ValidationError("give the SQL to run, e.g. gcpctl sql exec --env=dev \"SELECT 1\"") }
        if let rowLimit, rowLimit < 1 { throw ValidationError("--row-limit must be at least 1") }
    }

    func run() async throws {
        let statement: String
        if let file {
            let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
            guard let data else { throw ValidationError("--file '\(file)' cannot be read") }
            statement = String(decoding: data, as: UTF8.self)
        } else {
            statement = sql ?? ""
        }
        let workflow = SQLExecWorkflow(statement: statement, rowLimit: rowLimit)
        try await global.runWithCloud("sql exec") { context, connector in try await workflow.run(context, connector: connector) }
    }
}
