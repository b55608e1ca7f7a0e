/// Cloud SQL's Data API: `instances.executeSql` runs SQL on an instance through the Admin
/// API, with no network path to it, when the instance's `settings.dataApiAccess` is
/// ALLOW_DATA_API. A built-in user authenticates with the password held by a regional
/// secret in the instance's region (`passwordSecretVersion`); Google accepts no password in
/// the request.
extension SQLAdminAPI {
    public struct ExecuteSQLRequest: Codable, Sendable {
        public var sqlStatement: String
        public var database: String
        public var user: String
        /// `projects/P/locations/REGION/secrets/ID/versions/V`.
        public var passwordSecretVersion: String
        public var rowLimit: String?
        public var partialResultMode: String?
        public var application: String?

        public init(sql: String, database: String, user: String, passwordSecretVersion: String, rowLimit: Int? = nil) {
            sqlStatement = sql
            self.database = database
            self.user = user
            self.passwordSecretVersion = passwordSecretVersion
            self.rowLimit = rowLimit.map(String.init)
            application = "gcpctl"
        }
    }

    public struct ExecuteSQLResponse: Codable, Sendable {
        public var results: [QueryResult]?
        public var messages: [Message]?
        /// The database's error when the statements failed (the HTTP status is still 200).
        public var status: RPCStatus?
        public var metadata: Metadata?
    }

    public struct QueryResult: Codable, Sendable {
        public var columns: [Column]?
        public var rows: [Row]?
        public var message: String?
        public var partialResult: Bool?
        public var status: RPCStatus?
    }

    public struct Column: Codable, Sendable, Equatable {
        public var name: String?
        public var type: String?
    }

    public struct Row: Codable, Sendable {
        public var values: [Value]?
    }

    public struct Value: Codable, Sendable, Equatable {
        public var value: String?
        public var nullValue: Bool?
    }

    public struct Message: Codable, Sendable {
        public var message: String?
        public var severity: String?
    }

    public struct RPCStatus: Codable, Sendable {
        public var code: Int?
        public var message: String?
    }

    public struct Metadata: Codable, Sendable {
        public var sqlStatementExecutionTime: String?
    }

    /// Runs `request.sqlStatement`. Not retried after it may have arrived: a statement such
    /// as an INSERT is not idempotent, and the caller knows whether its own is (and whether
    /// it only reads, as a SELECT does).
    public func executeSQL(project: String, instance: String, _ request: ExecuteSQLRequest,
                           idempotent: Bool = false, onlyReads: Bool = false) async throws -> ExecuteSQLResponse {
        var call = try GoogleCall(.post, .sqlAdmin, path(project, instance) + "/executeSql", json: request,
                                  idempotency: idempotent || onlyReads ? .idempotent : .nonIdempotent)
        call.onlyReads = onlyReads
        return try await client.decode(call)
    }
}
