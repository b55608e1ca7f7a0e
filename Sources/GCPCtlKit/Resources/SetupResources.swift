/// The resources `gcpctl setup` manages for an environment, each a `Resource`.
public enum SetupResources {
    public struct Options: Sendable {
        /// `--create-key PATH`.
        public var keyFile: String?
        public init(keyFile: String? = nil) { self.keyFile = keyFile }
    }

    public static func all(for environment: Environment, options: Options = .init()) -> [any Resource] {
        var resources: [any Resource] = [ProjectAPIs(services: environment.apis)]
        resources.append(ArtifactRepository(environment.artifactRegistry, labels: environment.labels))
        resources += environment.buckets.map(StorageBucket.init)
        resources.append(RuntimeServiceAccount(environment.serviceAccount))
        resources.append(ProjectRoles(environment.serviceAccount))
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
            }
        }
        if let keyFile = options.keyFile {
            resources.append(ServiceAccountKeyFile(email: environment.serviceAccount.email, path: keyFile))
        }
        return resources
    }
}
