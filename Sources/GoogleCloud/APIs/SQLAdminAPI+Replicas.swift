/// Cloud SQL read replicas and private IP: what the replica and private-network kinds read
/// from an instance. A replica is created with `instances.insert` naming its primary
/// (`Instance.readReplica`); it is listed with the other instances, and the primary lists it
/// in `replicaNames`. A primary that still has replicas cannot be deleted (Google answers
/// 400 `errorReplicationMasterInvalidOperation`): delete the replicas first.
extension SQLAdminAPI.Instance {
    /// A read replica of `primary`, with the primary's database version (Google requires it).
    public static func readReplica(name: String, primary: String, databaseVersion: String, region: String,
                                   settings: SQLAdminAPI.Settings) -> SQLAdminAPI.Instance {
        var replica = SQLAdminAPI.Instance(name: name, databaseVersion: databaseVersion, region: region, settings: settings)
        replica.masterInstanceName = primary
        replica.instanceType = "READ_REPLICA_INSTANCE"
        replica.replicaConfiguration = SQLAdminAPI.ReplicaConfiguration(failoverTarget: false)
        return replica
    }

    public var isReadReplica: Bool { instanceType == "READ_REPLICA_INSTANCE" || masterInstanceName != nil }

    /// The primary's name, without the `PROJECT:` Google puts before it.
    public var primaryName: String? {
        masterInstanceName.flatMap { $0.split(separator: ":").last.map(String.init) }
    }

    /// The address of `type` PRIVATE (from the private network) or PRIMARY (public).
    public func address(ofType type: String) -> String? {
        ipAddresses?.first { $0.type == type }?.ipAddress
    }
}

extension SQLAdminAPI {
    /// The replicas of `primary` among the project's instances (one list call).
    public func replicas(project: String, primary: String) async throws -> [Instance] {
        try await instances(project: project).filter { $0.isReadReplica && $0.primaryName == primary }
    }
}
