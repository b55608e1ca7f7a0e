/// Everything the emulator holds: projects and their resources, trusted credentials,
/// operations still running. One value behind one lock; handlers get it `inout`.
public struct EmulatorState: Sendable {
    public var projects: [String: ProjectState] = [:]
    public var credentials = CredentialState()
    /// Operations not yet done, as `project/operation-name` keys, so settling is cheap.
    var pendingOperations: Set<OperationKey> = []
    /// Targets whose operation already failed once under a fault rate: the retry succeeds.
    var failedOnceTargets: Set<String> = []
    /// Bumped by every change; the store saves the state file when it moved.
    public internal(set) var changeCount = 0
    /// Whether any well-formed project id may be created on first use.
    var createsProjectsOnDemand = true

    public init() {}

    public mutating func markChanged() { changeCount &+= 1 }

    // MARK: Projects

    /// The project id for an id or a project number, creating it when projects are made on
    /// demand; nil when it does not exist.
    public mutating func resolveProject(_ reference: String) -> String? {
        if projects[reference] != nil { return reference }
        if let match = projects.values.first(where: { $0.number == reference }) { return match.id }
        guard createsProjectsOnDemand, ProjectState.isWellFormedID(reference) else { return nil }
        projects[reference] = ProjectState(id: reference)
        markChanged()
        return reference
    }

    public mutating func addProject(_ id: String) {
        guard projects[id] == nil else { return }
        projects[id] = ProjectState(id: id)
        markChanged()
    }

    public func projectNumber(_ project: String) -> String {
        projects[project]?.number ?? ProjectState.projectNumber(for: project)
    }

    public func isServiceEnabled(_ service: String, in project: String) -> Bool {
        projects[project]?.enabledServices.contains(service) ?? false
    }

    public mutating func setService(_ service: String, enabled: Bool, in project: String) {
        guard projects[project] != nil else { return }
        if enabled {
            projects[project]?.enabledServices.insert(service)
        } else {
            projects[project]?.enabledServices.remove(service)
        }
        markChanged()
    }

    // MARK: Resources

    public func resource(_ project: String, _ collection: String, _ name: String) -> JSONValue? {
        projects[project]?.collections[collection]?[name]
    }

    public mutating func setResource(_ project: String, _ collection: String, _ name: String, _ value: JSONValue) {
        if projects[project] == nil { projects[project] = ProjectState(id: project) }
        projects[project]?.collections[collection, default: [:]][name] = value
        markChanged()
    }

    @discardableResult
    public mutating func removeResource(_ project: String, _ collection: String, _ name: String) -> JSONValue? {
        let removed = projects[project]?.collections[collection]?.removeValue(forKey: name)
        if removed != nil { markChanged() }
        return removed
    }

    /// The resources of a collection whose names start with `prefix`, sorted by name.
    public func resources(_ project: String, _ collection: String, prefix: String = "") -> [(name: String, value: JSONValue)] {
        (projects[project]?.collections[collection] ?? [:])
            .filter { $0.key.hasPrefix(prefix) }
            .sorted { $0.key < $1.key }
            .map { ($0.key, $0.value) }
    }

    /// A resource in any project (bucket names are global): its project and value.
    public func findResource(_ collection: String, _ name: String) -> (project: String, value: JSONValue)? {
        for (id, project) in projects.sorted(by: { $0.key < $1.key }) {
            if let value = project.collections[collection]?[name] { return (id, value) }
        }
        return nil
    }
}

struct OperationKey: Hashable, Sendable {
    var project: String
    var name: String
}

/// Keys and refresh tokens the token endpoint trusts, and tokens revoked.
public struct CredentialState: Sendable {
    /// PEM public keys by service account email.
    public var trustedKeys: [String: [String]] = [:]
    /// Accepted authorized_user grants by refresh token.
    public var refreshTokens: [String: RefreshTokenGrant] = [:]
    public var revokedTokens: Set<String> = []
    public var revokedRefreshTokens: Set<String> = []
    /// Permissions the caller lacks in `testIamPermissions` answers (`Emulator.denyPermissions`).
    public var deniedPermissions: Set<String> = []
    public var grantCount = 0
    /// Who each token the emulator issued speaks for; a token it did not issue speaks for
    /// the projects' owner (`TokenPrincipal.owner`).
    public var principals: [String: TokenPrincipal] = [:]

    /// The principal a bearer token speaks for.
    public func principal(of token: String) -> TokenPrincipal { principals[token] ?? .owner }

    public init() {}
}

public struct RefreshTokenGrant: Sendable, Equatable {
    public var clientID: String
    public var clientSecret: String

    public init(clientID: String, clientSecret: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }
}
