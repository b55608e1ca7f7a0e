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
        public var version: String
    }

    public var id: ResourceID { ResourceID(.sqlExtension, "\(sql.instance)/\(sql.database)/\(name)") }
    public var dependencies: [ResourceID] {
        [ResourceID(.sqlInstance, sql.instance), ResourceID(.sqlDatabase, "\(sql.instance)/\(sql.database)"),
         ResourceID(.sqlDataAPIPassword, "\(sql.instance)/\(sql.user)")]
    }

    var dataAPI: SQLDataAPI { SQLDataAPI(sql, region: region) }

    /// nil while the Data API cannot answer yet (no instance, Data API off, stopped, no
    /// password copy): setup then makes what is missing before it creates the extension.
    public func observe(in context: ResourceContext) async throws -> State? {
        guard try await dataAPIReady(in: context) else { return nil }
        return try await dataAPI.installedExtensions(in: context)[name].map(State.init)
    }

    func dataAPIReady(in context: ResourceContext) async throws -> Bool {
        async let instance = context.sqlAdmin.instance(project: context.project, name: sql.instance)
        async let copy = SecretManagerAPI(context.cloud, location: region).secret(project: context.project, id: sql.passwordSecret ?? "")
        guard let found = try await instance, found.state == "RUNNABLE", found.settings?.activationPolicy != "NEVER",
              found.settings?.dataApiAccess == SQLInstance.dataAPIAllowed else { return false }
        return try await copy?.annotations?[SQLDataAPIPassword.annotation] != nil
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
