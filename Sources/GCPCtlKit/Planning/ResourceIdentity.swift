/// What finds a resource again, and nothing more: enough to read it and to delete it
/// without the environment declaring it (cleanup, `gcpctl delete`).
public struct ResourceIdentity: Sendable, Hashable {
    public var kind: ResourceKind
    /// The bucket, instance or secret id; a service account's email.
    public var name: String
    /// The region, zone or location where the kind has one (a Cloud Run service's region,
    /// a repository's location, a GKE cluster's zone or region); nil for global kinds.
    public var location: String?

    public init(_ kind: ResourceKind, _ name: String, location: String? = nil) {
        self.kind = kind
        self.name = name
        self.location = location
    }

    public var id: ResourceID { ResourceID(kind, name) }
}
