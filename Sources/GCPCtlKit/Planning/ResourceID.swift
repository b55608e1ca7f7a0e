/// What gcpctl manages, by kind and name: `bucket clone-uploads-dev`.
public struct ResourceID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var kind: ResourceKind
    public var name: String

    public init(_ kind: ResourceKind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    public var description: String { kind == .apis ? "project APIs" : "\(kind.title) \(name)" }

    public static func < (lhs: ResourceID, rhs: ResourceID) -> Bool {
        (lhs.kind.order, lhs.name) < (rhs.kind.order, rhs.name)
    }
}
