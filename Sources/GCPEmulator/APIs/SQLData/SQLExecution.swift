import Foundation

/// What running a Data API request's statements gave: Google's `SqlInstancesExecuteSqlResponse`
/// parts, built by whichever engine ran them (a real PostgreSQL, or the model).
struct SQLExecution: Sendable {
    struct Column: Sendable, Equatable {
        var name: String
        var type: String
    }

    struct Result: Sendable {
        var columns: [Column] = []
        /// nil for SQL NULL.
        var rows: [[String?]] = []
        /// The command tag: `CREATE EXTENSION`, `SELECT 1`.
        var message: String
        /// Rows were left out: the answer passed the Data API's 10 MB.
        var partialResult = false
    }

    var results: [Result] = []
    /// Notices and warnings, as `(severity, message)`.
    var messages: [(severity: String, message: String)] = []
    /// The database's error; when set, no results are answered.
    var error: String?

    static func failure(_ message: String) -> SQLExecution { SQLExecution(error: message) }

    /// The response body, with at most `rowLimit` rows a result.
    func json(rowLimit: Int?, elapsed: Double) -> JSONValue {
        var body: JSONValue = ["metadata": ["sqlStatementExecutionTime": .string(String(format: "%.6fs", elapsed))]]
        if !messages.isEmpty {
            body["messages"] = .array(messages.map { ["severity": .string($0.severity), "message": .string($0.message)] })
        }
        if let error {
            // google.rpc.Code INVALID_ARGUMENT: the statement, not the request, was wrong.
            body["status"] = ["code": 3, "message": .string(error)]
            return body
        }
        body["results"] = .array(results.map { result in
            var json: JSONValue = ["message": .string(result.message)]
            if result.partialResult { json["partialResult"] = true }
            if !result.columns.isEmpty {
                json["columns"] = .array(result.columns.map { ["name": .string($0.name), "type": .string($0.type)] })
                let rows = rowLimit.map { Array(result.rows.prefix($0)) } ?? result.rows
                json["rows"] = .array(rows.map { row in
                    ["values": .array(row.map { value in value.map { ["value": .string($0)] } ?? ["nullValue": true] })]
                })
            }
            return json
        })
        return body
    }
}
