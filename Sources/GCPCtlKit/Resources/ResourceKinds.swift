/// The only list of resource kinds. Each kind is declared beside its resource type; adding
/// a kind adds one line here.
public enum ResourceKinds {
    /// Every kind, in the order plans and summaries show them.
    public static let all: [ResourceKind] = [
        .apis,
        .artifactRepository, .bucket,
        .serviceAccount, .projectRoles, .buildAccountRoles, .serviceAccountKey, .secret,
        // issue 21: the private network
        .network, .subnetwork, .addressRange, .privateConnection, .vpcConnector,
        .sqlInstance, .sqlReplica, .sqlDatabase, .sqlUser, .sqlDataAPIPassword, .sqlExtension,
        .redisInstance, .redisAuth,
        .pubsubTopic, .pubsubSubscription, .schedulerJob,
        .cloudRunService, .gkeCluster,
        .globalAddress, .serverlessNEG, .securityPolicy, .backendService, .urlMap, .sslCertificate,
        .targetHTTPSProxy, .targetHTTPProxy, .forwardingRule,
        .notificationChannel, .uptimeCheck, .alertPolicy,
        .buildBucket,
    ]

    /// Each kind's position in `all`, by id.
    static let order: [String: Int] = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.id, $0) })

    /// The status tables, in order: each kind's section where it first appears in `all`, then
    /// the sections of the checks that are not kinds (the alert policies, what the
    /// environment no longer declares).
    public static let sections: [StatusSection] = {
        var sections: [StatusSection] = []
        for section in all.map(\.section) + StatusCheck.extras.map(\.section) where !sections.contains(section) {
            sections.append(section)
        }
        return sections
    }()

    /// What cleanup looks for and deletes, in the order its menus and tables show them:
    /// every kind deleted by identity that a listing finds.
    public static let cleanable: [ResourceKind] = all.filter { $0.remove != nil && ($0.list != nil || $0.foundBy != nil) }

    /// The kind with this id or command name (`sql-instance`, `sql`).
    public static func named(_ name: String) -> ResourceKind? {
        all.first { $0.id == name } ?? all.first { $0.commandNames.contains(name) }
    }
}
