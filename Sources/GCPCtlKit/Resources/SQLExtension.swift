import GoogleCloud

/// A PostgreSQL extension in the application's database (pgvector's `vector` by default),
/// created through Cloud SQL's Data API as the declared user: no network path to the
/// instance, no psql. Observed with `SELECT … FROM pg_extension`, a read; created with
/// `CREATE EXTENSION IF NOT EXISTS`, which a second run never sends.
public struct SQLExtension: Resource {
    public let sql: Environment.CloudSQL
    public let name: String
    public let region: String

    public init(_ sql: Environment.CloudSQL, name: String, region: String) {
        self.sql = sql
        self.name = name
        self.region = region
    }

    public struct State: Sendable {
        /// nil when the instance is stopped or busy: the extension cannot be read now.
        public var version: String?
        public var unreadable: String?
    }

    public var id: ResourceID { ResourceID(.sqlExtension, "\(sql.instance)/\(sql.database)/\(name)") }
    public var dependencies: [ResourceID] {
        [ResourceID(.sqlInstance, sql.instance), ResourceID(.sqlDatabase, "\(sql.instance)/\(sql.database)"),
         ResourceID(.sqlDataAPIPassword, "\(sql.instance)/\(sql.user)")]
    }

    var dataAPI: SQLDataAPI { SQLDataAPI(sql, region: region) }

    /// nil while the Data API cannot answer yet (no instance, Data API off, no password
    /// copy): setup then makes what is missing before it creates the extension. A stopped
    /// or busy instance is not a missing extension: its state says it cannot be read now.
    public func observe(in context: ResourceContext) async throws -> State? {
        async let instance = context.sqlAdmin.instance(project: context.project, name: sql.instance)
        async let copy = SecretManagerAPI(context.cloud, location: region).secret(project: context.project, id: sql.passwordSecret ?? "")
        guard let found = try await instance, found.settings?.dataApiAccess == SQLInstance.dataAPIAllowed,
              try await copy?.annotations?[SQLDataAPIPassword.annotation] != nil else { return nil }
        if found.settings?.activationPolicy == "NEVER" { return State(version: nil, unreadable: "the instance is stopped") }
        guard found.state == "RUNNABLE" else { return State(version: nil, unreadable: "the instance is \(found.state ?? "not running")") }
        do {
            return try await dataAPI.installedExtensions(in: context)[name].map { State(version: $0, unreadable: nil) }
        } catch is SQLStatementError {
            // The database is missing, or refuses the password: setup puts that right first.
            return nil
        }
    }

    public func differences(from state: State) -> [FieldChange] { [] }

    public func create(in context: ResourceContext) async throws {
        try await SQLInstance.waitUntilRunnable(sql.instance, in: context)
        _ = try await dataAPI.run("CREATE EXTENSION IF NOT EXISTS \(quoted);", idempotent: true, in: context)
    }

    public func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws {}

    public func delete(in context: ResourceContext) async throws {
        _ = try await dataAPI.run("DROP EXTENSION IF EXISTS \(quoted);", idempotent: true, in: context)
    }

    /// The name as a quoted identifier (`"uuid-ossp"` needs the quotes).
    var quoted: String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
