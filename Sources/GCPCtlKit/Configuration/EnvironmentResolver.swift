/// Turns an `EnvironmentFile` into an `Environment`: expands `{project}` / `{env}` /
/// `{region}`, applies defaults, merges labels. It checks nothing: `EnvironmentValidator`
/// does, on the result, so that messages show the names as they will be created.
struct EnvironmentResolver {
    var file: EnvironmentFile
    var origin: Environment.Origin
    var project: String
    var region: String
    var dotEnv: DotEnvFile?
    var warnings: [String] = []

    var shortName: String {
        file.aliases?.first ?? EnvironmentName.shortName(of: file.name)
    }

    func resolve() -> Environment {
        let template = NameTemplate(project: project, shortName: shortName, region: region)
        let labels = (file.labels ?? [:]).merging([
            Environment.managedByLabel.key: Environment.managedByLabel.value,
            Environment.environmentLabelKey: shortName,
        ]) { _, ours in ours }
        let serviceAccountID = template.expand(file.serviceAccount.id)
        let buildAccountID = template.expand(file.buildServiceAccount?.id ?? Environment.defaultBuildServiceAccountID)
        let network = file.network.map { resolve($0, template: template) }
        var environment = Environment(
            name: file.name,
            shortName: shortName,
            aliases: file.aliases ?? [],
            project: project,
            region: region,
            labels: labels,
            apis: impliedAPIs(Self.withRedisAPI(Self.withNetworkAPIs(RenamedAPIs.current(file.apis ?? []), network: network), redis: file.redis)),
            artifactRegistry: .init(
                repository: template.expand(file.artifactRegistry.repository),
                description: file.artifactRegistry.description ?? "",
                location: file.artifactRegistry.location ?? region
            ),
            buckets: (file.buckets ?? []).map { resolve($0, template: template, labels: labels) },
            serviceAccount: .init(
                id: serviceAccountID,
                displayName: file.serviceAccount.displayName ?? serviceAccountID,
                roles: file.serviceAccount.roles ?? [],
                email: "\(serviceAccountID)@\(project).iam.gserviceaccount.com"
            ),
            buildServiceAccount: .init(
                id: buildAccountID,
                displayName: file.buildServiceAccount?.displayName ?? Environment.defaultBuildServiceAccountName,
                roles: Environment.buildServiceAccountProjectRoles,
                email: "\(buildAccountID)@\(project).iam.gserviceaccount.com"
            ),
            secrets: (file.secrets ?? []).map { secret in
                .init(id: template.expand(secret.id), labels: labels.merging(secret.labels ?? [:]) { _, own in own })
            },
            cloudSQL: file.cloudSQL.map { resolve($0, template: template, network: network) },
            services: (file.services?.entries ?? []).map { entry in
                resolve(entry.value, name: template.expand(entry.name), template: template)
            },
            usage: file.usage,
            edge: file.edge.map { resolve($0, template: template, labels: labels) },
            legacyVariables: dotEnv,
            origin: origin,
            warnings: warnings,
            network: network,
            pubsub: file.pubsub.map { resolve($0, template: template, labels: labels) },
            schedulerJobs: file.scheduler.map { resolve($0, template: template) } ?? [],
            redis: file.redis.map { resolve($0, template: template, network: network, labels: labels) }
        )
        environment.monitoring = file.monitoring.map {
            resolve($0, shortName: shortName, services: environment.services, cloudSQL: environment.cloudSQL, edge: environment.edge, labels: labels)
        }
        return environment
    }

    /// A declared network's APIs join the declared ones (those not listed, after them).
    static func withNetworkAPIs(_ apis: [String], network: Environment.Network?) -> [String] {
        apis + (network?.apis ?? []).filter { !apis.contains($0) }
    }

    /// The APIs the environment names, and those its sections need that it does not name.
    private func impliedAPIs(_ named: [String]) -> [String] {
        let needed = (file.pubsub == nil ? [] : ["pubsub.googleapis.com"])
            + (file.scheduler?.jobs?.isEmpty ?? true ? [] : ["cloudscheduler.googleapis.com"])
            + (file.monitoring == nil ? [] : ["monitoring.googleapis.com"])
        return named + needed.filter { !named.contains($0) }
    }

    private func resolve(_ bucket: EnvironmentFile.Bucket, template: NameTemplate, labels: [String: String]) -> Environment.Bucket {
        .init(
            name: template.expand(bucket.name),
            envVar: bucket.envVar,
            location: (bucket.location ?? region).uppercased(),
            storageClass: bucket.storageClass ?? "STANDARD",
            versioning: bucket.versioning ?? false,
            uniformAccess: bucket.uniformAccess ?? true,
            labels: labels.merging(bucket.labels ?? [:]) { _, own in own },
            lifecycle: (bucket.lifecycle ?? []).map { rule in
                .init(
                    action: rule.action, storageClass: rule.storageClass, age: rule.age,
                    matchesPrefix: rule.matchesPrefix ?? [], matchesSuffix: rule.matchesSuffix ?? [],
                    numNewerVersions: rule.numNewerVersions, isLive: rule.isLive
                )
            }
        )
    }

    private func resolve(_ sql: EnvironmentFile.CloudSQL, template: NameTemplate, network: Environment.Network?) -> Environment.CloudSQL {
        let instance = template.expand(sql.instance)
        let tier = sql.tier ?? "db-f1-micro"
        return .init(
            instance: instance,
            databaseVersion: sql.databaseVersion ?? "POSTGRES_15",
            edition: sql.edition ?? "ENTERPRISE",
            tier: tier,
            availability: sql.availability ?? "ZONAL",
            storageType: sql.storage?.type ?? "PD_SSD",
            storageSizeGb: sql.storage?.sizeGb ?? 10,
            storageAutoResize: sql.storage?.autoResize ?? true,
            backupsEnabled: sql.backups?.enabled ?? true,
            backupStartTime: sql.backups?.startTime ?? "03:00",
            pointInTimeRecovery: sql.backups?.pointInTimeRecovery ?? false,
            retainedBackups: sql.backups?.retainedBackups ?? 7,
            maintenanceDay: sql.maintenanceWindow?.day ?? "SUN",
            maintenanceHour: sql.maintenanceWindow?.hour ?? 4,
            flags: sql.flags ?? [:],
            deletionProtection: sql.deletionProtection ?? false,
            database: template.expand(sql.database),
            user: sql.user ?? "postgres",
            passwordSecret: sql.passwordSecret.map(template.expand),
            dataAPI: sql.dataApi ?? true,
            extensions: sql.extensions ?? ["vector"],
            connectionName: "\(project):\(region):\(instance)",
            replicas: (sql.replicas ?? []).map { replica in
                .init(instance: template.expand(replica.instance), tier: replica.tier ?? tier,
                      region: replica.region ?? region)
            },
            privateIP: sql.privateIP ?? false,
            privateNetwork: sql.privateIP == true ? network.map { "projects/\(project)/global/networks/\($0.name)" } : nil,
            allocatedIpRange: sql.privateIP == true ? network?.privateServiceAccess?.range : nil
        )
    }

    private func resolve(_ service: EnvironmentFile.Service, name: String, template: NameTemplate) -> Environment.Service {
        .init(
            name: name,
            source: service.source,
            dockerfile: service.dockerfile ?? "Dockerfile",
            port: service.port ?? 8080,
            memory: service.memory ?? "512Mi",
            cpu: service.cpu ?? "1",
            minInstances: service.minInstances ?? 0,
            maxInstances: service.maxInstances ?? 10,
            timeoutSeconds: service.timeoutSeconds ?? 300,
            concurrency: service.concurrency,
            isPublic: service.public ?? false,
            usesCloudSQL: service.cloudSQL ?? false,
            env: service.env ?? [:],
            secrets: (service.secrets ?? [:]).mapValues(template.expand)
        )
    }
}
