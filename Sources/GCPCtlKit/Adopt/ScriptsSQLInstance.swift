import GoogleCloud

/// The Cloud SQL instance the bash scripts made, used instead of creating a second one.
///
/// gcp-setup.sh named its instance `digitwinlive-db` (like the database); gcpctl's built-in
/// environments name theirs `digitwinlive-db-{env}`. A project the scripts set up would get
/// a second instance, billed from its first hour, beside the one holding the data. So when
/// the environment's instance does not exist, the instance the .env file names
/// (`CLOUD_SQL_CONNECTION_NAME`, or `DATABASE_NAME`, which the scripts used for both) or
/// `digitwinlive-db` is adopted in its place, if it exists, runs PostgreSQL and no other
/// environment has claimed it (`gcpctl-env` labels).
public struct ScriptsSQLInstance: Sendable, Equatable {
    /// The name the environment gave.
    public var declared: String
    /// The existing instance used instead.
    public var adopted: String
    public var region: String
    /// Why this one: `the bash scripts' instance`, `CLOUD_SQL_CONNECTION_NAME in .env`.
    public var reason: String

    /// The scripts' instance name.
    public static let scriptsName = "digitwinlive-db"

    /// `environment` with the adopted instance in place of the declared one, when the
    /// declared one is missing and an instance to adopt exists; else nil. One request: the
    /// list of the project's instances, which says both.
    public static func find(for environment: Environment, in context: ResourceContext) async throws -> ScriptsSQLInstance? {
        guard let sql = environment.cloudSQL else { return nil }
        let candidates = candidates(for: environment)
        guard !candidates.isEmpty else { return nil }
        let instances = try await context.sqlAdmin.instances(project: context.project)
        guard !instances.contains(where: { $0.name == sql.instance }) else { return nil }
        for (name, reason) in candidates {
            guard let found = instances.first(where: { $0.name == name }), adoptable(found, by: environment) else { continue }
            return ScriptsSQLInstance(declared: sql.instance, adopted: name, region: found.region ?? environment.region, reason: reason)
        }
        return nil
    }

    /// The names to look for, most specific first, with why each is looked for.
    static func candidates(for environment: Environment) -> [(name: String, reason: String)] {
        guard let sql = environment.cloudSQL else { return [] }
        var found: [(String, String)] = []
        let dotEnv = environment.legacyVariables
        if let connection = dotEnv?["CLOUD_SQL_CONNECTION_NAME"], let name = connection.split(separator: ":").last.map(String.init) {
            found.append((name, "\(dotEnv?.path ?? ".env") names it in CLOUD_SQL_CONNECTION_NAME"))
        }
        found.append((scriptsName, "the bash scripts' instance"))
        if let database = dotEnv?["DATABASE_NAME"]?.trimmingBlanks(), !database.isEmpty {
            found.append((database, "named like DATABASE_NAME in \(dotEnv?.path ?? ".env"), as the bash scripts named their instance"))
        }
        var seen: Set<String> = [sql.instance]
        return found.filter { seen.insert($0.0).inserted }
    }

    /// PostgreSQL (the services' database), and not another environment's.
    static func adoptable(_ instance: SQLAdminAPI.Instance, by environment: Environment) -> Bool {
        guard instance.databaseVersion?.hasPrefix("POSTGRES") ?? true else { return false }
        let labels = instance.settings?.userLabels ?? [:]
        guard labels[Environment.managedByLabel.key] == Environment.managedByLabel.value,
              let owner = labels[Environment.environmentLabelKey] else { return true }
        return owner == environment.shortName
    }

    /// Whether the environment's instance name is gcpctl's guess rather than the user's
    /// word: legacy mode without CLOUD_SQL_CONNECTION_NAME. Only then do the commands that
    /// do not create instances (status, deploy, sql) spend a request to look.
    public static func isGuessed(in environment: Environment) -> Bool {
        environment.cloudSQL != nil && environment.origin.isLegacy
            && environment.origin.overrides[DocumentPath.root.key("cloudSQL").key("instance").description] == nil
    }

    /// The environment with the adopted instance.
    public func applied(to environment: Environment) -> Environment {
        var environment = environment
        environment.cloudSQL?.instance = adopted
        environment.cloudSQL?.connectionName = "\(environment.project):\(region):\(adopted)"
        return environment
    }

    /// `adopt Cloud SQL instance digitwinlive-db instead of creating digitwinlive-db-dev (the bash scripts made it)`.
    public var sentence: String {
        "adopt Cloud SQL instance \(adopted) instead of creating \(declared) (\(reason))"
    }
}
