/// One kind of resource gcpctl plans, observes, lists or deletes: its facts in one value.
///
/// Each kind is a `static let` declared beside the resource type that serves it
/// (`ResourceKind.bucket` in Resources/Storage/StorageBucket.swift); `ResourceKinds.all` lists them
/// in display order. A kind's `static let` must never read `ResourceKinds` or another kind's
/// `static let`: Swift initialises each lazily, and a cycle traps.
public struct ResourceKind: Sendable {
    /// `sql-instance`: the `kind` of plan, setup, status and cleanup JSON, and `ResourceID`'s kind.
    public let id: String
    /// `Cloud SQL instance`: names one resource in plans and messages.
    public let title: String
    /// `Cloud SQL instances`: heads lists and menus.
    public let plural: String
    /// What `gcpctl list --kind` and `gcpctl delete KIND` accept (`sql`); empty: not addressable.
    public let commandNames: [String]
    /// The API that has to be on to list or change this kind (`sqladmin.googleapis.com`).
    public let service: String
    /// The prices its cost lines use: the price book must price them, `--live` looks them up.
    public let priceKeys: [PriceKey]
    /// The status table its rows appear in.
    public let section: StatusSection
    /// How long creating one usually takes: the executor starts the longest first.
    public let typicalDuration: Duration
    /// How `gcpctl delete` asks about deleting one.
    public let teardown: Teardown
    /// Where its listing looks: the whole project, or the environment's region only.
    public let listingScope: ListingScope

    /// Why a name cannot be one of this kind (nil: it can), checked before any request so
    /// that no name reaches another resource's path. Every kind with command names has one.
    public let nameProblem: (@Sendable (String) -> String?)?
    /// What `gcpctl delete KIND NAME` deletes, where the environment puts this kind (its
    /// region, its repository location); the name has passed `nameProblem`.
    public let identify: (@Sendable (String, Environment) throws -> ResourceIdentity)?
    /// Everything of this kind in the project, each with whose it is (`gcpctl list`, cleanup).
    public let list: (@Sendable (ResourceContext, ListingDetail) async throws -> KindListing)?
    /// The kind whose listing finds this one (the Cloud Build staging bucket is found among
    /// the buckets): when that listing fails, this kind is not seen either.
    public let foundBy: String?
    /// The part of setup it belongs to (`setup --only sql`); nil: setup does not make it.
    public let setupPart: SetupKind?
    /// What the environment declares of this kind: what setup makes and status checks.
    public let declared: (@Sendable (Environment, SetupOptions) -> [any Resource])?

    /// Its resources' cost lines, from the environment and usage `CostEstimator` holds (nil: not priced).
    internal(set) var cost: (@Sendable (inout CostEstimator) throws -> [ResourceCost])?
    /// Deletes one by its identity alone (nil: gcpctl deletes none of this kind that way).
    public internal(set) var remove: (@Sendable (ResourceIdentity, ResourceContext) async throws -> Void)?
    /// Reads one by its identity and says whose it is, with what showed it; nil: it does not exist.
    public internal(set) var observeOwnership:
        (@Sendable (ResourceIdentity, ResourceContext) async throws -> (ownership: Ownership, evidence: Ownership.Evidence)?)?

    public init(id: String, title: String, plural: String, commandNames: [String] = [], service: String,
                priceKeys: [PriceKey] = [], section: StatusSection, typicalDuration: Duration = .seconds(5), teardown: Teardown = Teardown(),
                listingScope: ListingScope = .project,
                nameProblem: (@Sendable (String) -> String?)? = nil,
                identify: (@Sendable (String, Environment) throws -> ResourceIdentity)? = nil,
                list: (@Sendable (ResourceContext, ListingDetail) async throws -> KindListing)? = nil,
                foundBy: String? = nil, setupPart: SetupKind? = nil,
                declared: (@Sendable (Environment, SetupOptions) -> [any Resource])? = nil) {
        self.id = id
        self.title = title
        self.plural = plural
        self.commandNames = commandNames
        self.service = service
        self.priceKeys = priceKeys
        self.section = section
        self.typicalDuration = typicalDuration
        self.teardown = teardown
        self.listingScope = listingScope
        self.nameProblem = nameProblem
        self.identify = identify
        self.list = list
        self.foundBy = foundBy
        self.setupPart = setupPart
        self.declared = declared
    }

    /// `Cloud SQL instance digitwinlive-db-dev with every database and backup in it`: what
    /// `gcpctl delete` asks to delete.
    public func deletionDescription(_ identity: ResourceIdentity) -> String {
        var text = "\(identity.id)"
        if teardown.namesLocation, let location = identity.location { text += " in \(location)" }
        if let consequence = teardown.consequence { text += " \(consequence)" }
        return text
    }
}

/// Where a kind's listing looks. Cloud Run lists need a real region: only the environment's
/// is listed, and cleanup's heading says so.
public enum ListingScope: Sendable {
    case project
    case region
}

/// How deleting one resource of a kind is asked about.
public struct Teardown: Sendable {
    /// What goes with it: `and every object in it`.
    public var consequence: String?
    /// The question names where it is (`Cloud Run service api in us-central1`).
    public var namesLocation: Bool
    public var confirmation: Confirmation
    /// What cleanup's review says goes with it: `every object and version in it first`.
    public var reviewed: String?
    /// What cleanup's review says when it has companions: `its project roles first`.
    public var companionsReviewed: String?
    /// The kinds (by id) whose resources cleanup deletes before any of this kind: what
    /// uses it (a network goes after its subnets; the database after the services).
    /// Ids, not kinds: a kind's `static let` must not read another's.
    public var after: Set<String>

    public enum Confirmation: Sendable {
        case yesNo
        /// Losing it loses data that cannot be recreated: the name must be typed (or `--yes` given).
        case typeName
    }

    public init(consequence: String? = nil, namesLocation: Bool = false, confirmation: Confirmation = .yesNo,
                reviewed: String? = nil, companionsReviewed: String? = nil, after: Set<String> = []) {
        self.consequence = consequence
        self.namesLocation = namesLocation
        self.confirmation = confirmation
        self.reviewed = reviewed
        self.companionsReviewed = companionsReviewed
        self.after = after
    }
}

extension ResourceKind: Hashable, Comparable, CustomStringConvertible {
    public static func == (lhs: ResourceKind, rhs: ResourceKind) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// Registry order: plans, summaries and lists show kinds in this order.
    public static func < (lhs: ResourceKind, rhs: ResourceKind) -> Bool { lhs.order < rhs.order }

    var order: Int { ResourceKinds.order[id] ?? Int.max }

    public var description: String { id }
}

/// A kind is written as its id; reading an id that no kind has is an error.
extension ResourceKind: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let id = try container.decode(String.self)
        guard let kind = ResourceKinds.all.first(where: { $0.id == id }) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(id)' is not a kind of resource gcpctl knows")
        }
        self = kind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }
}
