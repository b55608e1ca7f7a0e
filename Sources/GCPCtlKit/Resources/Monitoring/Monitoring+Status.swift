import GoogleCloud

extension NotificationChannel: StatusDescribing {
    func statusDetails(of state: MonitoringAPI.NotificationChannel, extra: Void?) -> [StatusDetail] {
        [StatusDetail("type", column: "WHAT", state.type)]
    }

    /// A disabled channel sends nothing: the policies alert no one.
    func health(of state: MonitoringAPI.NotificationChannel, extra: Void?, environment: Environment) -> StatusFinding? {
        guard state.enabled == false else { return nil }
        return StatusFinding(state: .unhealthy, reason: "is disabled: alerts reach no one", fix: StatusFix.setup(environment))
    }
}

extension UptimeCheck: StatusDescribing {
    /// What the check saw last at each checker location (time series), read after finding
    /// its id in the list `observe` reads (sent once). Whether its service is deployed is
    /// part of the observed state.
    func observeExtra(in context: ResourceContext) async throws -> [MonitoringAPI.UptimeCheckResult] {
        guard let found = try await Self.observe(identity, in: context) else { return [] }
        return try await context.monitoring.uptimeCheckResults(project: context.project, checkID: found.config.id,
                                                               window: .seconds(max(900, 3 * check.periodSeconds)))
    }

    var readsInSequence: Int { 2 }

    func statusDetails(of state: State, extra: [MonitoringAPI.UptimeCheckResult]?) -> [StatusDetail] {
        let target = "https://\(Self.host(of: state.config))\(state.config.httpCheck?.path ?? "/")"
        return [
            StatusDetail("target", column: "WHAT", target),
            StatusDetail("result", column: "RESULT", state.config.disabled != true ? extra.map(Self.resultText) ?? "could not be read"
                : state.serviceDeployed == false ? "disabled until \(check.service) is deployed" : "disabled"),
        ]
    }

    /// `passing from all 6 locations`, `failing from usa-iowa, eur-belgium (4 of 6 pass)`.
    static func resultText(_ results: [MonitoringAPI.UptimeCheckResult]) -> String {
        guard !results.isEmpty else { return "no results yet" }
        let failing = results.filter { !$0.passed }.map(\.location)
        if failing.isEmpty { return "passing from all \(results.count) locations" }
        if failing.count == results.count { return "failing from all \(results.count) locations" }
        return "failing from \(failing.joined(separator: ", ")) (\(results.count - failing.count) of \(results.count) pass)"
    }

    /// Failing from more than one location is what its alert policy fires on.
    func health(of state: State, extra: [MonitoringAPI.UptimeCheckResult]?, environment: Environment) -> StatusFinding? {
        guard let results = extra else { return nil }
        let failing = results.filter { !$0.passed }
        guard failing.count > 1 else { return nil }
        guard state.serviceDeployed != false else {
            return StatusFinding(state: .notDeployed, reason: "fails: \(check.service) is not deployed",
                                 fix: StatusFix.deploy(environment, service: check.service))
        }
        return StatusFinding(state: .unhealthy,
                             reason: "\(check.service)'s \(check.path) fails from \(failing.count) of \(results.count) locations",
                             fix: StatusFix.command("gcpctl logs \(check.service) --env=\(environment.shortName)"))
    }
}

extension AlertPolicy: StatusDescribing {
    func statusDetails(of state: State, extra: Void?) -> [StatusDetail] {
        let channels = state.policy.notificationChannels ?? []
        let condition = state.policy.conditions?.compactMap(\.displayName).joined(separator: "; ") ?? "?"
        let notifies = channels.isEmpty ? "no one" : email ?? "\(channels.count) channels"
        return [
            StatusDetail("condition", column: "WHAT", .string(condition), text: "\(condition) → \(notifies)"),
            StatusDetail("notifies", column: "", notifies),
        ]
    }
}
