import Foundation

/// Cloud Scheduler v1: jobs in a location — create (`POST v1/projects/P/locations/L/jobs`
/// with the job's `name` in the body; 409 when it exists), get, list (paged), patch
/// (`updateMask`, or every settable field when none), delete, pause (ENABLED → PAUSED),
/// resume (PAUSED → ENABLED), run (records an attempt); and the locations it serves. No
/// operations: the answer is the job. `scheduleTime`, the next run, is worked out from the
/// schedule on the emulator's clock whenever a job is read; nothing is ever sent to the
/// targets (https://cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs).
///
/// Kept under `cloudscheduler.jobs` by full name, `projects/P/locations/L/jobs/J`.
enum CloudSchedulerAPI {
    static let collection = "cloudscheduler.jobs"

    static let handlers: [String: APIHandler] = [
        "cloudscheduler.projects.locations.jobs.create": create,
        "cloudscheduler.projects.locations.jobs.get": get,
        "cloudscheduler.projects.locations.jobs.list": list,
        "cloudscheduler.projects.locations.jobs.patch": patch,
        "cloudscheduler.projects.locations.jobs.delete": delete,
        "cloudscheduler.projects.locations.jobs.pause": pause,
        "cloudscheduler.projects.locations.jobs.resume": resume,
        "cloudscheduler.projects.locations.jobs.run": run,
        "cloudscheduler.projects.locations.list": listLocations,
        "cloudscheduler.projects.locations.get": getLocation,
    ]

    /// The regions Cloud Scheduler runs in (https://cloud.google.com/scheduler/docs/locations).
    static let locations: [String] = [
        "africa-south1", "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3", "asia-south1",
        "asia-south2", "asia-southeast1", "asia-southeast2", "australia-southeast1", "australia-southeast2", "europe-central2",
        "europe-north1", "europe-southwest1", "europe-west1", "europe-west2", "europe-west3", "europe-west4", "europe-west6",
        "europe-west8", "europe-west9", "europe-west10", "europe-west12", "me-central1", "me-central2", "me-west1",
        "northamerica-northeast1", "northamerica-northeast2", "southamerica-east1", "southamerica-west1", "us-central1",
        "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west2", "us-west3", "us-west4",
    ]

    /// `projects/P/locations/L` of a request, with the project as its id; 400 for a location
    /// Cloud Scheduler does not serve.
    private static func parent(_ request: APIRequest, _ name: String) throws -> (project: String, parent: String) {
        let project = try request.requireProject()
        let parts = name.split(separator: "/")
        let location = parts.count >= 4 ? String(parts[3]) : ""
        guard locations.contains(location) else {
            throw APIError.invalidArgument("Location '\(location)' is not a Cloud Scheduler location; see projects.locations.list.", field: "parent")
        }
        return (project, "projects/\(project)/locations/\(location)")
    }

    private static func find(_ request: APIRequest, _ state: EmulatorState) throws -> (project: String, name: String, job: JSONValue) {
        let (project, parent) = try parent(request, request.path("name"))
        let name = parent + "/jobs/" + (request.path("name").split(separator: "/").last.map(String.init) ?? "")
        guard let job = state.resource(project, collection, name) else { throw APIError.notFound("Job not found.") }
        return (project, name, job)
    }

    /// A job's id: letters, digits, hyphens or underscores, at most 500 characters.
    private static func isValidID(_ id: String) -> Bool {
        (1...500).contains(id.utf8.count) && id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }

    /// The job as answered: its next run worked out from now while it is ENABLED.
    private static func answered(_ job: JSONValue, now: Date) -> JSONValue {
        var job = job
        job["scheduleTime"] = nil
        if job["state"] == "ENABLED", let schedule = job["schedule"]?.stringValue.flatMap(CronSchedule.init),
            let zone = CloudSchedulerJobRules.timeZone(job["timeZone"]?.stringValue ?? "UTC"), let next = schedule.next(after: now, in: zone) {
            job["scheduleTime"] = .string(RFC3339.format(next))
        }
        return job
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, parent) = try parent(request, request.path("parent"))
        let id: String
        if let given = request.body["name"]?.stringValue, !given.isEmpty {
            let canonical = request.canonical(given)
            guard canonical.hasPrefix(parent + "/jobs/") else {
                throw APIError.invalidArgument("The job name \(given) is not in \(parent).", field: "name")
            }
            id = String(canonical.dropFirst(parent.count + "/jobs/".count))
        } else {
            id = "job-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        }
        guard isValidID(id) else {
            throw APIError.invalidArgument("Job id '\(id)' must be 1 to 500 letters, numbers, hyphens or underscores.", field: "name")
        }
        let name = parent + "/jobs/" + id
        var job = try CloudSchedulerJobRules.completed(request.body, project: project, state: state, now: request.now)
        guard state.resource(project, collection, name) == nil else { throw APIError.alreadyExists("Job \(name) already exists.") }
        job["name"] = .string(name)
        job["state"] = "ENABLED"
        job["userUpdateTime"] = .string(request.timestamp)
        state.setResource(project, collection, name, job)
        return .resource(answered(job, now: request.now))
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(answered(try find(request, state).job, now: request.now))
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, parent) = try parent(request, request.path("parent"))
        let jobs = state.resources(project, collection, prefix: parent + "/jobs/").map { answered($0.value, now: request.now) }
        return .resource(try request.page(jobs, defaultSize: 500).body("jobs"))
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, existing) = try find(request, state)
        if let given = request.body["name"]?.stringValue, !given.isEmpty, request.canonical(given) != name {
            throw APIError.invalidArgument("The job name in the body (\(given)) does not match the URL (\(name)).", field: "name")
        }
        let mask = FieldMask(request.query["updateMask"] ?? "")
        for field in mask.topLevelFields.sorted() where !CloudSchedulerJobRules.settable.contains(field) {
            throw APIError.invalidArgument("The field \(field) cannot be updated.", field: "updateMask")
        }
        let merged = mask.isEmpty ? request.body : mask.apply(from: request.body, to: existing)
        var job = try CloudSchedulerJobRules.completed(merged, project: project, state: state, now: request.now)
        for field in ["name", "state", "status", "lastAttemptTime"] { job[field] = existing[field] }
        job["userUpdateTime"] = .string(request.timestamp)
        state.setResource(project, collection, name, job)
        return .resource(answered(job, now: request.now))
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, _) = try find(request, state)
        state.removeResource(project, collection, name)
        return .empty
    }

    private static func pause(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        try move(request, &state, from: "ENABLED", to: "PAUSED")
    }

    private static func resume(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        try move(request, &state, from: "PAUSED", to: "ENABLED")
    }

    /// "A job must be in Job.State.ENABLED to be paused", and PAUSED to be resumed.
    private static func move(_ request: APIRequest, _ state: inout EmulatorState, from: String, to: String) throws -> HTTPResponseMessage {
        let (project, name, existing) = try find(request, state)
        guard existing["state"]?.stringValue == from else {
            throw APIError.failedPrecondition("Job \(name) is \(existing["state"]?.stringValue ?? "in no state"); it must be \(from).")
        }
        var job = existing
        job["state"] = .string(to)
        job["userUpdateTime"] = .string(request.timestamp)
        state.setResource(project, collection, name, job)
        return .resource(answered(job, now: request.now))
    }

    /// Forces a run: the attempt is recorded (`lastAttemptTime`); no request reaches the target.
    private static func run(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, existing) = try find(request, state)
        var job = existing
        job["lastAttemptTime"] = .string(request.timestamp)
        state.setResource(project, collection, name, job)
        return .resource(answered(job, now: request.now))
    }

    private static func location(_ project: String, _ id: String) -> JSONValue {
        ["name": .string("projects/\(project)/locations/\(id)"), "locationId": .string(id)]
    }

    private static func listLocations(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        return .resource(try request.page(locations.map { location(project, $0) }, defaultSize: 100).body("locations"))
    }

    private static func getLocation(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, parent) = try parent(request, request.path("name"))
        return .resource(location(project, String(parent.split(separator: "/").last ?? "")))
    }
}
