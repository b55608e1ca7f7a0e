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
    /// The user's password too, not only its Data API copy: the copy can be unchanged (one
    /// secret shared by two environments' instances in a project) while this instance's
    /// password is still to be set, and an unchanged item does not wait for its own dependencies.
    public var dependencies: [ResourceID] {
        [ResourceID(.sqlInstance, sql.instance), ResourceID(.sqlDatabase, "\(sql.instance)/\(sql.database)"),
         ResourceID(.sqlUser, "\(sql.instance)/\(sql.user)"), ResourceID(.sqlDataAPIPassword, "\(sql.instance)/\(sql.user)")]
    }

    var dataAPI: SQLDataAPI { SQLDataAPI(sql, region: region) }

    /// nil while the Data API cannot answer yet (no instance, Data API off, no password
    /// copy): setup then makes what is missing before it creates the extension. A stopped
    /// or busy instance is not a missing extension: its state says it cannot be read now.
    ///
    /// The query goes out with the instance and password reads, not after them (status in
    /// one round trip): it is a read, and its answer counts only once they say the Data
    /// API can answer.
    public func observe(in context: ResourceContext) async throws -> State? {
        async let instance = context.sqlAdmin.instance(project: context.project, name: sql.instance)
        async let copy = SecretManagerAPI(context.cloud, location: region).secret(project: context.project, id: sql.passwordSecret ?? "")
        async let installed = Result(awaiting: { try await dataAPI.installedExtensions(in: context) })
        let ready: Bool
        let found: SQLAdminAPI.Instance?
        do {
            found = try await instance
            ready = try await copy?.annotations?[SQLDataAPIPassword.annotation] != nil
        } catch {
            _ = await installed
            throw error
        }
        let extensions = await installed
        guard let found, found.settings?.dataApiAccess == SQLInstance.dataAPIAllowed, ready else { return nil }
        if found.settings?.activationPolicy == "NEVER" { return State(version: nil, unreadable: "the instance is stopped") }
        guard found.state == "RUNNABLE" else { return State(version: nil, unreadable: "the instance is \(found.state ?? "not running")") }
        do {
            return try extensions.get()[name].map { State(version: $0, unreadable: nil) }
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

extension ResourceKind {
    public static let sqlExtension: ResourceKind = ResourceKind(id: "sql-extension", title: "PostgreSQL extension", plural: "PostgreSQL extensions",
                                                  service: "sqladmin.googleapis.com", section: .cloudSQL, setupPart: .sql,
        declared: { environment, _ in
            guard let sql = environment.cloudSQL, sql.passwordSecret != nil, sql.dataAPI else { return [] }
            return sql.extensions.map { SQLExtension(sql, name: $0, region: environment.region) }
        })
}
