/// One resource a kind's listing found in the project, with whose it is.
public struct FoundResource: Sendable {
    /// Its location is where it is (a bucket's location too, though its name alone finds it).
    public var identity: ResourceIdentity
    /// RFC 3339, as Google answers it.
    public var created: String?
    public var labels: [String: String]
    /// Judged by `Ownership`'s one rule from what was listed.
    public var ownership: Ownership

    public init(_ identity: ResourceIdentity, created: String? = nil, labels: [String: String]? = nil, ownership: Ownership) {
        self.identity = identity
        self.created = created
        self.labels = labels ?? [:]
        self.ownership = ownership
    }

    /// Each of `states`, judged by `Ownership`'s rule; `identify` gives what finds it again
    /// and when it was made.
    static func judging<State: OwnershipEvident>(_ states: [State], in context: ResourceContext,
                                                 _ identify: (State) -> (identity: ResourceIdentity, created: String?))
        async throws -> [FoundResource] {
        var found: [FoundResource] = []
        for state in states {
            let (identity, created) = identify(state)
            found.append(FoundResource(identity, created: created, labels: state.ownershipEvidence.labels,
                                       ownership: try await Ownership.of(state, in: context)))
        }
        return found
    }
}
