/// A resource gcpctl manages, with the five verbs. One file per kind in Resources/.
///
/// `observe` reads what exists (nil: it does not); `differences` compares it with what the
/// environment declares; `create`, `update` and `delete` change it and return only when
/// Google says the change is done. Each mutating verb is called only after an observation,
/// so a second run finds nothing to do and sends nothing that mutates.
public protocol Resource: Sendable {
    associatedtype State: Sendable

    var id: ResourceID { get }
    /// Resources that must exist first. The APIs resource is implied for all others.
    var dependencies: [ResourceID] { get }

    func observe(in context: ResourceContext) async throws -> State?
    /// Throws `ImmutableFieldError` for a difference that cannot be changed in place.
    func differences(from state: State) throws -> [FieldChange]
    func create(in context: ResourceContext) async throws
    func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws
    func delete(in context: ResourceContext) async throws
}

extension Resource {
    public var dependencies: [ResourceID] { [] }
}

/// A difference that gcpctl will not resolve by itself (a bucket's location, a database
/// version downgrade): the resource would have to be replaced.
public struct ImmutableFieldError: Error, Sendable, CustomStringConvertible {
    public var resource: ResourceID
    public var changes: [FieldChange]
    public var advice: String

    public var description: String {
        "\(resource): \(changes.map(\.description).joined(separator: ", ")) cannot be changed in place. \(advice)"
    }
}
