import GoogleCloud

extension SQLInstance {
    /// The project's Cloud SQL instances of one kind: one `instances.list` answers for both
    /// (read once in cleanup), which tells the read replicas (`instanceType:
    /// READ_REPLICA_INSTANCE`, shown with their primary) from the primaries.
    static func list(_ kind: ResourceKind, in context: ResourceContext) async throws -> KindListing {
        let replicas = kind == .sqlReplica
        let instances = try await context.sqlAdmin.instances(project: context.project).filter { $0.isReadReplica == replicas }
        return KindListing(try await instances.asyncCompactMap { instance in
            guard let name = instance.name else { return nil }
            let protected = instance.settings?.deletionProtectionEnabled == true
            var details = [instance.state, instance.databaseVersion, instance.settings?.tier].compactMap { $0 }
            if let primary = instance.primaryName { details.append("replica of \(primary)") }
            if let disk = instance.settings?.dataDiskSizeGb { details.append("\(disk) GB disk") }
            if let count = instance.replicaNames?.count, count > 0 { details.append("\(count) replica\(count == 1 ? "" : "s")") }
            if protected { details.append("deletion protection") }
            return FoundResource(ResourceIdentity(kind, name, location: instance.region), created: instance.createTime,
                                 labels: instance.settings?.userLabels, ownership: try await Ownership.of(instance, in: context),
                                 details: details, isProtected: protected)
        })
    }
}
