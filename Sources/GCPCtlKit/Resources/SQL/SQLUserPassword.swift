import Foundation
import GoogleCloud

/// The database user's password, taken from the password secret's latest version.
///
/// Cloud SQL never shows a password, so the secret itself records which of its versions
/// was applied to which instance (an annotation): setup sets the password once per
/// version, and a second run sends nothing.
///
/// `postgres` comes with every PostgreSQL instance; any other user (`cloudSQL.user:
/// app_user`) is created with users.insert carrying the password, and later set with
/// users.update like postgres.
public struct SQLUserPassword: Resource {
    public let sql: Environment.CloudSQL
    public let secretID: String
    public let connectionName: String

    /// One annotation per instance, so environments that share the secret do not undo
    /// each other's mark. Keys are at most 63 characters.
    public var annotation: String { Self.annotationKey("gcpctl-sql-password", instance: sql.instance) }

    /// `PREFIX.INSTANCE`, shortened with a checksum of the instance past 63 characters.
    static func annotationKey(_ prefix: String, instance: String) -> String {
        let key = "\(prefix).\(instance)"
        return key.count <= 63 ? key : String(key.prefix(54)) + "." + String(CRC32C.checksum(Data(instance.utf8)), radix: 36)
    }

    public init(_ sql: Environment.CloudSQL, secretID: String) {
        self.sql = sql
        self.secretID = secretID
        self.connectionName = sql.connectionName
    }

    public struct State: Sendable {
        public var applied: String?
        public var latestVersion: String?
    }

    public var id: ResourceID { ResourceID(.sqlUser, "\(sql.instance)/\(sql.user)") }
    public var dependencies: [ResourceID] { [ResourceID(.sqlInstance, sql.instance), ResourceID(.secret, secretID)] }

    /// nil until gcpctl has set the password from the secret: the postgres user comes with
    /// the instance, and what gcpctl manages of it, the password, is not there yet. So a
    /// plan's "create" is reported "created" even when the secret is made in the same run
    /// (before, the apply found the new secret and called it an update).
    /// The secret and its versions are read at once (the same reads as the secret's own,
    /// shared under status), not one after the other.
    public func observe(in context: ResourceContext) async throws -> State? {
        async let versions = Result(awaiting: { try await latestVersion(in: context) })
        let found: SecretManagerAPI.Secret?
        do {
            found = try await context.secretManager.secret(project: context.project, id: secretID)
        } catch {
            _ = await versions
            throw error
        }
        let latest = await versions
        guard let applied = found?.annotations?[annotation], let version = try latest.get() else { return nil }
        // A user of gcpctl's making that someone deleted since is to be made again.
        if !isBuiltIn, try await !userExists(in: context) { return nil }
        return State(applied: applied, latestVersion: version)
    }

    public func differences(from state: State) -> [FieldChange] {
        let wanted = marker(version: state.latestVersion)
        guard state.applied != wanted else { return [] }
        return [FieldChange("password", old: state.applied.map { "from \($0)" } ?? "not set by gcpctl",
                            new: "from \(secretID) version \(state.latestVersion ?? "latest")")]
    }

    public func create(in context: ResourceContext) async throws {
        try await apply(in: context)
    }

    public func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws {
        try await apply(in: context)
    }

    /// The built-in postgres user cannot be deleted; deleting the instance removes it.
    public func delete(in context: ResourceContext) async throws {
        guard !isBuiltIn, try await userExists(in: context) else { return }
        try await context.serial.run(SQLInstance.gate(sql.instance)) {
            if let operation = try await context.sqlAdmin.deleteUser(project: context.project, instance: sql.instance, user: sql.user) {
                try await context.sqlAdmin.waitFor(operation, project: context.project, what: "deleting the \(sql.user) user",
                                                   poller: context.poller, progress: context.progress)
            }
        }
    }

    /// The user every PostgreSQL instance has from its creation.
    static let builtInUser = "postgres"

    var isBuiltIn: Bool { sql.user == SQLUserPassword.builtInUser }

    func userExists(in context: ResourceContext) async throws -> Bool {
        try await context.sqlAdmin.users(project: context.project, instance: sql.instance).contains { $0.name == sql.user }
    }

    func apply(in context: ResourceContext) async throws {
        try await SQLInstance.waitUntilServing(sql.instance, in: context)
        guard let version = try await latestVersion(in: context) else {
            throw OperationError.failed(what: "setting the \(sql.user) password", message: "the secret \(secretID) has no version")
        }
        let value = try await context.secretManager.access(project: context.project, id: secretID, version: version)
        guard !SecretPlaceholder.isPlaceholder(value) else { throw PlaceholderPasswordRefused(secret: secretID, version: version, user: sql.user) }
        let password = String(decoding: value, as: UTF8.self)
        try await context.serial.run(SQLInstance.gate(sql.instance)) {
            if !isBuiltIn, try await !userExists(in: context),
               case .created(let operation) = try await context.sqlAdmin.createUser(
                   project: context.project, instance: sql.instance, user: sql.user, password: password) {
                try await context.sqlAdmin.waitFor(operation, project: context.project, what: "creating the \(sql.user) user",
                                                   poller: context.poller, progress: context.progress)
                return
            }
            // The user exists (postgres, or one a retried insert or someone else made): set it.
            let operation = try await context.sqlAdmin.setPassword(project: context.project, instance: sql.instance, user: sql.user, password: password)
            try await context.sqlAdmin.waitFor(operation, project: context.project, what: "setting the \(sql.user) password",
                                               poller: context.poller, progress: context.progress)
        }
        var annotations = try await context.secretManager.secret(project: context.project, id: secretID)?.annotations ?? [:]
        annotations[annotation] = marker(version: version)
        _ = try await context.secretManager.patchAnnotations(project: context.project, id: secretID, annotations: annotations)
    }

    /// `project:region:instance/postgres@3`.
    func marker(version: String?) -> String {
        "\(connectionName)/\(sql.user)@\(version ?? "?")"
    }

    func latestVersion(in context: ResourceContext) async throws -> String? {
        try await Self.latestVersion(of: secretID, in: context)
    }

    /// The number of the secret's newest enabled version.
    static func latestVersion(of secretID: String, in context: ResourceContext) async throws -> String? {
        let versions = try await context.secretManager.versions(project: context.project, id: secretID)
        return versions.filter { $0.state == "ENABLED" }
            .compactMap { $0.name?.split(separator: "/").last.map(String.init) }
            .max { (Int($0) ?? 0) < (Int($1) ?? 0) }
    }
}

/// The password secret still holds a placeholder (`CHANGE_ME`): never a database password.
public struct PlaceholderPasswordRefused: Error, Sendable, CustomStringConvertible {
    public var secret: String
    public var version: String
    public var user: String

    public var description: String {
        "version \(version) of \(secret) holds a placeholder, so the \(user) password was not set from it; "
            + "run gcpctl setup, which replaces the placeholder with a generated value first"
    }
}

extension ResourceKind {
    public static let sqlUser: ResourceKind = ResourceKind(id: "sql-user", title: "Cloud SQL user", plural: "Cloud SQL users",
                                             service: "sqladmin.googleapis.com", section: .cloudSQL, setupPart: .sql,
        declared: { environment, _ in
            guard let sql = environment.cloudSQL, let secret = sql.passwordSecret else { return [] }
            return [SQLUserPassword(sql, secretID: secret)]
        })
}
