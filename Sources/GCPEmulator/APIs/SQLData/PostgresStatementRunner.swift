/// Runs a Data API request's statements on the emulator's PostgreSQL server as the
/// request's user, in its database: a session of its own, so the server checks the
/// password and the database. The statements a request holds run as one simple query, one
/// implicit transaction, as PostgreSQL runs them.
///
/// Cloud SQL offers extensions a local server may lack (pgvector is not packaged in Debian
/// 12's main archive): `CREATE EXTENSION` / `DROP EXTENSION` of those are answered by the
/// model, and reads of `pg_extension`'s names and versions show the model's beside the
/// server's own. A request mixing those with other statements runs statement by statement
/// inside BEGIN … COMMIT, so that it still succeeds or fails as a whole.
struct PostgresStatementRunner {
    /// The Data API answers at most 10 MB (ExecuteSqlPayload's `partialResultMode`).
    static let byteLimit = 10 * 1024 * 1024

    var socketPath: String
    var serverExtensions: Set<String>
    /// The extensions the model holds for the database.
    var model: ModelledPostgres
    var rowLimit: Int?
    var allowPartialResult: Bool

    struct Outcome: Sendable {
        var execution: SQLExecution
        /// The model's extensions after the request.
        var installed: [String: String]
    }

    func run(_ sql: String, user: String, password: String, database: String) -> Outcome {
        let unchanged = model.installed
        guard !sql.contains("\0") else {
            return Outcome(execution: .failure("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 (SQLSTATE 22021)"), installed: unchanged)
        }
        let session: PostgresConnection
        do {
            session = try PostgresConnection.open(socket: socketPath, user: user, database: database, password: password)
        } catch {
            return Outcome(execution: .failure(error.description), installed: unchanged)
        }
        defer { session.terminate() }
        let statements = SQLStatements.split(sql)
        let modelled = statements.contains(where: isModelledExtension)
            || (!model.installed.isEmpty && statements.contains(where: ModelledPostgres.isExtensionRead))
        do {
            guard modelled else {
                return Outcome(execution: try execution(of: session.query(sql, rowLimit: rowLimit, byteLimit: Self.byteLimit), session: session),
                               installed: unchanged)
            }
            return try runWithModel(statements, session: session)
        } catch {
            return Outcome(execution: .failure(error.description), installed: unchanged)
        }
    }

    /// An extension Cloud SQL offers that this server does not have.
    private func isModelledExtension(_ statement: String) -> Bool {
        guard let name = ModelledPostgres.extensionNamed(in: statement) else { return false }
        return ModelledPostgres.available[name] != nil && !serverExtensions.contains(name)
    }

    private func runWithModel(_ statements: [String], session: PostgresConnection) throws(PostgresConnection.Failure) -> Outcome {
        var working = model
        var answer = SQLExecution()
        let transaction = statements.count > 1 && !statements.allSatisfy(isModelledExtension)
        func failed(_ error: String) throws(PostgresConnection.Failure) -> Outcome {
            if transaction { _ = try session.query("ROLLBACK") }
            return Outcome(execution: SQLExecution(messages: answer.messages, error: error), installed: model.installed)
        }
        if transaction, let error = try session.query("BEGIN").error { return try failed(error.formatted) }
        for statement in statements {
            if isModelledExtension(statement) {
                do {
                    answer.results.append(try working.run(statement, messages: &answer.messages))
                } catch {
                    return try failed(error.message)
                }
                continue
            }
            let part = try execution(of: session.query(statement, rowLimit: rowLimit, byteLimit: Self.byteLimit), session: session)
            answer.messages += part.messages
            if let error = part.error { return try failed(error) }
            var results = part.results
            if ModelledPostgres.isExtensionRead(statement), var read = results.first,
               let modelRows = try? working.run(statement, messages: &answer.messages).rows, !modelRows.isEmpty {
                read.rows += modelRows
                read.message = "SELECT \(read.rows.count)"
                results[0] = read
            }
            answer.results += results
        }
        if transaction, let error = try session.query("COMMIT").error { return try failed(error.formatted) }
        return Outcome(execution: answer, installed: working.installed)
    }

    /// The server's answer as the Data API's: an error ends it; type names for the columns;
    /// a result cut at 10 MB is an error unless the request allows a partial result.
    private func execution(of outcome: PostgresQueryOutcome, session: PostgresConnection) -> SQLExecution {
        let messages = outcome.notices.map { (severity: $0.severity, message: "\($0.severity): \($0.message)") }
        if let error = outcome.error { return SQLExecution(messages: messages, error: error.formatted) }
        if outcome.results.contains(where: \.truncated) && !allowPartialResult {
            return SQLExecution(messages: messages, error: "ERROR: the result is larger than the Data API's 10 MB; "
                + "set partialResultMode to ALLOW_PARTIAL_RESULT for the part that fits, or select fewer rows")
        }
        let types = PostgresTypeNames.names(of: Set(outcome.results.flatMap { $0.columns.map(\.typeOID) }), session: session)
        let results = outcome.results.map { result in
            SQLExecution.Result(
                columns: result.columns.map { .init(name: $0.name, type: types[$0.typeOID] ?? String($0.typeOID)) },
                rows: result.rows, message: result.tag, partialResult: result.truncated)
        }
        return SQLExecution(results: results, messages: messages)
    }
}
