import Foundation
import GoogleCloud

/// `gcpctl sql exec "SQL"`: runs statements on the environment's database through Cloud
/// SQL's Data API, as the declared user, and prints each result as a table (or JSON).
public struct SQLExecWorkflow: Sendable {
    public var statement: String
    public var rowLimit: Int?

    public init(statement: String, rowLimit: Int? = nil) {
        self.statement = statement
        self.rowLimit = rowLimit
    }

    /// The JSON document: the Data API's results, with the columns' names and types.
    struct Document: Encodable {
        var instance: String
        var database: String
        var user: String
        var results: [Result]
        var messages: [Message]

        struct Result: Encodable {
            var columns: [SQLAdminAPI.Column]
            var rows: [[String?]]
            var message: String?
            var partialResult: Bool
        }

        struct Message: Encodable {
            var severity: String?
            var message: String?
        }
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        guard let sql = environment.cloudSQL else {
            throw DayTwoError.noCloudSQL(environment: environment.name, file: environment.origin.file)
        }
        let resourceContext = try await connector.resourceContext(for: context)
        let response = try await SQLDataAPI(sql, region: environment.region)
            .run(statement, rowLimit: rowLimit, idempotent: SQLExecWorkflow.isPlainRead(statement), in: resourceContext)
        let document = Document(
            instance: sql.instance, database: sql.database, user: sql.user,
            results: (response.results ?? []).map { result in
                Document.Result(columns: result.columns ?? [],
                                rows: (result.rows ?? []).map { row in (row.values ?? []).map { $0.nullValue == true ? nil : $0.value ?? "" } },
                                message: result.message, partialResult: result.partialResult ?? false)
            },
            messages: (response.messages ?? []).map { Document.Message(severity: $0.severity, message: $0.message) })
        let reporter = context.reporter
        document.messages.forEach { reporter.info($0.message ?? "") }
        reporter.result(document) {
            for (index, result) in document.results.enumerated() {
                if index > 0 { reporter.line("") }
                if result.columns.isEmpty {
                    reporter.line(result.message ?? "OK")
                    continue
                }
                reporter.table(TextTable(columns: result.columns.map { $0.name ?? "?" },
                                         rows: result.rows.map { $0.map { $0.map { TextTable.Cell($0) } ?? TextTable.Cell("NULL", .muted) } }))
                let count = result.rows.count
                reporter.line("(\(count) row\(count == 1 ? "" : "s")\(result.partialResult ? ", cut at the row limit" : ""))")
            }
        }
        return .success
    }

    /// One SELECT (or SHOW) and nothing after it: safe to send again after a lost answer.
    static func isPlainRead(_ statement: String) -> Bool {
        var text = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix(";") { text.removeLast() }
        let verb = text.prefix { $0.isLetter }.uppercased()
        return ["SELECT", "SHOW"].contains(verb) && !text.contains(";")
    }
}
