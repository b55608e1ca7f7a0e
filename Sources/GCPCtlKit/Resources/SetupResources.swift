/// The resources `gcpctl setup` manages for an environment, each a `Resource`.
public enum SetupResources {
    public struct Options: Sendable {
        /// `--create-key PATH`.
        public var keyFile: String?
        /// `--overwrite`: replace a file already at `keyFile`.
        public var overwriteKeyFile: Bool
        public init(keyFile: String? = nil, overwriteKeyFile: Bool = false) {
            self.keyFile = keyFile
            self.overwriteKeyFile = overwriteKeyFile
        }
    }

    public static func all(for environment: Environment, options: Options = .init()) -> [any Resource] {
        var resources: [any Resource] = [ProjectAPIs(services: environment.apis)]
        resources.append(ArtifactRepository(environment.artifactRegistry, labels: environment.labels))
        resources += environment.buckets.map(StorageBucket.init)
        resources.append(RuntimeServiceAccount(environment.serviceAccount))
        resources.append(ProjectRoles(environment.serviceAccount, alsoKept: Preflight.rolesDeployGrants(environment)))
        // The build account, with only what a build needs, where it needs it.
        resources.append(StagingBucket(environment: environment))
        resources.append(BuildLogsBucket(environment: environment).resource)
        resources.append(RuntimeServiceAccount(environment.buildServiceAccount))
        resources.append(ProjectRoles(environment.buildServiceAccount))
        resources.append(BuildAccountRoles(environment))
        resources += environment.secrets.map(ManagedSecret.init)
        if let sql = environment.cloudSQL {
            let instance = SQLInstance(sql, region: environment.region, labels: environment.labels)
            resources += [instance, SQLDatabase(instance)] as [any Resource]
            if let secret = sql.passwordSecret {
                resources.append(SQLUserPassword(sql, secretID: secret))
                if sql.dataAPI {
                    let labels = environment.secrets.first { $0.id == secret }?.labels ?? environment.labels
                    resources.append(SQLDataAPIPassword(sql, secretID: secret, region: environment.region, labels: labels))
                    resources += sql.extensions.map { SQLExtension(sql, name: $0, region: environment.region) } as [any Resource]
                }
            }
        }
        if let keyFile = options.keyFile {
            resources.append(ServiceAccountKeyFile(email: environment.serviceAccount.email, path: keyFile, overwrite: options.overwriteKeyFile))
        }
        return resources
    }
}
