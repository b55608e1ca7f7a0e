import Foundation

/// A Cloud Scheduler job checked and completed as Google documents `Job`
/// (https://cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs):
/// a schedule (unix-cron, or English-like `every …`) and a tz-database time zone (UTC
/// unless given); exactly one target — `httpTarget` (an http(s) `uri` of at most 2083
/// characters, `httpMethod` POST unless given, a body only with POST, PUT or PATCH, an OIDC
/// or OAuth token naming a service account of the job's project), `pubsubTarget` (a topic
/// of the job's project that exists, and data or attributes) or `appEngineHttpTarget`;
/// `attemptDeadline` 15 s to 30 min for HTTP targets (3 min unless given); `retryConfig`
/// `retryCount` 0 to 5, Google's defaults filled in; a description of at most 500 characters.
enum CloudSchedulerJobRules {
    /// What a caller sets; everything else is output only.
    static let settable: Set = [
        "description", "schedule", "timeZone", "httpTarget", "pubsubTarget", "appEngineHttpTarget", "retryConfig", "attemptDeadline",
    ]

    static func invalidSchedule() -> APIError {
        APIError.invalidArgument("Schedule or time zone is invalid.", field: "schedule")
    }

    /// `job` (its settable fields) with Google's defaults, or 400 / 404 for what Google refuses.
    static func completed(_ job: JSONValue, project: String, state: EmulatorState, now: Date) throws -> JSONValue {
        var result = JSONValue.object(job.objectValue?.filter { settable.contains($0.key) && !$0.value.isNull } ?? [:])
        guard let schedule = job["schedule"]?.stringValue, !schedule.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.invalidArgument("Schedule is required.", field: "schedule")
        }
        result["timeZone"] = job["timeZone"] ?? "Etc/UTC"
        guard timeZone(result["timeZone"]?.stringValue ?? "") != nil, isSchedule(schedule) else { throw invalidSchedule() }
        if let description = job["description"]?.stringValue, description.count > 500 {
            throw APIError.invalidArgument("The description must not contain more than 500 characters.", field: "description")
        }
        let targets = ["httpTarget", "pubsubTarget", "appEngineHttpTarget"].filter { result[$0] != nil }
        guard targets.count == 1 else {
            throw APIError.invalidArgument(
                targets.isEmpty ? "A job needs a target: httpTarget, pubsubTarget or appEngineHttpTarget." : "A job has exactly one target; found \(targets.joined(separator: ", ")).",
                field: targets.last ?? "httpTarget")
        }
        if let target = result["httpTarget"] {
            result["httpTarget"] = try httpTarget(target, project: project, state: state, now: now)
            result["attemptDeadline"] = job["attemptDeadline"] ?? "180s"
            try check(result["attemptDeadline"], field: "attemptDeadline", range: 15...1800, rule: "it must be between 15 seconds and 30 minutes for HTTP targets.")
        }
        if let target = result["pubsubTarget"] { try checkPubSubTarget(target, project: project, state: state) }
        result["retryConfig"] = try retryConfig(job["retryConfig"])
        return result
    }

    /// The zone a job's `timeZone` names; `utc` in any case is UTC.
    static func timeZone(_ name: String) -> TimeZone? {
        name.lowercased() == "utc" ? TimeZone(identifier: "UTC") : TimeZone(identifier: name)
    }

    private static func isSchedule(_ text: String) -> Bool {
        CronSchedule(text) != nil || text.lowercased().hasPrefix("every ")
    }

    private static func check(_ value: JSONValue?, field: String, range: ClosedRange<Double>, rule: String) throws {
        guard let text = value?.stringValue else { return }
        guard let seconds = ProtoDuration.seconds(text), range.contains(seconds) else {
            throw APIError.invalidArgument("Invalid \(field) \(text): \(rule)", field: field)
        }
    }

    private static func httpTarget(_ target: JSONValue, project: String, state: EmulatorState, now: Date) throws -> JSONValue {
        var completed = target
        let uri = target["uri"]?.stringValue ?? ""
        guard uri.lowercased().hasPrefix("http://") || uri.lowercased().hasPrefix("https://"), URLComponents(string: uri)?.host?.isEmpty == false,
            uri.utf8.count <= 2083
        else {
            throw APIError.invalidArgument("HttpTarget.uri must be an http:// or https:// URL of at most 2083 characters; got '\(uri)'.", field: "httpTarget.uri")
        }
        let method = target["httpMethod"]?.stringValue.flatMap { $0 == "HTTP_METHOD_UNSPECIFIED" ? nil : $0 } ?? "POST"
        completed["httpMethod"] = .string(method)
        if let body = target["body"]?.stringValue, !body.isEmpty {
            guard ["POST", "PUT", "PATCH"].contains(method) else {
                throw APIError.invalidArgument("A request body is allowed only with the POST, PUT or PATCH method, not \(method).", field: "httpTarget.body")
            }
            guard Base64.decode(body) != nil else { throw APIError.invalidArgument("httpTarget.body must be base64.", field: "httpTarget.body") }
        }
        guard target["oidcToken"] == nil || target["oauthToken"] == nil else {
            throw APIError.invalidArgument("Only one of oidcToken and oauthToken may be set.", field: "httpTarget")
        }
        for kind in ["oidcToken", "oauthToken"] {
            guard let token = target[kind] else { continue }
            try checkServiceAccount(token["serviceAccountEmail"]?.stringValue ?? "", field: "httpTarget.\(kind).serviceAccountEmail",
                                    project: project, state: state, now: now)
        }
        return completed
    }

    /// "The service account must be within the same project as the job."
    private static func checkServiceAccount(_ email: String, field: String, project: String, state: EmulatorState, now: Date) throws {
        guard email.hasSuffix("@\(project).iam.gserviceaccount.com") || email == "\(state.projectNumber(project))-compute@developer.gserviceaccount.com" else {
            throw APIError.invalidArgument("The service account '\(email)' must be in the job's project \(project).", field: field)
        }
        if IAMServiceAccountsAPI.isVisible(email, state: state, now: now) == false {
            throw APIError.invalidArgument("Service account \(email) does not exist.", field: field)
        }
    }

    private static func checkPubSubTarget(_ target: JSONValue, project: String, state: EmulatorState) throws {
        let topic = target["topicName"]?.stringValue ?? ""
        guard let (topicProject, _) = PubSubResources.parse(topic, PubSubResources.topics) else {
            throw APIError.invalidArgument("PubsubTarget.topicName must be projects/PROJECT_ID/topics/TOPIC_ID; got '\(topic)'.", field: "pubsubTarget.topicName")
        }
        guard topicProject == project || topicProject == state.projectNumber(project) else {
            throw APIError.invalidArgument("The topic must be in the same project as the Cloud Scheduler job.", field: "pubsubTarget.topicName")
        }
        guard PubSubTopicsAPI.existing(topic, state: state) != nil else { throw APIError.notFound("Topic \(topic) not found.") }
        let data = target["data"]?.stringValue ?? ""
        guard !data.isEmpty || target["attributes"]?.objectValue?.isEmpty == false else {
            throw APIError.invalidArgument("Pubsub message must contain either non-empty data, or at least one attribute.", field: "pubsubTarget")
        }
        if !data.isEmpty, Base64.decode(data) == nil {
            throw APIError.invalidArgument("pubsubTarget.data must be base64.", field: "pubsubTarget.data")
        }
    }

    private static func retryConfig(_ config: JSONValue?) throws -> JSONValue {
        var completed = config.flatMap { $0.isNull ? nil : $0 } ?? [:]
        let count = completed["retryCount"]?.intValue ?? 0
        guard (0...5).contains(count) else {
            throw APIError.invalidArgument("retryCount must be between 0 and 5; got \(count).", field: "retryConfig.retryCount")
        }
        for field in ["maxRetryDuration", "minBackoffDuration", "maxBackoffDuration"] {
            try check(completed[field], field: "retryConfig.\(field)", range: 0...ProtoDuration.maximumSeconds, rule: "it must not be negative.")
        }
        let maxDoublings = completed["maxDoublings"]?.intValue ?? 5
        guard maxDoublings >= 0 else { throw APIError.invalidArgument("maxDoublings must not be negative.", field: "retryConfig.maxDoublings") }
        completed["maxRetryDuration"] = completed["maxRetryDuration"] ?? "0s"
        completed["minBackoffDuration"] = completed["minBackoffDuration"] ?? "5s"
        completed["maxBackoffDuration"] = completed["maxBackoffDuration"] ?? "3600s"
        completed["maxDoublings"] = .int(maxDoublings)
        return completed
    }
}
