import GoogleCloud

/// Cloud Monitoring names channels, uptime checks and policies with ids of its own, so
/// gcpctl finds each by what it wrote: a check's or policy's display name, a channel's
/// address. Two environments in one project may each have one of the same name (a shared
/// on-call address): the labels tell them apart.
enum MonitoringLookup {
    /// The one of `matches` this environment should manage: its own, else one nobody claims
    /// (which setup adopts by labelling it); never another environment's.
    static func pick<Item: OwnershipEvident>(_ matches: [Item], in environment: Environment) -> Item? {
        candidates(matches, in: environment).first
    }

    /// Its own when it has any (several, when an interrupted run left a copy), else the
    /// first that nobody claims; never another environment's.
    static func candidates<Item: OwnershipEvident>(_ matches: [Item], in environment: Environment) -> [Item] {
        let judged = matches.map { ($0, Ownership.of($0.ownershipEvidence, in: environment, projectNumber: nil)) }
        let own = judged.filter { $0.1 == .environment }.map(\.0)
        return own.isEmpty ? judged.first { $0.1 == .unmanaged }.map { [$0.0] } ?? [] : own
    }

    /// What deleting by name removes: gcpctl's for this environment when there are any (an
    /// uncertain create may have left two), else every match (the user has agreed to delete
    /// what gcpctl did not make, or another environment's).
    static func deletable<Item: OwnershipEvident>(_ matches: [Item], in environment: Environment) -> [Item] {
        let own = matches.filter { Ownership.of($0.ownershipEvidence, in: environment, projectNumber: nil) == .environment }
        return own.isEmpty ? matches : own
    }
}

extension MonitoringAPI.NotificationChannel: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(userLabels) }
}

extension MonitoringAPI.UptimeCheckConfig: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(userLabels) }
}

extension MonitoringAPI.AlertPolicy: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(userLabels) }
}

extension ResourceContext {
    public var monitoring: MonitoringAPI { MonitoringAPI(cloud) }
}

extension StatusSection {
    /// The environment's channel, uptime checks and alert policies, and how many other
    /// policies the project has (`MonitoringStatus`).
    public static let monitoring = StatusSection(id: "monitoring", title: "Monitoring")
}

extension SetupKind {
    /// The notification channel, uptime checks and alert policies.
    public static let monitoring = SetupKind("monitoring", synonyms: ["alerts", "uptime"])
}
