/// `gcpctl config show`: the resolved environment, as people read it or as JSON.
public enum EnvironmentReport {
    public static func show(_ environment: Environment, on reporter: Reporter) {
        reporter.result(environment.secretValuesMasked) {
            overview(environment, on: reporter)
            resources(environment, on: reporter)
            if let sql = environment.cloudSQL { cloudSQL(sql, on: reporter) }
            services(environment, on: reporter)
        }
    }

    private static func overview(_ environment: Environment, on reporter: Reporter) {
        reporter.section("Environment \(environment.name)")
        var pairs: [(key: String, value: String)] = [
            ("name", "\(environment.name) (\(([environment.shortName] + environment.aliases.dropFirst()).joined(separator: ", ")))"),
            ("file", environment.origin.file + (environment.origin.isLegacy ? " (legacy mode)" : "")),
            ("project", "\(environment.project) (from \(environment.origin.project))"),
            ("region", "\(environment.region) (from \(environment.origin.region))"),
            ("labels", environment.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")),
        ]
        if let dotEnv = environment.legacyVariables {
            let placeholders = dotEnv.secretPlaceholders.isEmpty ? ""
                : "; from Secret Manager: \(dotEnv.secretPlaceholders.joined(separator: ", "))"
            pairs.append(("env file", "\(dotEnv.path) (\(dotEnv.values.count) variables\(placeholders))"))
        }
        reporter.keyValues(pairs)
    }

    private static func resources(_ environment: Environment, on reporter: Reporter) {
        reporter.section("APIs")
        environment.apis.forEach(reporter.line)
        reporter.section("Artifact Registry")
        reporter.keyValues([
            ("repository", environment.artifactRegistry.repository),
            ("location", environment.artifactRegistry.location),
            ("images", environment.artifactRegistry.imagePrefix(project: environment.project) + "/<service>"),
        ])
        reporter.section("Buckets")
        reporter.table(TextTable(columns: ["NAME", "LOCATION", "CLASS", "LIFECYCLE"], rows: environment.buckets.map { bucket in
            [.init(bucket.name), .init(bucket.location), .init(bucket.storageClass), .init(lifecycle(bucket.lifecycle), .muted)]
        }))
        reporter.section("Service account and secrets")
        reporter.keyValues([
            ("service account", environment.serviceAccount.email),
            ("roles", environment.serviceAccount.roles.joined(separator: ", ")),
            ("secrets", environment.secrets.map(\.id).joined(separator: ", ")),
        ])
    }

    static func lifecycle(_ rules: [Environment.LifecycleRule]) -> String {
        rules.map { rule in
            let action = rule.action == "SetStorageClass" ? "→ \(rule.storageClass ?? "?")" : rule.action.lowercased()
            let scope = rule.matchesPrefix.isEmpty ? "" : " \(rule.matchesPrefix.joined(separator: ","))*"
            return "\(action)\(scope)\(rule.age.map { " after \($0)d" } ?? "")"
        }.joined(separator: "; ")
    }

    private static func cloudSQL(_ sql: Environment.CloudSQL, on reporter: Reporter) {
        reporter.section("Cloud SQL")
        reporter.keyValues([
            ("instance", "\(sql.instance) (\(sql.databaseVersion), \(sql.tier), \(sql.availability.lowercased()))"),
            ("connection", sql.connectionName),
            ("storage", "\(sql.storageSizeGb) GB \(sql.storageType)\(sql.storageAutoResize ? ", grows automatically" : "")"),
            ("backups", sql.backupsEnabled ? "daily at \(sql.backupStartTime) UTC, keep \(sql.retainedBackups)\(sql.pointInTimeRecovery ? ", point-in-time recovery" : "")" : "off"),
            ("maintenance", "\(sql.maintenanceDay) \(String(format2: sql.maintenanceHour)):00 UTC"),
            ("database", "\(sql.database) (user \(sql.user)\(sql.passwordSecret.map { ", password in secret \($0)" } ?? ""))"),
            ("deletion protection", sql.deletionProtection ? "on" : "off"),
        ])
    }

    private static func services(_ environment: Environment, on reporter: Reporter) {
        reporter.section("Cloud Run services")
        reporter.table(TextTable(columns: ["SERVICE", "MEMORY", "CPU", "INSTANCES", "TIMEOUT", "ACCESS", "CLOUD SQL"], rows: environment.services.map { service in
            [
                .init(service.name), .init(service.memory), .init(service.cpu),
                .init("\(service.minInstances)-\(service.maxInstances)", service.minInstances > 0 ? .warning : .plain),
                .init("\(service.timeoutSeconds)s"),
                .init(service.isPublic ? "public" : "private", service.isPublic ? .warning : .good),
                .init(service.usesCloudSQL ? "yes" : "no"),
            ]
        }))
    }
}
