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
        public var ownershipEvidence: Ownership.Evidence { config.ownershipEvidence }
    }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> State? {
        guard let config = MonitoringLookup.pick(try await matches(identity, in: context), in: context.environment) else { return nil }
        return State(config: config, projectNumber: nil)
    }

    /// The run.app host needs the project number: read it beside the check.
    public func observe(in context: ResourceContext) async throws -> State? {
        async let number = check.host == .runApp ? context.projectNumber() : nil
        guard var state = try await Self.observe(identity, in: context) else {
            _ = try? await number
            return nil
        }
        state.projectNumber = try await number
        return state
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

    public func differences(from state: State) throws -> [FieldChange] {
        let observed = state.config
        let desiredHost = host(projectNumber: state.projectNumber)
        let observedHost = observed.monitoredResource?.labels?["host"] ?? ""
        if observedHost != desiredHost || observed.monitoredResource?.type != "uptime_url" {
            throw ImmutableFieldError(
                resource: id, changes: [FieldChange("host", old: observedHost, new: desiredHost)],
                advice: "Google cannot move an uptime check to another host. Delete its alert policy and the check "
                    + "(`gcpctl delete alert-policy \(check.service)-uptime-…` then `gcpctl delete uptime-check \(check.name)`), "
                    + "and run setup again to make both anew.")
        }
        var changes = FieldChanges()
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
        guard let name = state.config.name else { return }
        var mask = Set<String>()
        for change in changes {
            switch change.field {
            case "path", "protocol": mask.insert("httpCheck")
            case "period", "timeout", "disabled": mask.insert(change.field)
            default: if change.field.hasPrefix("userLabels") { mask.insert("userLabels") }
            }
        }
        guard !mask.isEmpty else { return }
        var body = desired(projectNumber: state.projectNumber, project: context.project)
        body.disabled = false
        _ = try await context.monitoring.patchUptimeCheck(name: name, body, updateMask: mask.sorted())
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
            let checks = try await context.monitoring.uptimeChecks(project: context.project)
            return KindListing(try await checks.asyncMap { config in
                FoundResource(ResourceIdentity(.uptimeCheck, config.displayName ?? config.id), labels: config.userLabels,
                              ownership: try await Ownership.of(config, in: context),
                              details: [config.monitoredResource?.labels?["host"].map { "https://\($0)\(config.httpCheck?.path ?? "/")" }].compactMap { $0 })
            })
        }, setupPart: .monitoring,
        declared: { environment, _ in (environment.monitoring?.uptimeChecks ?? []).map { UptimeCheck($0, environment: environment) } })
        .deleted(by: UptimeCheck.self)
        .priced { estimator in try estimator.uptimeChecks() }
}
