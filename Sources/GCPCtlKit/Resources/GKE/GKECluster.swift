import GoogleCloud

/// A Kubernetes Engine cluster. The bash scripts' projects sometimes held one; gcpctl
/// never creates clusters, so only cleanup uses this resource, to delete what it found.
public struct GKECluster: KindResource {
    public let name: String
    /// A zone or a region.
    public let location: String

    public init(name: String, location: String) {
        self.name = name
        self.location = location
    }

    /// Shown as `location/name`: cluster names are unique per location only.
    public var id: ResourceID { ResourceID(.gkeCluster, "\(location)/\(name)") }
    public var identity: ResourceIdentity { ResourceIdentity(.gkeCluster, name, location: location) }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> ContainerAPI.Cluster? {
        try await context.container.cluster(project: context.project, location: try location(of: identity), name: identity.name)
    }

    public func differences(from state: ContainerAPI.Cluster) -> [FieldChange] { [] }

    public func create(in context: ResourceContext) async throws {
        throw GKEClustersNotManaged(name: name)
    }

    public func update(_ state: ContainerAPI.Cluster, changes: [FieldChange], in context: ResourceContext) async throws {
        throw GKEClustersNotManaged(name: name)
    }

    /// Cluster names are unique per location only: a cluster's identity always has one.
    static func location(of identity: ResourceIdentity) throws -> String {
        guard let location = identity.location else { throw GKEClustersNotManaged(name: "\(identity.name) (no location known)") }
        return location
    }

    /// A cluster already STOPPING is waited for, not deleted twice (GKE refuses a second
    /// operation on a cluster while one runs).
    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        guard let cluster = try await observe(identity, in: context) else { return }
        let name = identity.name, location = try location(of: identity)
        let what = "deleting GKE cluster \(name)"
        if cluster.status == "STOPPING" {
            let _: Bool = try await context.poller.wait(for: what, timeout: .seconds(1800), progress: context.progress) {
                try await observe(identity, in: context) == nil ? .done(true) : .pending(status: "STOPPING")
            }
            return
        }
        guard let operation = try await context.container.deleteCluster(project: context.project, location: location, name: name) else { return }
        try await context.container.waitFor(operation, project: context.project, location: location, what: what,
                                            poller: context.poller, progress: context.progress)
    }
}

public struct GKEClustersNotManaged: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var description: String {
        "gcpctl does not create or change GKE clusters (\(name)); it only deletes them in cleanup. Manage clusters with gcloud or Terraform."
    }
}

extension ResourceContext {
    public var container: ContainerAPI { ContainerAPI(cloud) }
}

extension ResourceKind {
    /// Found and deleted by cleanup only: gcpctl creates no clusters.
    public static let gkeCluster: ResourceKind = ResourceKind(id: "gke-cluster", title: "GKE cluster", plural: "GKE clusters",
                                                service: "container.googleapis.com", section: .services,
                                                teardown: Teardown(reviewed: "with its workloads"),
                                                list: { context, _ in try await GKECluster.list(in: context) })
        .deleted(by: GKECluster.self)
}

extension GKECluster {
    /// Clusters in every zone and region of the project.
    static func list(in context: ResourceContext) async throws -> KindListing {
        let list = try await context.container.clusters(project: context.project)
        var listing = KindListing(try await list.clusters.asyncCompactMap { cluster in
            guard let name = cluster.name, let location = cluster.location else { return nil }
            var details = [cluster.status ?? "status unknown"]
            if cluster.autopilot?.enabled == true { details.append("Autopilot") }
            else if let nodes = cluster.currentNodeCount { details.append("\(nodes) node\(nodes == 1 ? "" : "s")") }
            return FoundResource(ResourceIdentity(.gkeCluster, name, location: location), created: cluster.createTime,
                                 labels: cluster.resourceLabels, ownership: try await Ownership.of(cluster, in: context), details: details)
        })
        if !list.missingZones.isEmpty {
            listing.notes.append("GKE did not answer for \(list.missingZones.joined(separator: ", ")); clusters there are not listed. Run cleanup again later.")
        }
        return listing
    }
}
