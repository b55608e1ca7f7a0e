import GoogleCloud

/// One resource found in the project by `gcpctl list`.
public struct ListedResource: Sendable, Encodable, Equatable {
    public var kind: String
    public var name: String
    /// The `gcpctl-env` label: which environment made it.
    public var environment: String?
    public var location: String?
    /// Whether gcpctl made it, by `Ownership`'s rule (the managed-by=gcpctl label, or for
    /// service accounts the description gcpctl gives them; never another project's bucket).
    public var managed: Bool
    public var created: String?
}
