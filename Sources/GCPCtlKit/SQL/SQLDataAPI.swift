import GoogleCloud

/// Runs SQL on the environment's Cloud SQL instance through the Data API
/// (`instances.executeSql`): in the application's database, as the declared user, whose
/// password the Data API reads from its regional copy (`SQLDataAPIPassword`).
public struct SQLDataAPI: Sendable {
    public let sql: Environment.CloudSQL
    public let region: String

    public init(_ sql: Environment.CloudSQL, region: String) {
        self.sql = sql
        self.region = region
    }

    /// Where the password comes from, when the environment names one.
    var password: SQLDataAPIPassword? {
        sql.passwordSecret.map { SQLDataAPIPassword(sql, secretID: $0, region: region, labels: [:]) }
    }

    /// The database's answer; a statement the database refused throws `SQLStatementError`.
    /// `idempotent`: the statements may be sent again after a lost answer (reads, `IF NOT
    /// EXISTS`); `onlyReads`: they change nothing (a SELECT).
    public func run(_ statement: String, rowLimit: Int? = nil, idempotent: Bool, onlyReads: Bool = false,
                    in context: ResourceContext) async throws -> SQLAdminAPI.ExecuteSQLResponse {
        guard let password else { throw SQLDataAPIError.noPasswordSecret(user: sql.user) }
        let request = SQLAdminAPI.ExecuteSQLRequest(
            sql: statement, database: sql.database, user: sql.user,
            passwordSecretVersion: password.secretVersionName(project: context.project), rowLimit: rowLimit)
        let response: SQLAdminAPI.ExecuteSQLResponse
        do {
            response = try await context.sqlAdmin.executeSQL(project: context.project, instance: sql.instance, request, idempotent: idempotent, onlyReads: onlyReads)
        } catch let error as GoogleAPIError where error.hasReason("dataApiAccessNotAllowed") || error.message.contains("doesn't allow using executeSql") {
            throw SQLDataAPIError.dataAPIOff(instance: sql.instance)
        }
        if let status = response.status, (status.code ?? 0) != 0 {
            throw SQLStatementError(message: status.message ?? "the database refused the statement (code \(status.code ?? 0))")
        }
        return response
    }

    /// The installed version of each extension named, in the application's database.
    public func installedExtensions(in context: ResourceContext) async throws -> [String: String] {
        let response = try await run("SELECT extname, extversion FROM pg_extension", idempotent: true, onlyReads: true, in: context)
        var versions: [String: String] = [:]
        for row in response.results?.first?.rows ?? [] {
            let values = row.values ?? []
            if values.count == 2, let name = values[0].value { versions[name] = values[1].value ?? "" }
        }
        return versions
    }
}

/// The database refused a statement: its own message (`ERROR: …`), said as it is.
public struct SQLStatementError: Error, Sendable, CustomStringConvertible, ExitStatusProviding {
    public var message: String
    public var description: String { "the database refused the statement: \(message)" }
    public var exitStatus: ExitStatus { .operationFailed }
}

public enum SQLDataAPIError: Error, Sendable, CustomStringConvertible, ExitStatusProviding {
    case dataAPIOff(instance: String)
    case noPasswordSecret(user: String)

    public var description: String {
        switch self {
        case .dataAPIOff(let instance):
            "Cloud SQL instance \(instance) does not allow the Data API (settings.dataApiAccess); set cloudSQL.dataApi: true (the default) and run gcpctl setup"
        case .noPasswordSecret(let user):
            "gcpctl runs SQL as \(user) with the password in cloudSQL.passwordSecret, which the environment does not declare"
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .dataAPIOff: .operationFailed
        case .noPasswordSecret: .configurationError
        }
    }
}
