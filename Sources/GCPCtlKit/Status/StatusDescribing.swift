import GoogleCloud

/// What `gcpctl status` shows of a resource beyond what the plan says about it. The
/// observation itself is the resource's own `observe`, and drift its own `differences`,
/// so `plan` and `status` cannot disagree; this adds only the details a person checks.
protocol StatusDescribing: Resource {
    /// Reads status needs beyond `observe` (a bucket's objects, a repository's images).
    associatedtype Extra: Sendable = Void

    /// Started together with `observe`, not after it, so a row costs one round trip.
    /// Its failure is ignored when the resource turns out not to exist.
    func observeExtra(in context: ResourceContext) async throws -> Extra
    /// `extra` is nil when reading it failed.
    func statusDetails(of state: State, extra: Extra?) -> [StatusDetail]
    /// Exists but does not serve: a stopped database, a failing /health. nil when healthy.
    func health(of state: State, extra: Extra?, environment: Environment) -> StatusFinding?
    /// What a missing resource means: missing (setup creates it) or not deployed.
    func missing(in environment: Environment) -> StatusFinding
    /// The command that puts a drifted resource back as the file says (default: setup).
    func driftFix(in environment: Environment) -> StatusFix
    /// One row per resource, or several (one per API).
    func expand(_ row: StatusRow, state: State?, environment: Environment) -> [StatusRow]
    /// The first column of the table (default: the resource's name).
    var statusLabel: String { get }
    /// How many reads of this resource wait on one another (a secret, then its versions).
    /// Such resources start first, so their later reads overlap the others' first ones.
    var readsInSequence: Int { get }
}

/// A state with the sentence that explains it and the command that fixes it.
struct StatusFinding: Sendable {
    var state: StatusState
    var reason: String
    var fix: StatusFix?
}

extension StatusDescribing where Extra == Void {
    func observeExtra(in context: ResourceContext) async throws {}
}

extension StatusDescribing {
    func statusDetails(of state: State, extra: Extra?) -> [StatusDetail] { [] }
    func health(of state: State, extra: Extra?, environment: Environment) -> StatusFinding? { nil }
    func missing(in environment: Environment) -> StatusFinding {
        StatusFinding(state: .missing, reason: "does not exist", fix: StatusFix.setup(environment))
    }
    func driftFix(in environment: Environment) -> StatusFix { StatusFix.setup(environment) }
    func expand(_ row: StatusRow, state: State?, environment: Environment) -> [StatusRow] { [row] }
    var statusLabel: String { id.name }
    var readsInSequence: Int { 1 }
}

/// A resource kind status knows no details of: shown with what the plan knows.
struct Undescribed<Base: Resource>: StatusDescribing {
    let base: Base
    init(_ base: Base) { self.base = base }

    var id: ResourceID { base.id }
    var dependencies: [ResourceID] { base.dependencies }
    func observe(in context: ResourceContext) async throws -> Base.State? { try await base.observe(in: context) }
    func differences(from state: Base.State) throws -> [FieldChange] { try base.differences(from: state) }
    func create(in context: ResourceContext) async throws { try await base.create(in: context) }
    func update(_ state: Base.State, changes: [FieldChange], in context: ResourceContext) async throws {
        try await base.update(state, changes: changes, in: context)
    }
    func delete(in context: ResourceContext) async throws { try await base.delete(in: context) }
}
