/// Keeps a cluster's roles and databases equal to the Cloud SQL instance's users and
/// databases, as Cloud SQL does: each built-in user is a login role with its password,
/// CREATEDB and CREATEROLE, a member of `cloudsqlsuperuser`; each database is owned by
/// `cloudsqlsuperuser`. Only what changed since the last call is sent: a user whose etag
/// moved (users.update sets the password again, even an unchanged one, as Cloud SQL does),
/// a database or user that came or went. Roles and databases made in SQL are left alone.
struct PostgresMirror: Sendable {
    struct User: Sendable, Equatable {
        var name: String
        /// nil: no password set (nobody can log in as it).
        var password: String?
        var etag: String
    }

    /// The instance's users and databases, as the emulator's state holds them.
    struct Snapshot: Sendable {
        var users: [User]
        var databases: [String]
    }

    /// Names PostgreSQL or Cloud SQL keep for themselves.
    static func isReserved(_ name: String) -> Bool {
        name.hasPrefix("pg_") || [PostgresCluster.administrator, PostgresCluster.superuserRole, "template0", "template1"].contains(name)
    }

    private var users: [String: String] = [:]
    private var databases: Set<String> = ["postgres"]

    /// Whether `snapshot` asks for any change.
    func isCurrent(_ snapshot: Snapshot) -> Bool {
        Dictionary(snapshot.users.filter { !Self.isReserved($0.name) }.map { ($0.name, $0.etag) }) { first, _ in first } == users
            && Set(snapshot.databases.filter { !Self.isReserved($0) }) == databases
    }

    /// Sends the changes through `session` (the administrator's); the statements the server
    /// refused, worded for the emulator's log.
    mutating func apply(_ snapshot: Snapshot, through session: PostgresConnection) throws(PostgresConnection.Failure) -> [String] {
        var problems: [String] = []
        func run(_ sql: String) throws(PostgresConnection.Failure) -> PostgresServerMessage? {
            try session.query(sql).error
        }
        let wantedUsers = snapshot.users.filter { !Self.isReserved($0.name) }
        for user in wantedUsers where users[user.name] != user.etag {
            let role = Self.identifier(user.name)
            let password = user.password.map(Self.literal) ?? "NULL"
            if users[user.name] == nil, let error = try run(
                "CREATE ROLE \(role) LOGIN CREATEDB CREATEROLE PASSWORD \(password) IN ROLE \(PostgresCluster.superuserRole)") {
                // A role made in SQL first (42710): Cloud SQL's user takes it over.
                guard error.code == "42710" else { problems.append(error.formatted); continue }
                if let error = try run("ALTER ROLE \(role) LOGIN CREATEDB CREATEROLE PASSWORD \(password); GRANT \(PostgresCluster.superuserRole) TO \(role)") {
                    problems.append(error.formatted)
                    continue
                }
            } else if users[user.name] != nil, let error = try run("ALTER ROLE \(role) PASSWORD \(password)") {
                problems.append(error.formatted)
                continue
            }
            users[user.name] = user.etag
        }
        for name in Set(users.keys).subtracting(wantedUsers.map(\.name)) {
            let role = Self.identifier(name)
            // A role that owns objects cannot be dropped; it can no longer log in either way.
            if try run("DROP ROLE IF EXISTS \(role)") != nil, let error = try run("ALTER ROLE \(role) NOLOGIN") {
                problems.append(error.formatted)
            }
            users[name] = nil
        }
        let wantedDatabases = Set(snapshot.databases.filter { !Self.isReserved($0) })
        for name in wantedDatabases.subtracting(databases) {
            // One statement a query: CREATE DATABASE cannot run inside a transaction.
            if let error = try run("CREATE DATABASE \(Self.identifier(name)) OWNER \(PostgresCluster.superuserRole)"), error.code != "42P04" {
                problems.append(error.formatted)
                continue
            }
            databases.insert(name)
        }
        for name in databases.subtracting(wantedDatabases) {
            if let error = try run("DROP DATABASE IF EXISTS \(Self.identifier(name)) WITH (FORCE)") { problems.append(error.formatted) }
            databases.remove(name)
        }
        return problems
    }

    /// A quoted identifier: `"name"`, inner quotes doubled.
    static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// A string literal (standard_conforming_strings is on: backslashes are plain).
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
