import GoogleCloud

/// The application's database on the Cloud SQL instance.
public struct SQLDatabase: Resource {
    public let sql: Environment.CloudSQL
    public let instance: SQLInstance

    public init(_ instance: SQLInstance) {
        self.sql = instance.sql
        self.instance = instance
    }

    public var id: ResourceID { ResourceID(.sqlDatabase, "\(sql.instance)/\(sql.database)") }
    public var dependencies: [ResourceID] { [instance.id] }

    public func observe(in context: ResourceContext) async throws -> SQLAdminAPI.Database? {
        try await context.sqlAdmin.database(project: context.project, instance: sql.instance, name: sql.database)
    }

    public func differences(from state: SQLAdminAPI.Database) -> [FieldChange] { [] }

    public func create(in context: ResourceContext) async throws {
        try await SQLInstance.waitUntilServing(sql.instance, in: context)
        try await context.serial.run(SQLInstance.gate(sql.instance)) {
            if case .created(let operation) = try await context.sqlAdmin.createDatabase(project: context.project, instance: sql.instance, name: sql.database) {
                try await context.sqlAdmin.waitFor(operation, project: context.project, what: "creating database \(sql.database)",
                                                   poller: context.poller, progress: context.progress)
            }
        }
    }

    public func update(_ state: SQLAdminAPI.Database, changes: [FieldChange], in context: ResourceContext) async throws {}

    public func delete(in context: ResourceContext) async throws {
        try await context.serial.run(SQLInstance.gate(sql.instance)) { try await deleteNow(in: context) }
    }

    func deleteNow(in context: ResourceContext) async throws {
        if let operation = try await context.cloud.delete(
            GoogleCall(.delete, .sqlAdmin, "v1/projects/\(context.project)/instances/\(sql.instance)/databases/\(sql.database)"),
            as: SQLOperation.self) {
            try await context.sqlAdmin.waitFor(operation, project: context.project, what: "deleting database \(sql.database)",
                                               poller: context.poller, progress: context.progress)
        }
    }
}

extension ResourceKind {
    public static let sqlDatabase: ResourceKind = ResourceKind(id: "sql-database", title: "Cloud SQL database", plural: "Cloud SQL databases",
                                                 service: "sqladmin.googleapis.com", section: .cloudSQL, setupPart: .sql,
        declared: { environment, _ in SQLInstance.declared(by: environment).map { [SQLDatabase($0)] } ?? [] })
}
