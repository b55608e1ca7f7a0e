import Foundation

/// What each uptime check sees, as the metric `monitoring.googleapis.com/uptime_check/check_passed`
/// (a BOOL GAUGE per checker location, labels `check_id`, `checker_location`,
/// `checked_resource_id`; https://cloud.google.com/monitoring/api/metrics_gcp#gcp-monitoring).
/// A check passes where a test set it to (`/_emulator/uptime-checks`,
/// `Emulator.setUptimeCheckResult`), else where its host is a deployed Cloud Run service's
/// `run.app` host whose revision answers 2xx (`/_emulator/run-health`,
/// `--unhealthy-service`) and that lets the check in (public, or the check authenticates
/// as the Monitoring service agent), or where its host is a domain the load balancer serves
/// (`LoadBalancerProxy`) in front of such a service; any other host fails, as an
/// unreachable one does.
/// A check produces one point per location when it is created and every `period` after;
/// a disabled check none.
///
/// Settings are kept under `monitoring.uptimeCheckResults` by check name:
/// `{"LOCATION" or "*": passed}`.
enum UptimeCheckResults {
    static let collection = "monitoring.uptimeCheckResults"
    static let metricType = "monitoring.googleapis.com/uptime_check/check_passed"

    /// Sets (or, with `passed` nil, clears) what a check sees at `locations` (every one when empty).
    static func set(project: String, check: String, passed: Bool?, locations: [String], state: inout EmulatorState) throws(APIError) {
        let name = check.contains("/") ? check : "projects/\(project)/uptimeCheckConfigs/\(check)"
        guard state.resource(project, MonitoringUptimeChecksAPI.collection, name) != nil else {
            throw .notFound("No uptime check \(name).")
        }
        var settings = locations.isEmpty ? [:] : (state.resource(project, collection, name)?.objectValue ?? [:])
        for location in locations.isEmpty ? ["*"] : locations { settings[location] = passed.map(JSONValue.bool) }
        if settings.isEmpty {
            state.removeResource(project, collection, name)
        } else {
            state.setResource(project, collection, name, .object(settings))
        }
    }

    /// Whether `check` passes now at `location`.
    static func passes(_ check: JSONValue, at location: String, project: String, request: APIRequest, state: EmulatorState) -> Bool {
        let name = check["name"]?.stringValue ?? ""
        if let settings = state.resource(project, collection, name), let passed = (settings[location] ?? settings["*"])?.boolValue {
            return passed
        }
        guard let host = check["monitoredResource"]?["labels"]?["host"]?.stringValue?.lowercased() else { return false }
        // On its run.app host a check is one of Google's own callers, which every ingress
        // setting lets in; on any other host it arrives through the load balancer.
        let target: RunAppProxy.Target
        if host.hasSuffix(".run.app") {
            target = RunAppProxy.route(host: host, state: state)
        } else if case .service(let routed) = LoadBalancerProxy.route(host: host, path: check["httpCheck"]?["path"]?.stringValue ?? "/", state: state) {
            target = routed
        } else {
            return false
        }
        guard case .revision(let service, let revision, let access, _, _) = target,
            host.hasSuffix(".run.app") || access.admits(.loadBalancer)
        else { return false }
        guard access.isPublic || check["httpCheck"]?["serviceAgentAuthentication"] != nil else { return false }
        return (200..<300).contains(request.serviceHealth(service, revision))
    }

    /// Every check's series, one per checker location, with the points that fall in
    /// (`start`, `end`], newest first.
    static func series(project: String, start: Date, end: Date, request: APIRequest, state: EmulatorState) -> [JSONValue] {
        state.resources(project, MonitoringUptimeChecksAPI.collection).flatMap { name, check -> [JSONValue] in
            let id = String(name.split(separator: "/").last ?? "")
            let resource = check["monitoredResource"] ?? ["type": "uptime_url", "labels": ["project_id": .string(project)]]
            let times = pointTimes(check, start: start, end: min(end, request.now))
            return UptimeCheckRules.locations(check).map { location in
                let passed = passes(check, at: location, project: project, request: request, state: state)
                let checked = resource["labels"]?["host"] ?? resource["labels"]?["instance_id"] ?? .string(id)
                return [
                    "metric": ["type": .string(metricType), "labels": [
                        "check_id": .string(id), "checker_location": .string(location), "checked_resource_id": checked,
                    ]],
                    "resource": resource,
                    "metricKind": "GAUGE",
                    "valueType": "BOOL",
                    "points": .array(times.map { time in
                        ["interval": ["startTime": .string(RFC3339.format(time)), "endTime": .string(RFC3339.format(time))],
                         "value": ["boolValue": .bool(passed)]]
                    }),
                ]
            }
        }
    }

    /// The moments a check ran in (`start`, `end`], newest first: its creation, then every period.
    private static func pointTimes(_ check: JSONValue, start: Date, end: Date) -> [Date] {
        guard check["disabled"]?.boolValue != true, let created = check["@createdAt"]?.doubleValue,
            let period = check["period"]?.stringValue.flatMap(ProtoDuration.seconds), period > 0, end.timeIntervalSince1970 >= created
        else { return [] }
        let newest = ((end.timeIntervalSince1970 - created) / period).rounded(.down)
        let oldest = max(0, ((start.timeIntervalSince1970 - created) / period).rounded(.down) + 1)
        guard newest >= oldest else { return [] }
        return stride(from: newest, through: oldest, by: -1).map { Date(timeIntervalSince1970: created + $0 * period) }
    }
}
