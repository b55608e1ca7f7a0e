import GoogleCloud

/// A Kubernetes Engine cluster. The bash scripts' projects sometimes held one; gcpctl
/// never creates clusters, so only cleanup uses this resource, to delete what it found.
public struct GKECluster: Resource {
    public let name: String
    /// A zone or a region.
    public let location: String

    public init(name: String, location: String) {
        self.name = name
        self.location = location
    }

    public var id: ResourceID { ResourceID(.gkeCluster, "\(location)/\(name)") }

    public func observe(in context: ResourceContext) async throws -> ContainerAPI.Cluster? {
        try await context.container.cluster(project: context.project, location: location, name: name)
    }

    public func differences(from state: ContainerAPI.Cluster) -> [FieldChange] { [] }

    public func create(in context: ResourceContext) async throws {
        throw GKEClustersNotManaged(name: name)
    }

    public func update(_ state: ContainerAPI.Cluster, changes: [FieldChange], in context: ResourceContext) async throws {
        throw GKEClustersNotManaged(name: name)
    }

    /// A cluster already STOPPING is waited for, not deleted twice (GKE refuses a second
    /// operation on a cluster while one runs).
    public func delete(in context: ResourceContext) async throws {
        guard let cluster = try await observe(in: context) else { return }
        let what = "deleting GKE cluster \(name)"
        if cluster.status == "STOPPING" {
            let _: Bool = try await context.poller.wait(for: what, timeout: .seconds(1800), progress: context.progress) {
                try await observe(in: context) == nil ? .done(true) : .pending(status: "STOPPING")
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
    public static let gkeCluster = ResourceKind(id: "gke-cluster", title: "GKE cluster", plural: "GKE clusters",
                                                service: "container.googleapis.com", section: .services)
}
