import Foundation
import GoogleCloud

/// One alert policy with one condition: an uptime check failing, a service's share of 5xx
/// answers, or Cloud SQL's CPU or disk. It sends to the environment's email channel. Google
/// names it with an id of its own; gcpctl finds it by display name.
public struct AlertPolicy: KindResource {
    public let policy: Environment.Monitoring.AlertPolicy
    /// The channel's address, when the environment declares one.
    public let email: String?
    public let labels: [String: String]
    public let project: String
    public let shortName: String

    public init(_ policy: Environment.Monitoring.AlertPolicy, environment: Environment) {
        self.policy = policy
        email = environment.monitoring?.email
        labels = environment.monitoring?.labels ?? environment.labels
        project = environment.project
        shortName = environment.shortName
    }

    public var identity: ResourceIdentity { ResourceIdentity(.alertPolicy, policy.name) }

    public var dependencies: [ResourceID] {
        var ids = email.map { [ResourceID(.notificationChannel, $0)] } ?? []
        if case .uptime(let check, _) = policy.condition { ids.append(ResourceID(.uptimeCheck, check)) }
        return ids
    }

    public struct State: Sendable, OwnershipEvident {
        public var policy: MonitoringAPI.AlertPolicy
        /// What the policy should name, read beside it; nil when only judging whose it is.
        public var references: References?
        public var ownershipEvidence: Ownership.Evidence { policy.ownershipEvidence }
    }

    /// Google's names for the channel and the check, found by address and display name.
    public struct References: Sendable, Equatable {
        /// `projects/P/notificationChannels/ID`; nil: not made yet.
        public var channel: String?
        /// The uptime check's id; nil: not made yet.
        public var checkID: String?
    }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> State? {
        guard let found = MonitoringLookup.pick(try await matches(identity, in: context), in: context.environment) else { return nil }
        return State(policy: found, references: nil)
    }

    /// The policy, with what it should name read at the same time.
    public func observe(in context: ResourceContext) async throws -> State? {
        async let references = references(in: context)
        guard var state = try await Self.observe(identity, in: context) else {
            _ = try? await references
            return nil
        }
        state.references = try await references
        return state
    }

    static func matches(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> [MonitoringAPI.AlertPolicy] {
        try await context.monitoring.alertPolicies(project: context.project).filter { $0.displayName == identity.name }
    }

    func references(in context: ResourceContext) async throws -> References {
        async let channel = channelName(in: context)
        var checkID: String?
        if case .uptime(let check, _) = policy.condition {
            checkID = try await UptimeCheck.observe(ResourceIdentity(.uptimeCheck, check), in: context)?.config.id
        }
        return References(channel: try await channel, checkID: checkID)
    }

    private func channelName(in context: ResourceContext) async throws -> String? {
        guard let email else { return nil }
        return try await NotificationChannel.observe(ResourceIdentity(.notificationChannel, email), in: context)?.name
    }

    public func differences(from state: State) -> [FieldChange] {
        let observed = state.policy
        let desired = desired(state.references ?? References())
        var changes = FieldChanges()
        let observedConditions = (observed.conditions ?? []).map(Self.unnamed)
        changes.compare("condition", observed: observedConditions, desired: desired.conditions ?? [],
                        show: { $0.map(Self.summary).joined(separator: "; ") })
        changes.compare("notificationChannels", observed: (observed.notificationChannels ?? []).sorted(), desired: desired.notificationChannels ?? [],
                        show: { $0.isEmpty ? "none" : $0.joined(separator: ", ") })
        changes.compare("enabled", observed: observed.enabled ?? true, desired: true)
        changes.compare("combiner", observed: observed.combiner ?? "", desired: desired.combiner ?? "")
        changes.compare("severity", observed: observed.severity ?? "", desired: desired.severity ?? "")
        changes.compare("autoClose", observed: observed.alertStrategy?.autoClose ?? "", desired: desired.alertStrategy?.autoClose ?? "")
        changes.compare("documentation", observed: observed.documentation?.content ?? "", desired: desired.documentation?.content ?? "")
        changes.compareLabels("userLabels", observed: observed.userLabels, desired: labels)
        return changes.all
    }

    /// Conditions compare without the names Google gives them.
    static func unnamed(_ condition: MonitoringAPI.Condition) -> MonitoringAPI.Condition {
        var condition = condition
        condition.name = nil
        return condition
    }

    /// `api-gateway 5xx above 1%: … > 0.01 for 300s`.
    static func summary(_ condition: MonitoringAPI.Condition) -> String {
        guard let threshold = condition.conditionThreshold else { return condition.displayName ?? "?" }
        return "\(condition.displayName ?? "?"): \(threshold.filter ?? "") \(threshold.comparison ?? "") \(threshold.thresholdValue ?? 0)"
            + " for \(threshold.duration ?? "0s")"
    }

    public func create(in context: ResourceContext) async throws {
        let body = desired(try await freshReferences(in: context))
        _ = try await UncertainCreate(following: context.cloud.retryPolicy).run(existing: { try await Self.observe(identity, in: context) }) {
            State(policy: try await context.monitoring.createAlertPolicy(project: context.project, body))
        }
    }

    public func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws {
        guard let name = state.policy.name else { return }
        var body = desired(try await freshReferences(in: context))
        // Conditions keep their names, so Google keeps their incidents.
        if var conditions = body.conditions, let observed = state.policy.conditions, conditions.count == observed.count {
            for index in conditions.indices { conditions[index].name = observed[index].name }
            body.conditions = conditions
        }
        var mask = Set<String>()
        for change in changes {
            switch change.field {
            case "condition": mask.insert("conditions")
            case "autoClose": mask.insert("alertStrategy")
            case let field where field.hasPrefix("userLabels"): mask.insert("userLabels")
            default: mask.insert(change.field)
            }
        }
        _ = try await context.monitoring.patchAlertPolicy(name: name, body, updateMask: mask.sorted())
    }

    /// What the policy must name, read now: the channel and check it depends on were made
    /// after the plan read them. One that is still missing cannot be named.
    private func freshReferences(in context: ResourceContext) async throws -> References {
        let references = try await references(in: context)
        if let email, references.channel == nil {
            throw MonitoringReferenceError(policy: policy.name, missing: "the notification channel for \(email)")
        }
        if case .uptime(let check, _) = policy.condition, references.checkID == nil {
            throw MonitoringReferenceError(policy: policy.name, missing: "the uptime check \(check)")
        }
        return references
    }

    /// Points every policy of the project whose conditions name the uptime check `old` at
    /// `new` instead, whoever made it: a moved check keeps its alerts.
    static func repoint(uptimeCheck old: String, to new: String, in context: ResourceContext) async throws {
        guard !old.isEmpty, old != new else { return }
        for var found in try await context.monitoring.alertPolicies(project: context.project) {
            guard let name = found.name, var conditions = found.conditions else { continue }
            var changed = false
            for index in conditions.indices {
                guard var threshold = conditions[index].conditionThreshold, let filter = threshold.filter,
                    filter.filter({ !$0.isWhitespace }).contains(#"check_id="\#(old)""#)
                else { continue }
                threshold.filter = filter.replacingOccurrences(of: #""\#(old)""#, with: #""\#(new)""#)
                conditions[index].conditionThreshold = threshold
                changed = true
            }
            guard changed else { continue }
            found.conditions = conditions
            _ = try await context.monitoring.patchAlertPolicy(name: name, found, updateMask: ["conditions"])
        }
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        for found in MonitoringLookup.deletable(try await matches(identity, in: context), in: context.environment) {
            if let name = found.name { try await context.monitoring.deleteAlertPolicy(name: name) }
        }
    }
}

/// A policy's channel or check was not found when the policy was to be written.
struct MonitoringReferenceError: Error, CustomStringConvertible {
    var policy: String
    var missing: String

    var description: String {
        "alert policy \(policy) cannot be written: \(missing) was not found (Monitoring may not list it yet); run setup again"
    }
}

extension ResourceKind {
    public static let alertPolicy: ResourceKind = ResourceKind(
        id: "alert-policy", title: "alert policy", plural: "alert policies", commandNames: ["alert"],
        service: "monitoring.googleapis.com", priceKeys: [.alertConditions], section: .monitoring,
        nameProblem: NamingRules.monitoringDisplayNameProblem,
        identify: { name, _ in ResourceIdentity(.alertPolicy, name) },
        list: { context, _ in
            KindListing(try await FoundResource.judging(context.monitoring.alertPolicies(project: context.project), in: context) {
                (ResourceIdentity(.alertPolicy, $0.displayName ?? $0.name ?? "?"), $0.creationTime)
            })
        }, setupPart: .monitoring,
        declared: { environment, _ in (environment.monitoring?.alertPolicies ?? []).map { AlertPolicy($0, environment: environment) } })
        .deleted(by: AlertPolicy.self)
        .priced { estimator in try estimator.alertPolicies() }
}
