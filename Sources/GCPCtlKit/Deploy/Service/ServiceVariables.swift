import GoogleCloud

/// The environment variables a service is deployed with, in three layers, later winning:
///
/// 1. the legacy .env file's plain variables (property 16; `${SECRET_…}` placeholders are
///    never loaded, property 27; GOOGLE_APPLICATION_CREDENTIALS, a local path, is left out);
/// 2. what gcpctl knows: every service's URL (property 23), the project and region, the
///    buckets' variables, with Cloud SQL the socket connection (properties 9, 18), and with
///    Redis its address (REDIS_HOST, REDIS_PORT; the AUTH string is a secret, REDIS_AUTH);
/// 3. the service's own `env` in the environment file.
///
/// Secrets come from Secret Manager as `secretKeyRef` at version `latest` (property 17).
///
/// Cloud Run does not expand `${…}`, so no value carries the database password:
/// DATABASE_URL is `postgresql://USER@/DB?host=/cloudsql/P:R:I`, and the password secret is
/// mounted both as the declared variable (DATABASE_PASSWORD) and as PGPASSWORD, which libpq,
/// node-postgres and psycopg read when the URL has none. Apps that build their own URL use
/// DATABASE_HOST, DATABASE_NAME, DATABASE_USER and DATABASE_PASSWORD.
public struct ServiceVariables: Sendable, Equatable {
    /// Plain variables, sorted by name.
    public var plain: [(name: String, value: String)]
    /// Variable → Secret Manager secret id, sorted by variable.
    public var secrets: [(name: String, secret: String)]

    /// `redis`: the instance's address, which the services get as REDIS_HOST and REDIS_PORT.
    public init(service: Environment.Service, environment: Environment, urls: ServiceURLs, redis: RedisEndpoint? = nil) {
        var values = environment.variables(for: service)
        for (name, value) in Self.generated(for: service, environment: environment, urls: urls, redis: redis) where service.env[name] == nil {
            values[name] = value
        }
        var secrets = environment.secretVariables(of: service)
        if service.usesCloudSQL, let passwordSecret = environment.cloudSQL?.passwordSecret,
           secrets.values.contains(passwordSecret), secrets["PGPASSWORD"] == nil, service.env["PGPASSWORD"] == nil {
            secrets["PGPASSWORD"] = passwordSecret
        }
        plain = values.filter { name, _ in
            secrets[name] == nil && !NamingRules.reservedVariables.contains(name) && !Self.localOnly.contains(name)
        }
            .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        self.secrets = secrets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Variables of a developer's machine that would mislead a service on Cloud Run: a key
    /// file path that does not exist there would stop Google's client libraries from using
    /// the service's own identity.
    public static let localOnly: Set<String> = ["GOOGLE_APPLICATION_CREDENTIALS"]

    /// What gcpctl sets itself (layer 2).
    static func generated(for service: Environment.Service, environment: Environment, urls: ServiceURLs,
                          redis: RedisEndpoint? = nil) -> [(String, String)] {
        var variables: [(String, String)] = [("GCP_PROJECT_ID", environment.project), ("GCP_REGION", environment.region)]
        variables += urls.variables(for: environment.services).map { ($0.name, $0.value) }
        variables += environment.buckets.compactMap { bucket in bucket.envVar.map { ($0, bucket.name) } }
        if service.usesCloudSQL, let sql = environment.cloudSQL {
            variables += [
                ("DATABASE_URL", databaseURL(sql)),
                ("DATABASE_HOST", sql.socketPath),
                ("DATABASE_NAME", sql.database),
                ("DATABASE_USER", sql.user),
                ("CLOUD_SQL_CONNECTION_NAME", sql.connectionName),
            ]
        }
        if let names = environment.redis, let redis {
            variables += [(names.hostVariable, redis.host), (names.portVariable, String(redis.port))]
        }
        return variables
    }

    /// The unix-socket URL (property 9), without the password.
    public static func databaseURL(_ sql: Environment.CloudSQL) -> String {
        "postgresql://\(sql.user)@/\(sql.database)?host=\(sql.socketPath)"
    }

    /// As Cloud Run's `containers[].env`: plain values first, then secrets. `$(` is written
    /// `$$(` so Cloud Run, which expands `$(NAME)`, passes values through unchanged.
    public var env: [CloudRunAPI.EnvVar] {
        plain.map { CloudRunAPI.EnvVar(name: $0.name, value: $0.value.replacingOccurrences(of: "$(", with: "$$(")) }
            + secrets.map { CloudRunAPI.EnvVar(name: $0.name, secret: $0.secret) }
    }

    public static func == (lhs: ServiceVariables, rhs: ServiceVariables) -> Bool {
        lhs.env == rhs.env
    }
}
