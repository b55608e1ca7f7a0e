import Foundation
import GoogleCloud

/// An uptime check of one public service's health path over HTTPS, from Google's checker
/// locations: on the service's run.app host, or on the edge's domain when the environment
/// has one. Google names it with an id of its own; gcpctl finds it by display name.
///
/// A check of a service that is not deployed yet would fail, and its policy alert, from the
/// moment setup makes it: it is made disabled, and the deploy that first serves the service
/// enables it (`enableAfterDeploy`).
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
        /// Whether the service is deployed, read beside the check; nil when not read.
        public var serviceDeployed: Bool?
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
        async let deployed = context.isDeployed(check.service)
        let candidates = MonitoringLookup.candidates(try await Self.matches(identity, in: context), in: context.environment)
        guard let first = candidates.first else {
            _ = try? await (number, deployed)
            return nil
        }
        let projectNumber = try await number
        let chosen = candidates.first { Self.host(of: $0) == host(projectNumber: projectNumber) } ?? first
        return State(config: chosen, projectNumber: projectNumber, copies: candidates.filter { $0.name != chosen.name },
                     serviceDeployed: try await deployed)
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
        // Disabled while its service is not deployed; deploy enables it.
        changes.compare("disabled", observed: observed.disabled ?? false, desired: state.serviceDeployed == false)
        changes.compareLabels("userLabels", observed: observed.userLabels, desired: labels)
        return changes.all
    }

    /// Google gives the check its id, so a create repeated after a lost answer would make a
    /// second one: look for the first before trying again.
    public func create(in context: ResourceContext) async throws {
        async let deployed = context.isDeployed(check.service)
        let number = check.host == .runApp ? try await context.projectNumber() : nil
        var body = desired(projectNumber: number, project: context.project)
        body.disabled = try await !deployed
        _ = try await UncertainCreate(following: context.cloud.retryPolicy).run(existing: { try await Self.observe(identity, in: context) }) {
            State(config: try await context.monitoring.createUptimeCheck(project: context.project, body))
        }
        if body.disabled == true { noteDisabled(in: context) }
    }

    public func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws {
        var current = state.config
        var replaced = state.copies
        if changes.contains(where: { $0.field == "host" }) {
            // Google cannot move a check: make the new one, move the policies to it, then let
            // the old one go, so the service is never unwatched.
            replaced.append(current)
            current = try await createMoved(projectNumber: state.projectNumber, disabled: state.serviceDeployed == false, in: context)
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
        body.disabled = state.serviceDeployed == false
        _ = try await context.monitoring.patchUptimeCheck(name: name, body, updateMask: mask.sorted())
        if body.disabled == true && mask.contains("disabled") { noteDisabled(in: context) }
    }

    /// The check on the declared host, made once: after a lost answer, the one already made.
    private func createMoved(projectNumber: String?, disabled: Bool, in context: ResourceContext) async throws -> MonitoringAPI.UptimeCheckConfig {
        let wanted = host(projectNumber: projectNumber)
        var body = desired(projectNumber: projectNumber, project: context.project)
        body.disabled = disabled
        return try await UncertainCreate(following: context.cloud.retryPolicy).run(existing: {
            try await Self.matches(identity, in: context).first { Self.host(of: $0) == wanted }
        }) {
            try await context.monitoring.createUptimeCheck(project: context.project, body)
        }
    }

    private func noteDisabled(in context: ResourceContext) {
        context.note("\(check.service) is not deployed yet: the check stays disabled until `gcpctl deploy` deploys it")
    }

    /// After a deploy served `service`: its check, if the environment declares one and setup
    /// made it disabled, starts checking. Returns the check's name when it was enabled.
    static func enableAfterDeploy(service: String, in context: ResourceContext) async throws -> String? {
        guard let declared = context.environment.monitoring?.uptimeChecks.first(where: { $0.service == service }),
            let found = try await observe(ResourceIdentity(.uptimeCheck, declared.name), in: context),
            found.config.disabled == true, let name = found.config.name
        else { return nil }
        var body = found.config
        body.disabled = false
        _ = try await context.monitoring.patchUptimeCheck(name: name, body, updateMask: ["disabled"])
        return declared.name
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
