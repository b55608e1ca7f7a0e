import Foundation

/// What the emulator answers without a real PostgreSQL: the statements it can model from
/// its own state (extensions, `SELECT 1`, `SELECT version()`, reads of `pg_extension`), and
/// a clear refusal for anything else. Changes apply only when every statement succeeds, as
/// PostgreSQL runs a multi-statement request in one implicit transaction. On a real server
/// it answers the extension statements for the extensions Cloud SQL offers and the server
/// lacks (`PostgresStatementRunner`).
struct ModelledPostgres {
    static let extensions = "sqladmin.extensions"

    /// Extensions Cloud SQL for PostgreSQL 15 offers, with the version `CREATE EXTENSION`
    /// installs (Cloud SQL's "Configure PostgreSQL extensions" page).
    static let available: [String: String] = [
        "vector": "0.8.0", "pg_trgm": "1.6", "pgcrypto": "1.3", "uuid-ossp": "1.1", "hstore": "1.8",
        "citext": "1.6", "btree_gin": "1.3", "btree_gist": "1.7", "unaccent": "1.1", "postgis": "3.4.0",
        "pg_stat_statements": "1.10", "plpgsql": "1.0",
    ]

    var serverVersion: String
    /// The extensions installed in the database: name → version.
    var installed: [String: String]

    struct ModelError: Error { var message: String }

    /// The extensions the model holds for a database.
    static func installed(in state: EmulatorState, project: String, instance: String, database: String) -> [String: String] {
        var installed: [String: String] = [:]
        for (_, value) in state.resources(project, extensions, prefix: "\(instance)/\(database)/") {
            if let name = value["name"]?.stringValue { installed[name] = value["version"]?.stringValue ?? "" }
        }
        return installed
    }

    /// Stores `installed` as the database's extensions.
    static func save(_ installed: [String: String], in state: inout EmulatorState, project: String, instance: String, database: String) {
        let prefix = "\(instance)/\(database)/"
        for (key, value) in state.resources(project, extensions, prefix: prefix)
        where value["name"]?.stringValue.flatMap({ installed[$0] }) == nil {
            state.removeResource(project, extensions, key)
        }
        for (name, version) in installed where state.resource(project, extensions, prefix + name)?["version"]?.stringValue != version {
            state.setResource(project, extensions, prefix + name, ["name": .string(name), "version": .string(version)])
        }
    }

    /// Runs every statement, keeping the changes only when all succeed.
    mutating func run(_ statements: [String]) -> SQLExecution {
        var working = self
        var execution = SQLExecution()
        for statement in statements {
            do {
                execution.results.append(try working.run(statement, messages: &execution.messages))
            } catch {
                return SQLExecution(messages: execution.messages, error: error.message)
            }
        }
        self = working
        return execution
    }

    /// `CREATE EXTENSION [IF NOT EXISTS] name` or `DROP EXTENSION [IF EXISTS] name`: the
    /// extension's name, nil for any other statement.
    static func extensionNamed(in statement: String) -> String? {
        let words = statement.split(whereSeparator: \.isWhitespace).map { String($0) }
        let upper = words.map { $0.uppercased() }
        guard upper.count >= 3, ["CREATE", "DROP"].contains(upper[0]), upper[1] == "EXTENSION" else { return nil }
        let skip = upper.dropFirst(2).starts(with: ["IF", "NOT", "EXISTS"]) ? 3 : upper.dropFirst(2).starts(with: ["IF", "EXISTS"]) ? 2 : 0
        return try? extensionName(words, at: 2 + skip)
    }

    /// A read of `pg_extension`'s names and versions the model answers.
    static func isExtensionRead(_ statement: String) -> Bool { extensionRead(statement) != nil }

    private static func extensionRead(_ statement: String) -> (columns: [String], name: String?)? {
        guard let match = statement.wholeMatch(of: /(?is)select\s+([a-z_,\s]+?)\s+from\s+(?:pg_catalog\.)?pg_extension(?:\s+where\s+extname\s*=\s*'([^']*)')?\s*/) else {
            return nil
        }
        let columns = match.1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !columns.isEmpty, columns.allSatisfy({ ["extname", "extversion"].contains($0) }) else { return nil }
        return (columns, match.2.map(String.init))
    }

    mutating func run(_ statement: String, messages: inout [(severity: String, message: String)]) throws(ModelError) -> SQLExecution.Result {
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
            let name = try Self.extensionName(words, at: ifNotExists ? 5 : 2)
            guard let version = ModelledPostgres.available[name] else {
                throw ModelError(message: "ERROR: extension \"\(name)\" is not available (SQLSTATE 0A000)")
            }
            if installed[name] != nil {
                guard ifNotExists else { throw ModelError(message: "ERROR: extension \"\(name)\" already exists (SQLSTATE 42710)") }
                messages.append(("NOTICE", "NOTICE: extension \"\(name)\" already exists, skipping"))
            } else {
                installed[name] = version
            }
            return .init(message: "CREATE EXTENSION")
        }
        if upper.starts(with: ["DROP", "EXTENSION"]) {
            let ifExists = upper.dropFirst(2).starts(with: ["IF", "EXISTS"])
            let name = try Self.extensionName(words, at: ifExists ? 4 : 2)
            if installed.removeValue(forKey: name) == nil {
                guard ifExists else { throw ModelError(message: "ERROR: extension \"\(name)\" does not exist (SQLSTATE 42704)") }
                messages.append(("NOTICE", "NOTICE: extension \"\(name)\" does not exist, skipping"))
            }
            return .init(message: "DROP EXTENSION")
        }
        if let read = Self.extensionRead(statement) {
            let rows = installed.sorted { $0.key < $1.key }.filter { read.name == nil || $0.key == read.name }
                .map { ext in read.columns.map { $0 == "extname" ? ext.key : ext.value } as [String?] }
            return .init(columns: read.columns.map { .init(name: $0, type: $0 == "extname" ? "NAME" : "TEXT") }, rows: rows,
                         message: "SELECT \(rows.count)")
        }
        throw refusal(statement)
    }

    private static func extensionName(_ words: [String], at index: Int) throws(ModelError) -> String {
        guard index < words.count else { throw ModelError(message: "ERROR: syntax error at end of input (SQLSTATE 42601)") }
        let name = words[index]
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { return String(name.dropFirst().dropLast()) }
        return name.lowercased()
    }

    private func refusal(_ statement: String) -> ModelError {
        ModelError(message: "ERROR: the emulator has no PostgreSQL server (install postgresql-15 to run any statement); "
            + "it answers only SELECT 1, SELECT version(), CREATE/DROP EXTENSION and reads of pg_extension, not: \(statement.prefix(80))")
    }
}
