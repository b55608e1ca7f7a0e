/// A resource that is read and deleted by its identity alone. `observe` and `delete` are
/// static, so they cannot read a desired configuration: cleanup and `gcpctl delete` run
/// them for resources the environment does not declare, with nothing but what they found.
public protocol KindResource: Resource {
    var identity: ResourceIdentity { get }
    static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> State?
    /// Returns once Google says it is gone; one that is already gone counts as deleted.
    static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws
    /// Reads it without the kind's own refusals, to judge whose it is (default: `observe`):
    /// another project's bucket is read, so that its holder can be named.
    static func read(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> State?
}

extension KindResource {
    public var id: ResourceID { identity.id }

    public func observe(in context: ResourceContext) async throws -> State? {
        try await Self.observe(identity, in: context)
    }

    public func delete(in context: ResourceContext) async throws {
        try await Self.delete(identity, in: context)
    }

    public static func read(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> State? {
        try await observe(identity, in: context)
    }
}

extension ResourceKind {
    /// This kind, deleted by `type`'s identity-only `delete`.
    func deleted<R: KindResource>(by type: R.Type) -> ResourceKind {
        var kind = self
        kind.remove = { identity, context in try await R.delete(identity, in: context) }
        return kind
    }

    /// This kind, deleted by `type`'s identity-only `delete`, and judged by `Ownership`'s one
    /// rule from what `type`'s `read` finds.
    func deleted<R: KindResource>(by type: R.Type) -> ResourceKind where R.State: OwnershipEvident {
        var kind = self
        kind.remove = { identity, context in try await R.delete(identity, in: context) }
        kind.observeOwnership = { identity, context in
            guard let state = try await R.read(identity, in: context) else { return nil }
            return (try await Ownership.of(state, in: context), state.ownershipEvidence)
        }
        return kind
    }
}
