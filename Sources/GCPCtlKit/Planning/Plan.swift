import GoogleCloud

/// What applying the environment would do, resource by resource.
public struct Plan: Sendable {
    public var items: [PlanItem]

    public init(items: [PlanItem]) {
        self.items = items.sorted { $0.id < $1.id }
    }

    public var pendingChanges: [PlanItem] { items.filter { $0.action.changesSomething } }
    public var hasChanges: Bool { !pendingChanges.isEmpty }
    public var failures: [PlanItem] { items.filter { if case .blocked = $0.action { true } else { false } } }

    public func item(_ id: ResourceID) -> PlanItem? { items.first { $0.id == id } }

    /// A blocked item whose cause is the user's to fix before anything runs (a key file
    /// gcpctl may not overwrite): the command stops with it, exit status 1, nothing changed.
    public var configurationFailure: (any Error)? {
        items.lazy.compactMap { $0.failure }.first { ($0 as? any ExitStatusProviding)?.exitStatus == .configurationError }
    }

    /// Google refused the credentials themselves (401): no resource can be planned, and the
    /// fix is the user's login, not the resources.
    public var credentialsFailure: GoogleAPIError? {
        items.lazy.compactMap { $0.failure as? GoogleAPIError }.first { $0.httpStatus == 401 }
    }
}

public struct PlanItem: Sendable {
    public var id: ResourceID
    public var action: PlanAction
    public var dependencies: [ResourceID]
    /// Started only once these have ended, however they ended: order without dependence
    /// (cleanup deletes what uses a resource first, and still tries the resource when that
    /// failed, so that every failure is seen in one run).
    public var after: [ResourceID] = []
    /// Runs the action; built by the planner around the resource's typed state.
    let apply: @Sendable (ResourceContext) async throws -> ResourceOutcome
    /// Observes afresh, then creates or updates: for a second attempt after a failed
    /// operation, when the state the plan saw is no longer the truth.
    let converge: @Sendable (ResourceContext) async throws -> ResourceOutcome
    /// Why a blocked item could not be planned.
    public var failure: (any Error & Sendable)?
    /// For an update of a resource that is not gcpctl's yet: the changes that make it the
    /// environment's, shown as one `adopt:` line.
    public var adoption: Adoption?

    public init(id: ResourceID, action: PlanAction, dependencies: [ResourceID], after: [ResourceID] = [],
                apply: @escaping @Sendable (ResourceContext) async throws -> ResourceOutcome,
                converge: (@Sendable (ResourceContext) async throws -> ResourceOutcome)? = nil) {
        self.id = id
        self.action = action
        self.dependencies = dependencies
        self.after = after
        self.apply = apply
        self.converge = converge ?? apply
    }
}

public enum PlanAction: Sendable, Equatable {
    case create
    /// Could not be observed yet (its API is off, its parent missing); looked at again
    /// right before applying, created if still missing.
    case createIfMissing(reason: String)
    case update([FieldChange])
    case unchanged
    case delete
    /// Cannot be planned: an observation failed, or a field cannot change in place.
    case blocked(reason: String)

    public var changesSomething: Bool {
        switch self {
        case .create, .createIfMissing, .update, .delete: true
        case .unchanged, .blocked: false
        }
    }

    public var verb: String {
        switch self {
        case .create, .createIfMissing: "create"
        case .update: "update"
        case .unchanged: "unchanged"
        case .delete: "delete"
        case .blocked: "blocked"
        }
    }
}

/// How applying one resource ended.
public enum ResourceOutcome: Sendable {
    case created
    case updated([FieldChange])
    case unchanged
    case deleted
    case failed(String)
    /// Not attempted because something it depends on failed.
    case skipped(because: ResourceID)
    /// Interrupted: what was already running continues on Google's side.
    case interrupted(wasRunning: Bool)

    public var succeeded: Bool {
        switch self {
        case .created, .updated, .unchanged, .deleted: true
        case .failed, .skipped, .interrupted: false
        }
    }

    public var label: String {
        switch self {
        case .created: "created"
        case .updated: "updated"
        case .unchanged: "unchanged"
        case .deleted: "deleted"
        case .failed: "failed"
        case .skipped: "skipped"
        case .interrupted: "interrupted"
        }
    }
}
