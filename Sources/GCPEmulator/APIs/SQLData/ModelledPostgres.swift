import Foundation

/// What the emulator answers without a real PostgreSQL: the statements it can model from
/// its own state (extensions, `SELECT 1`, `SELECT version()`, reads of `pg_extension`), and
/// a clear refusal for anything else. Changes apply only when every statement succeeds, as
/// PostgreSQL runs a multi-statement request in one implicit transaction.
struct ModelledPostgres {
    static let extensions = "sqladmin.extensions"

    /// Extensions Cloud SQL for PostgreSQL 15 offers, with the version `CREATE EXTENSION`
    /// installs (Cloud SQL's "Configure PostgreSQL extensions" page).
    static let available: [String: String] = [
        "vector": "0.8.0", "pg_trgm": "1.6", "pgcrypto": "1.3", "uuid-ossp": "1.1", "hstore": "1.8",
        "citext": "1.6", "btree_gin": "1.3", "btree_gist": "1.7", "unaccent": "1.1", "postgis": "3.4.0",
        "pg_stat_statements": "1.10", "plpgsql": "1.0",
    ]

    var project: String
    var instance: String
    var database: String
    var serverVersion: String

    func run(_ statements: [String], state: inout EmulatorState) -> SQLExecution {
        var working = state
        var execution = SQLExecution()
        for statement in statements {
            do {
                execution.results.append(try run(statement, state: &working, messages: &execution.messages))
            } catch let error as ModelError {
                return SQLExecution(messages: execution.messages, error: error.message)
            } catch {
                return .failure("ERROR: \(error)")
            }
        }
        state = working
        return execution
    }

    struct ModelError: Error { var message: String }

    private func key(_ name: String) -> String { "\(instance)/\(database)/\(name)" }

    private func run(_ statement: String, state: inout EmulatorState, messages: inout [(severity: String, message: String)]) throws -> SQLExecution.Result {
        let words = statement.split(whereSeparator: \.isWhitespace).map { String($0) }
        let upper = words.map { $0.uppercased() }
        if let match = statement.wholeMatch(of: /(?i)select\s+(-?\d+)\s*/) {
            return .init(columns: [.init(name: "?column?", type: "INT4")], rows: [[String(match.1)]], message: "SELECT 1")
        }
        if statement.wholeMatch(of: /(?i)select\s+version\(\)\s*/) != nil {
            return .init(columns: [.init(name: "version", type: "TEXT")], rows: [[serverVersion]], message: "SELECT 1")
        }
        if upper.starts(with: ["CREATE", "EXTENSION"]) {
            let ifNotExists = upper.dropFirst(2).starts(with: ["IF", "NOT", "EXISTS"])
            let name = try extensionName(words, at: ifNotExists ? 5 : 2)
            guard let version = ModelledPostgres.available[name] else {
                throw ModelError(message: "ERROR: extension \"\(name)\" is not available (SQLSTATE 0A000)")
            }
            if state.resource(project, Self.extensions, key(name)) != nil {
                guard ifNotExists else { throw ModelError(message: "ERROR: extension \"\(name)\" already exists (SQLSTATE 42710)") }
                messages.append(("NOTICE", "NOTICE: extension \"\(name)\" already exists, skipping"))
            } else {
                state.setResource(project, Self.extensions, key(name), ["name": .string(name), "version": .string(version)])
            }
            return .init(message: "CREATE EXTENSION")
        }
        if upper.starts(with: ["DROP", "EXTENSION"]) {
            let ifExists = upper.dropFirst(2).starts(with: ["IF", "EXISTS"])
            let name = try extensionName(words, at: ifExists ? 4 : 2)
            if state.removeResource(project, Self.extensions, key(name)) == nil {
                guard ifExists else { throw ModelError(message: "ERROR: extension \"\(name)\" does not exist (SQLSTATE 42704)") }
                messages.append(("NOTICE", "NOTICE: extension \"\(name)\" does not exist, skipping"))
            }
            return .init(message: "DROP EXTENSION")
        }
        if let match = statement.wholeMatch(of: /(?is)select\s+([a-z_,\s]+?)\s+from\s+(?:pg_catalog\.)?pg_extension(?:\s+where\s+extname\s*=\s*'([^']*)')?\s*/) {
            let columns = match.1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard !columns.isEmpty, columns.allSatisfy({ ["extname", "extversion"].contains($0) }) else { throw refusal(statement) }
            var installed = state.resources(project, Self.extensions, prefix: "\(instance)/\(database)/").map(\.value)
            if let wanted = match.2 { installed = installed.filter { $0["name"]?.stringValue == String(wanted) } }
            let rows = installed.map { ext in columns.map { $0 == "extname" ? ext["name"]?.stringValue : ext["version"]?.stringValue } }
            return .init(columns: columns.map { .init(name: $0, type: $0 == "extname" ? "NAME" : "TEXT") }, rows: rows,
                         message: "SELECT \(rows.count)")
        }
        throw refusal(statement)
    }

    private func extensionName(_ words: [String], at index: Int) throws -> String {
        guard index < words.count else { throw ModelError(message: "ERROR: syntax error at end of input (SQLSTATE 42601)") }
        var name = words[index]
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { return String(name.dropFirst().dropLast()) }
        name = name.lowercased()
        return name
    }

    private func refusal(_ statement: String) -> ModelError {
        ModelError(message: "ERROR: the emulator has no PostgreSQL server (install postgresql-15 to run any statement); "
            + "it answers only SELECT 1, SELECT version(), CREATE/DROP EXTENSION and reads of pg_extension, not: \(statement.prefix(80))")
    }
}
