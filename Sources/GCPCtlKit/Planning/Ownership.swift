import GoogleCloud

/// Whose a resource is. The one rule every command applies (plan, setup, status, list,
/// delete, delete-service, cleanup):
///
/// - Kinds that take labels are gcpctl's when labelled `managed-by=gcpctl`, and the
///   environment's when also `gcpctl-env=<its short name>`.
/// - Service accounts take no labels: an account is gcpctl's when its description is the
///   one setup writes; the environment's when it is also an account the environment names
///   (the runtime or the build account).
///   Google's own accounts (not `…@PROJECT.iam.gserviceaccount.com`) are Google's.
/// - A bucket held by another project (bucket names are global) is that project's, whatever
///   its labels: reported, and never updated or deleted, `--force` included.
/// - Anything else is not gcpctl's: cleanup offers it only with `--include-unmanaged`,
///   and delete removes it only with `--force`.
public enum Ownership: Sendable, Equatable {
    /// gcpctl's, for this environment: offered by default.
    case environment
    /// gcpctl's, for another environment (or none named): offered with --include-unmanaged.
    case otherEnvironment(String?)
    /// Not made by gcpctl: offered with --include-unmanaged.
    case unmanaged
    /// Made by Google for the project (default service accounts): never offered.
    case google
    /// Held by another project: never changed, never deleted.
    case otherProject(number: String)

    /// How the description setup writes on what takes no labels starts: `Managed by gcpctl
    /// for <short name>` on Compute resources and jobs.
    public static let describedMarker = "Managed by gcpctl"
    /// What setup writes as the description of an account it creates (accounts take no
    /// labels): the marker alone, since the account's email says whose it is.
    public static let serviceAccountDescription = describedMarker

    /// What an observed resource shows about who made it.
    public enum Evidence: Sendable, Equatable {
        case labels([String: String]?)
        /// A bucket: its labels, and the number of the project that holds it.
        case bucket(labels: [String: String]?, projectNumber: String?)
        case serviceAccount(email: String, description: String?)
        /// Kinds without labels (Compute networks, subnets, NEGs, backend services, URL maps,
        /// proxies, certificates; a connector or a private connection, by their network's;
        /// Cloud Scheduler jobs): the description setup writes, `Managed by gcpctl for <short
        /// name>` (`Ownership.description(for:)`).
        case described(String?)

        /// The labels, for kinds that take them.
        var labels: [String: String]? {
            switch self {
            case .labels(let labels), .bucket(let labels, _): labels
            case .serviceAccount, .described: nil
            }
        }

        /// A bucket's holder is a fact only a second number tells apart.
        var needsProjectNumber: Bool {
            if case .bucket(_, let holder?) = self { return !holder.isEmpty }
            return false
        }

        /// What a resource lacks that would show it is gcpctl's: `has no managed-by=gcpctl label`.
        var mark: String {
            switch self {
            case .labels, .bucket: "has no managed-by=gcpctl label"
            case .serviceAccount: "does not have the description '\(Ownership.serviceAccountDescription)' that setup gives its accounts"
            case .described: "does not have a description starting '\(Ownership.describedMarker)', which setup gives what it makes"
            }
        }
    }

    /// The rule. `projectNumber` is the environment's project's; a bucket needs it.
    public static func of(_ evidence: Evidence, in environment: Environment, projectNumber: String?) -> Ownership {
        switch evidence {
        case .labels(let labels):
            return ofLabels(labels, environment: environment)
        case .bucket(let labels, let holder):
            if let holder, let projectNumber, !holder.isEmpty, holder != projectNumber { return .otherProject(number: holder) }
            return ofLabels(labels, environment: environment)
        case .serviceAccount(let email, let description):
            guard email.hasSuffix("@\(environment.project).iam.gserviceaccount.com") else { return .google }
            guard description == serviceAccountDescription else { return .unmanaged }
            // The runtime and the build account are both the environment's.
            return [environment.serviceAccount.email, environment.buildServiceAccount.email].contains(email) ? .environment : .otherEnvironment(nil)
        case .described(let description):
            guard let description, description.hasPrefix(describedMarker) else { return .unmanaged }
            let owner = description.hasPrefix(describedMarker + " for ") ? String(description.dropFirst(describedMarker.count + 5)) : nil
            return owner == environment.shortName ? .environment : .otherEnvironment(owner)
        }
    }

    /// What setup writes as the description of a resource that takes no labels: how cleanup,
    /// list and delete know it as gcpctl's, and whose.
    public static func description(for environment: Environment) -> String { description(forShortName: environment.shortName) }

    public static func description(forShortName shortName: String) -> String { "\(describedMarker) for \(shortName)" }

    /// The rule for what `state` shows, asking the project's number only when it matters.
    public static func of(_ state: some OwnershipEvident, in context: ResourceContext) async throws -> Ownership {
        let evidence = state.ownershipEvidence
        let number = evidence.needsProjectNumber ? try await context.projectNumber() : nil
        return of(evidence, in: context.environment, projectNumber: number)
    }

    private static func ofLabels(_ labels: [String: String]?, environment: Environment) -> Ownership {
        guard labels?[Environment.managedByLabel.key] == Environment.managedByLabel.value else { return .unmanaged }
        let owner = labels?[Environment.environmentLabelKey]
        return owner == environment.shortName ? .environment : .otherEnvironment(owner)
    }

    /// gcpctl made it, for this environment or another.
    public var isGcpctls: Bool {
        switch self {
        case .environment, .otherEnvironment: true
        case .unmanaged, .google, .otherProject: false
        }
    }

    public func isOffered(includeUnmanaged: Bool) -> Bool {
        switch self {
        case .environment: true
        case .otherEnvironment, .unmanaged: includeUnmanaged
        case .google, .otherProject: false
        }
    }

    /// For tables and the JSON document: `gcpctl (dev)`, `gcpctl (prod)`, `no`, `Google`,
    /// `project 123456789012`.
    public func label(environment: String) -> String {
        switch self {
        case .environment: "gcpctl (\(environment))"
        case .otherEnvironment(let owner?): "gcpctl (\(owner))"
        case .otherEnvironment(nil): "gcpctl (other environment)"
        case .unmanaged: "no"
        case .google: "Google"
        case .otherProject(let number): "project \(number)"
        }
    }

    /// Whether `gcpctl delete` may go on: the environment's own, or with `--force` what is
    /// not; never what another project holds.
    func checkDeletable(_ what: String, evidence: Evidence, force: Bool) throws(DayTwoError) {
        switch self {
        case .environment:
            return
        case .otherProject(let number):
            throw .heldByAnotherProject(what: what, number: number)
        case .otherEnvironment(let owner) where !force:
            throw .otherEnvironment(what: what, owner: owner)
        case .unmanaged where !force, .google where !force:
            throw .notManaged(what: what, mark: evidence.mark)
        case .otherEnvironment, .unmanaged, .google:
            return
        }
    }
}

/// An observed state that shows whose it is.
public protocol OwnershipEvident: Sendable {
    var ownershipEvidence: Ownership.Evidence { get }
}

extension StorageAPI.Bucket: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .bucket(labels: labels, projectNumber: projectNumber) }
}

extension IAMAPI.ServiceAccount: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .serviceAccount(email: email ?? "", description: description) }
}

extension ManagedSecret.State: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(labels) }
}

extension SecretManagerAPI.Secret: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(labels) }
}

extension CloudRunAPI.Service: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(labels) }
}

extension SQLAdminAPI.Instance: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(settings?.userLabels) }
}

extension ArtifactRegistryAPI.Repository: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(labels) }
}

extension ContainerAPI.Cluster: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(resourceLabels) }
}
