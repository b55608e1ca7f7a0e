import GoogleCloud

/// What a deployed service's `/health` answered to one GET (deploy's health check, given
/// no time to retry: status reports, it does not wait).
enum HealthProbe: Sendable, Equatable {
    case healthy
    /// No 200: the status (nil: no answer) and the body's first line.
    case failing(status: Int?, firstLine: String)
    /// A service gcpctl could not check: a private one without an identity token (or one it
    /// refused), one behind an edge whose certificate is not provisioned yet; `reason` says why.
    case unverifiable(reason: String)
    /// The service has no URL yet.
    case noURL
}

/// What status reads of a service besides the service: its /health, and its IAM policy
/// (nil when it could not be read), which says whether `allUsers` may invoke it.
struct ServiceProbe: Sendable {
    var health: HealthProbe
    var policy: IAMPolicy?
}

extension CloudRunService: StatusDescribing {
    /// GETs the service's /health (`healthProbe`), and reads its IAM policy meanwhile.
    func observeExtra(in context: ResourceContext) async throws -> ServiceProbe {
        async let policy = context.cloudRun.iamPolicyIfExists(project: context.project, region: region, service: name)
        let health = try await healthProbe(in: context)
        return ServiceProbe(health: health, policy: try? await policy)
    }

    /// GETs the service's /health. When the .env file names its deterministic URL
    /// (`ServiceURLs.recorded`), the GET starts at once, beside the read of the service,
    /// so a health check costs no second round trip; the answer counts only if the service
    /// serves that URL (a stale .env file is probed again at the service's own URL).
    /// Without one, the service is read first (the same read `observe` makes, shared by the
    /// read-once transport) and its URL probed.
    private func healthProbe(in context: ResourceContext) async throws -> HealthProbe {
        if let edge = context.environment.edge, edge.services.contains(name) {
            // Behind the edge the internet reaches the service through the domain alone.
            async let entrance = EdgeEntrance.url(of: name, edge: edge, in: context)
            guard try await observe(in: context) != nil else { return .noURL }
            switch await entrance {
            case .success(let url): return try await probe(url, in: context)
            case .failure(let reason): return .unverifiable(reason: reason.description)
            }
        }
        guard let expected = ServiceURLs.recorded(in: context.environment)?.url(of: name) else {
            guard let url = try await observe(in: context).flatMap({ $0.deterministicURL ?? $0.uri }) else { return .noURL }
            return try await probe(url, in: context)
        }
        async let early = Result(awaiting: { try await probe(expected, in: context) })
        let state = try await observe(in: context)
        let answer = await early
        guard let state else { return .noURL }
        if state.uri == expected || state.urls?.contains(expected) == true { return try answer.get() }
        guard let url = state.deterministicURL ?? state.uri else { return .noURL }
        return try await probe(url, in: context)
    }

    /// One GET of `url`/health, as deploy's check makes it, with no time to retry.
    func probe(_ url: String, in context: ResourceContext) async throws -> HealthProbe {
        let isPublic = context.environment.service(named: name)?.isPublic ?? true
        do {
            switch try await HealthCheck(timeout: .zero).verify(service: name, url: url, isPublic: isPublic, in: context) {
            case .healthy: return .healthy
            case .unverifiable(let reason): return .unverifiable(reason: reason)
            }
        } catch let error as HealthCheckFailedError {
            return .failing(status: error.status, firstLine: error.firstLine)
        }
    }

    func statusDetails(of state: CloudRunAPI.Service, extra probe: ServiceProbe?) -> [StatusDetail] {
        let extra = probe?.health
        let revision = state.latestReadyRevision.map(CloudRunService.shortName)
        let traffic = (state.trafficStatuses ?? []).filter { ($0.percent ?? 0) > 0 }
        return [
            StatusDetail("url", column: "URL", state.deterministicURL ?? state.uri),
            // JSON only: Cloud Run's hash-based `uri`, which serves too.
            StatusDetail("uri", column: "", state.hashURL),
            StatusDetail("latestReadyRevision", column: "REVISION", revision),
            StatusDetail("traffic", column: "TRAFFIC", .array(traffic.map { target in
                .object(["revision": target.revision.map { .string(CloudRunService.shortName($0)) } ?? .null,
                         "latest": .bool(target.type == CloudRunAPI.TrafficTarget.latestType),
                         "percent": .number(Double(target.percent ?? 0)),
                         "tag": target.tag.map(JSONValue.string) ?? .null])
            }), text: traffic.map { target in
                let revision = target.type == CloudRunAPI.TrafficTarget.latestType ? "latest" : target.revision.map(CloudRunService.shortName)
                return "\(target.percent ?? 0)% \(revision ?? "?")" + (target.tag.map { " (\($0))" } ?? "")
            }.joined(separator: ", ")),
            StatusDetail("lastDeployed", column: "DEPLOYED", (state.updateTime ?? state.createTime).map(JSONValue.string) ?? .null,
                         text: (state.updateTime ?? state.createTime).map(CloudRunService.minutes) ?? "-"),
            StatusDetail("health", column: "HEALTH", extra.map(CloudRunService.healthValue) ?? .null,
                         text: extra.map(CloudRunService.healthText) ?? "-"),
            StatusDetail("access", column: "ACCESS", Self.access(state, probe: probe)?.description),
        ]
    }

    /// Who may invoke it, as far as status could read: nil when it is not public through
    /// invokerIamDisabled and its policy could not be read.
    static func access(_ state: CloudRunAPI.Service, probe: ServiceProbe?) -> InvokerAccess? {
        guard state.invokerIamDisabled == true || probe?.policy != nil else { return nil }
        return InvokerAccess.observed(state, policy: probe?.policy)
    }

    func health(of state: CloudRunAPI.Service, extra probe: ServiceProbe?, environment: Environment) -> StatusFinding? {
        if !state.isReady { return healthFinding(of: state, extra: probe?.health, environment: environment) }
        // Drift in either way of being public (the invoker check, the allUsers binding),
        // before /health, whose 403 it would explain.
        if let isPublic = environment.service(named: name)?.isPublic, let access = Self.access(state, probe: probe),
           access.isPublic != isPublic {
            let reason = isPublic
                ? "public: true, but Cloud Run requires IAM to invoke it (invokerIamDisabled is off and allUsers holds no roles/run.invoker)"
                : "public: false, but anyone may invoke it (\(access.description))"
            return StatusFinding(state: .drift, reason: reason, fix: StatusFix.deploy(environment, service: name))
        }
        return healthFinding(of: state, extra: probe?.health, environment: environment)
    }

    private func healthFinding(of state: CloudRunAPI.Service, extra: HealthProbe?, environment: Environment) -> StatusFinding? {
        if !state.isReady {
            let reason = state.terminalCondition?.message ?? state.terminalCondition?.state ?? "no reason given"
            return StatusFinding(state: .unhealthy,
                                 reason: "its latest revision \(state.latestCreatedRevision.map(CloudRunService.shortName) ?? "") is not ready: \(reason)",
                                 fix: StatusFix.deploy(environment, service: name))
        }
        if case .failing(let status, let line)? = extra {
            return StatusFinding(state: .unhealthy,
                                 reason: "GET \(state.uri ?? "")\(ServiceSpec.healthPath) " + (status.map { "answered \($0): \(line)" } ?? "did not answer (\(line))"),
                                 fix: nil)
        }
        return nil
    }

    /// The service, then its /health (one read when the .env file names the URL; counted
    /// as two either way, so services start among the first).
    var readsInSequence: Int { 2 }

    func missing(in environment: Environment) -> StatusFinding {
        StatusFinding(state: .notDeployed, reason: "not deployed yet", fix: StatusFix.deploy(environment, service: name))
    }

    /// Setup never touches a service: deploying it again puts it back as the file says.
    func driftFix(in environment: Environment) -> StatusFix {
        StatusFix.deploy(environment, service: name)
    }

    /// `api-gateway-00003-xyz` from `projects/P/locations/R/services/S/revisions/api-gateway-00003-xyz`.
    static func shortName(_ name: String) -> String {
        name.split(separator: "/").last.map(String.init) ?? name
    }

    /// `2026-11-24 14:49 UTC` from an RFC 3339 time.
    static func minutes(_ time: String) -> String {
        time.count >= 16 ? String(time.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC" : time
    }

    static func healthValue(_ probe: HealthProbe) -> JSONValue {
        switch probe {
        case .healthy: .object(["ok": .bool(true), "status": .number(200)])
        case .failing(let status, let line): .object(["ok": .bool(false), "status": status.map { .number(Double($0)) } ?? .null, "body": .string(line)])
        case .unverifiable(let reason): .object(["ok": .null, "status": .null, "body": .string("not checked: \(reason)")])
        case .noURL: .null
        }
    }

    static func healthText(_ probe: HealthProbe) -> String {
        switch probe {
        case .healthy: "200 OK"
        case .failing(let status?, _): "\(status)"
        case .failing(nil, _): "no answer"
        case .unverifiable: "not checked"
        case .noURL: "-"
        }
    }
}
