import Foundation
import GoogleCloud

/// An uptime check of one public service's health path over HTTPS, from Google's checker
/// locations: on the service's run.app host, or on the edge's domain when the environment
/// has one. Google names it with an id of its own; gcpctl finds it by display name.
public struct UptimeCheck: KindResource {
    public let check: Environment.Monitoring.UptimeCheck
    public let labels: [String: String]
    public let region: String

    public init(_ check: Environment.Monitoring.UptimeCheck, environment: Environment) {
        self.check = check
        labels = environment.monitoring?.labels ?? environment.labels
        region = environment.region
    }

    public var identity: ResourceIdentity { ResourceIdentity(.uptimeCheck, check.name) }

    public var dependencies: [ResourceID] { [] }

    public struct State: Sendable, OwnershipEvident {
        public var config: MonitoringAPI.UptimeCheckConfig
        /// The project's number, which run.app hosts are written with; nil when only judging whose it is.
        public var projectNumber: String?
        /// Other checks of the environment with this name: the old one of a move that was
        /// interrupted. Setup moves their policies to `config` and deletes them.
        public var copies: [MonitoringAPI.UptimeCheckConfig] = []
        public var ownershipEvidence: Ownership.Evidence { config.ownershipEvidence }
    }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> State? {
        guard let config = MonitoringLookup.pick(try await matches(identity, in: context), in: context.environment) else { return nil }
        return State(config: config, projectNumber: nil)
    }

    /// The run.app host needs the project number: read it beside the check. Of several
    /// checks of this name, the one on the declared host is the check; the rest are copies.
    public func observe(in context: ResourceContext) async throws -> State? {
        async let number = check.host == .runApp ? context.projectNumber() : nil
        let candidates = MonitoringLookup.candidates(try await Self.matches(identity, in: context), in: context.environment)
        guard let first = candidates.first else {
            _ = try? await number
            return nil
        }
        let projectNumber = try await number
        let chosen = candidates.first { Self.host(of: $0) == host(projectNumber: projectNumber) } ?? first
        return State(config: chosen, projectNumber: projectNumber, copies: candidates.filter { $0.name != chosen.name })
    }

    static func host(of config: MonitoringAPI.UptimeCheckConfig) -> String {
        config.monitoredResource?.type == "uptime_url" ? config.monitoredResource?.labels?["host"] ?? "" : ""
    }

    static func matches(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> [MonitoringAPI.UptimeCheckConfig] {
        try await context.monitoring.uptimeChecks(project: context.project).filter { $0.displayName == identity.name }
    }

    /// `GET https on port 443, certificate validated`.
    static func protocolText(_ http: MonitoringAPI.HTTPCheck?) -> String {
        "\(http?.requestMethod ?? "GET") \(http?.useSsl == true ? "https" : "http") on port \(http?.port ?? 0)"
            + (http?.validateSsl == true ? ", certificate validated" : "")
    }

    func host(projectNumber: String?) -> String {
        switch check.host {
        case .domain(let domain): domain
        case .runApp: URL(string: ServiceURLs(projectNumber: projectNumber ?? "?", region: region).url(of: check.service))?.host ?? "?"
        }
    }

    func desired(projectNumber: String?, project: String) -> MonitoringAPI.UptimeCheckConfig {
        MonitoringAPI.UptimeCheckConfig(
            displayName: check.name, monitoredResource: .uptimeURL(host: host(projectNumber: projectNumber), project: project),
            httpCheck: MonitoringAPI.HTTPCheck(path: check.path), period: "\(check.periodSeconds)s", timeout: "\(check.timeoutSeconds)s",
            userLabels: labels)
    }

    public func differences(from state: State) -> [FieldChange] {
        let observed = state.config
        var changes = FieldChanges()
        changes.compare("host", observed: Self.host(of: observed), desired: host(projectNumber: state.projectNumber))
        if !state.copies.isEmpty { changes.append(FieldChange("copies", old: "\(state.copies.count)", new: "0")) }
        let http = observed.httpCheck
        changes.compare("path", observed: http?.path ?? "/", desired: check.path)
        changes.compare("protocol", observed: Self.protocolText(http), desired: Self.protocolText(MonitoringAPI.HTTPCheck(path: check.path)))
        changes.compare("period", observed: observed.period.flatMap(LogQuery.duration) ?? 60, desired: check.periodSeconds, show: { "\($0)s" })
        changes.compare("timeout", observed: observed.timeout.flatMap(LogQuery.duration) ?? 0, desired: check.timeoutSeconds, show: { "\($0)s" })
        changes.compare("disabled", observed: observed.disabled ?? false, desired: false)
        changes.compareLabels("userLabels", observed: observed.userLabels, desired: labels)
        return changes.all
    }

    /// Google gives the check its id, so a create repeated after a lost answer would make a
    /// second one: look for the first before trying again.
    public func create(in context: ResourceContext) async throws {
        let number = check.host == .runApp ? try await context.projectNumber() : nil
        _ = try await UncertainCreate(following: context.cloud.retryPolicy).run(existing: { try await Self.observe(identity, in: context) }) {
            State(config: try await context.monitoring.createUptimeCheck(project: context.project, desired(projectNumber: number, project: context.project)))
        }
        await noteService(in: context)
    }

    public func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws {
        var current = state.config
        var replaced = state.copies
        if changes.contains(where: { $0.field == "host" }) {
            // Google cannot move a check: make the new one, move the policies to it, then let
            // the old one go, so the service is never unwatched.
            replaced.append(current)
            current = try await createMoved(projectNumber: state.projectNumber, in: context)
            await noteService(in: context)
        }
        for old in replaced {
            try await AlertPolicy.repoint(uptimeCheck: old.id, to: current.id, in: context)
            if let name = old.name { try await context.monitoring.deleteUptimeCheck(name: name) }
        }
        var mask = Set<String>()
        for change in changes {
            switch change.field {
            case "path", "protocol": mask.insert("httpCheck")
            case "period", "timeout", "disabled": mask.insert(change.field)
            case let field where field.hasPrefix("userLabels"): mask.insert("userLabels")
            default: break
            }
        }
        guard !mask.isEmpty, current.name == state.config.name, let name = current.name else { return }
        var body = desired(projectNumber: state.projectNumber, project: context.project)
        body.disabled = false
        _ = try await context.monitoring.patchUptimeCheck(name: name, body, updateMask: mask.sorted())
    }

    /// The check on the declared host, made once: after a lost answer, the one already made.
    private func createMoved(projectNumber: String?, in context: ResourceContext) async throws -> MonitoringAPI.UptimeCheckConfig {
        let wanted = host(projectNumber: projectNumber)
        return try await UncertainCreate(following: context.cloud.retryPolicy).run(existing: {
            try await Self.matches(identity, in: context).first { Self.host(of: $0) == wanted }
        }) {
            try await context.monitoring.createUptimeCheck(project: context.project, desired(projectNumber: projectNumber, project: context.project))
        }
    }

    /// A check of a service that is not there fails, and its policy alerts, until deploy.
    private func noteService(in context: ResourceContext) async {
        await context.noteIfNotDeployed(check.service, "the check fails, and its alert policy fires,")
    }

    /// Google refuses while an alert policy names the check: cleanup deletes policies first.
    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        for config in MonitoringLookup.deletable(try await matches(identity, in: context), in: context.environment) {
            if let name = config.name { try await context.monitoring.deleteUptimeCheck(name: name) }
        }
    }
}

extension ResourceKind {
    public static let uptimeCheck: ResourceKind = ResourceKind(
        id: "uptime-check", title: "uptime check", plural: "uptime checks", commandNames: ["uptime"],
        service: "monitoring.googleapis.com", priceKeys: [.uptimeCheckExecutions], section: .monitoring,
        teardown: Teardown(after: ["alert-policy"]),
        nameProblem: NamingRules.monitoringDisplayNameProblem,
        identify: { name, _ in ResourceIdentity(.uptimeCheck, name) },
        list: { context, _ in
            KindListing(try await FoundResource.judging(context.monitoring.uptimeChecks(project: context.project), in: context, detailed: { config in
                (ResourceIdentity(.uptimeCheck, config.displayName ?? config.id), nil, ["https://\(UptimeCheck.host(of: config))\(config.httpCheck?.path ?? "/")"])
            }))
        }, setupPart: .monitoring,
        declared: { environment, _ in (environment.monitoring?.uptimeChecks ?? []).map { UptimeCheck($0, environment: environment) } })
        .deleted(by: UptimeCheck.self)
        .priced { estimator in try estimator.uptimeChecks() }
}
