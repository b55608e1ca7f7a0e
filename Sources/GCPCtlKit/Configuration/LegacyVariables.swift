import Foundation

/// How the bash scripts' .env variables name resources, and what gcpctl does with them.
/// In legacy mode (no environment file) they override the built-in defaults; alongside an
/// environment file the file wins and a difference is reported as a warning.
enum LegacyVariables {
    /// Legacy mode's environment: the scripts' built-in one for `name`, with the names
    /// `dotEnv` gives and the Dockerfiles the repository at `directory` has; and which keys
    /// the .env file set, for messages.
    static func environmentFile(_ name: String, dotEnv: DotEnvFile, directory: URL)
        -> (file: EnvironmentFile, overrides: [String: Environment.ValueSource]) {
        var file = BuiltInEnvironments.file(named: name)!
        var overrides: [String: Environment.ValueSource] = [:]
        file.envFile = dotEnv.path
        apply(dotEnv, to: &file, overrides: &overrides)
        RepositoryLayout.apply(to: &file, directory: directory)
        return (file, overrides)
    }

    /// Legacy mode: the .env values become the environment's names.
    static func apply(
        _ dotEnv: DotEnvFile, to file: inout EnvironmentFile, overrides: inout [String: Environment.ValueSource]
    ) {
        func source(_ variable: String) -> Environment.ValueSource {
            .dotEnvFile(path: dotEnv.path, variable: variable)
        }
        for index in (file.buckets ?? []).indices {
            guard let envVar = file.buckets?[index].envVar, let name = nonEmpty(dotEnv[envVar]) else { continue }
            file.buckets?[index].name = name
            overrides[DocumentPath.root.key("buckets").index(index).key("name").description] = source(envVar)
        }
        guard file.cloudSQL != nil else { return }
        let sql = DocumentPath.root.key("cloudSQL")
        if let connection = nonEmpty(dotEnv["CLOUD_SQL_CONNECTION_NAME"]),
           let instance = connection.split(separator: ":").last.map(String.init) {
            file.cloudSQL?.instance = instance
            overrides[sql.key("instance").description] = source("CLOUD_SQL_CONNECTION_NAME")
        }
        if let database = nonEmpty(dotEnv["DATABASE_NAME"]) {
            file.cloudSQL?.database = database
            overrides[sql.key("database").description] = source("DATABASE_NAME")
        }
        if let user = nonEmpty(dotEnv["DATABASE_USER"]) {
            file.cloudSQL?.user = user
            overrides[sql.key("user").description] = source("DATABASE_USER")
        }
    }

    /// Where the .env file disagrees with the resolved environment: warnings, not errors,
    /// because the services may still read the old names until the next deploy.
    static func disagreements(_ dotEnv: DotEnvFile, with environment: Environment) -> [String] {
        var warnings: [String] = []
        for bucket in environment.buckets {
            guard let envVar = bucket.envVar, let value = nonEmpty(dotEnv[envVar]), value != bucket.name else { continue }
            warnings.append("\(dotEnv.path) sets \(envVar)=\(value), but \(environment.origin.file) names the bucket '\(bucket.name)'; gcpctl uses '\(bucket.name)'")
        }
        if let sql = environment.cloudSQL, let connection = nonEmpty(dotEnv["CLOUD_SQL_CONNECTION_NAME"]),
           connection != sql.connectionName {
            warnings.append("\(dotEnv.path) sets CLOUD_SQL_CONNECTION_NAME=\(connection), but the environment's instance is '\(sql.connectionName)'")
        }
        return warnings
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingBlanks(), !value.isEmpty else { return nil }
        return value
    }
}
