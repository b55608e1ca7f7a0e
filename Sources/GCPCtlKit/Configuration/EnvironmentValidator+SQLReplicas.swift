extension EnvironmentValidator {
    /// Each replica is an instance of its own: a name no other instance of the file has, a
    /// tier of the primary's edition (a replica has its primary's), a region with Cloud SQL.
    mutating func checkSQLReplicas(of sql: Environment.CloudSQL) {
        let path = DocumentPath.root.key("cloudSQL").key("replicas")
        for (index, replica) in sql.replicas.enumerated() {
            let entry = path.index(index)
            checkName(entry.key("instance"), replica.instance, rule: NamingRules.sqlInstanceNameProblem)
            if replica.instance == sql.instance {
                check(entry.key("instance"), "'\(replica.instance)' is the primary's name; a replica is an instance of its own")
            }
            // The primary's tier, when not given, is checked once, as the primary's.
            if replica.tier != sql.tier {
                check(entry.key("tier"), CloudSQLRules.tierProblem(replica.tier)
                    ?? CloudSQLRules.editionMismatch(tier: replica.tier, edition: sql.edition).map { "\($0) (a replica has its primary's edition)" })
            }
            if replica.region != environment.region {
                check(entry.key("region"), KnownLocations.regionProblem(replica.region))
            }
        }
        checkUnique(sql.replicas.map(\.instance), at: { path.index($0).key("instance") }, what: "replica names")
    }
}

extension EnvironmentValidator {
    /// A private IP comes from the network's private services access: both must be declared.
    mutating func checkSQLPrivateIP(of sql: Environment.CloudSQL) {
        guard sql.privateIP, !wasDropped("network") else { return }
        let path = DocumentPath.root.key("cloudSQL").key("privateIP")
        if environment.network == nil {
            check(path, "a private IP needs a network: declare network: with privateServiceAccess, or set privateIP: false")
        } else if environment.network?.privateServiceAccess == nil {
            check(path, "a private IP comes from the network's private services access: declare network.privateServiceAccess")
        }
    }
}
