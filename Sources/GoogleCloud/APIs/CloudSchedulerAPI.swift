import Foundation

/// Cloud Scheduler v1: jobs in a location. Synchronous: every answer is the job. A create
/// names the job in its body, so a repeat after a lost reply meets 409 and counts as done.
/// Jobs have no labels (https://cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs).
public struct CloudSchedulerAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct Job: Codable, Sendable, Equatable {
        /// `projects/P/locations/L/jobs/J`.
        public var name: String?
        /// At most 500 characters; the place for an ownership marker, jobs having no labels.
        public var description: String?
        /// unix-cron, `0 3 * * *`.
        public var schedule: String?
        /// A tz database name; none: UTC.
        public var timeZone: String?
        public var httpTarget: HTTPTarget?
        public var pubsubTarget: PubSubTarget?
        public var retryConfig: RetryConfig?
        /// A JSON Duration, 15 s to 30 min for HTTP targets (Google answers 180s when none was given).
        public var attemptDeadline: String?
        /// Output only: ENABLED, PAUSED, DISABLED, UPDATE_FAILED.
        public var state: String?
        /// Output only: the next run.
        public var scheduleTime: String?
        /// Output only: when the last attempt started.
        public var lastAttemptTime: String?
        public var userUpdateTime: String?
        /// Output only: how the last attempt ended (a google.rpc.Status; code 0 or none is success).
        public var status: Status?

        public init(name: String, description: String? = nil, schedule: String, timeZone: String? = nil,
                    httpTarget: HTTPTarget? = nil, pubsubTarget: PubSubTarget? = nil, retryConfig: RetryConfig? = nil,
                    attemptDeadline: String? = nil) {
            self.name = name
            self.description = description
            self.schedule = schedule
            self.timeZone = timeZone
            self.httpTarget = httpTarget
            self.pubsubTarget = pubsubTarget
            self.retryConfig = retryConfig
            self.attemptDeadline = attemptDeadline
        }

        /// The job id, the last segment of `name`.
        public var id: String { name?.split(separator: "/").last.map(String.init) ?? "" }
    }

    public struct HTTPTarget: Codable, Sendable, Equatable {
        public var uri: String?
        /// POST, GET, HEAD, PUT, DELETE, PATCH, OPTIONS (Google answers POST when none was given).
        public var httpMethod: String?
        public var headers: [String: String]?
        /// Base64 (`bodyText`); only with POST, PUT or PATCH.
        public var body: String?
        public var oidcToken: OIDCToken?

        public init(uri: String, httpMethod: String? = "POST", headers: [String: String]? = nil, body: Data? = nil, oidcToken: OIDCToken? = nil) {
            self.uri = uri
            self.httpMethod = httpMethod
            self.headers = headers
            self.body = body?.base64EncodedString()
            self.oidcToken = oidcToken
        }

        public var bodyData: Data? { body.flatMap { Data(base64Encoded: $0) } }
    }

    public struct OIDCToken: Codable, Sendable, Equatable {
        /// A service account of the job's project; the caller needs `iam.serviceAccounts.actAs` on it.
        public var serviceAccountEmail: String?
        /// None: the target's URI.
        public var audience: String?
        public init(serviceAccountEmail: String, audience: String? = nil) {
            self.serviceAccountEmail = serviceAccountEmail
            self.audience = audience
        }
    }

    public struct PubSubTarget: Codable, Sendable, Equatable {
        /// `projects/P/topics/T` in the job's project; it must exist.
        public var topicName: String?
        /// Base64; data or attributes are required.
        public var data: String?
        public var attributes: [String: String]?

        public init(topicName: String, data: Data? = nil, attributes: [String: String]? = nil) {
            self.topicName = topicName
            self.data = data?.base64EncodedString()
            self.attributes = attributes
        }
    }

    public struct RetryConfig: Codable, Sendable, Equatable {
        /// 0 to 5.
        public var retryCount: Int?
        /// JSON Durations; Google answers 0s, 5s and 3600s and 5 doublings for those not given.
        public var maxRetryDuration: String?
        public var minBackoffDuration: String?
        public var maxBackoffDuration: String?
        public var maxDoublings: Int?

        public init(retryCount: Int? = nil, maxRetryDuration: String? = nil, minBackoffDuration: String? = nil,
                    maxBackoffDuration: String? = nil, maxDoublings: Int? = nil) {
            self.retryCount = retryCount
            self.maxRetryDuration = maxRetryDuration
            self.minBackoffDuration = minBackoffDuration
            self.maxBackoffDuration = maxBackoffDuration
            self.maxDoublings = maxDoublings
        }
    }

    public struct Status: Codable, Sendable, Equatable {
        public var code: Int?
        public var message: String?
    }

    /// `projects/P/locations/L/jobs/J`, the name a job is created with.
    public static func jobName(project: String, location: String, id: String) -> String {
        "projects/\(project)/locations/\(location)/jobs/\(id)"
    }

    static func parent(_ project: String, _ location: String) -> APIPath { "v1/projects/\(project)/locations/\(location)" }
    static func jobPath(_ project: String, _ location: String, _ id: String) -> APIPath { parent(project, location) + "/jobs/\(id)" }

    public func job(project: String, location: String, id: String) async throws -> Job? {
        try await client.getIfExists(.cloudScheduler, Self.jobPath(project, location, id))
    }

    public func jobs(project: String, location: String) async throws -> [Job] {
        struct Page: Decodable, Sendable { var jobs: [Job]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, .cloudScheduler, Self.parent(project, location) + "/jobs", query: [("pageSize", "500")]),
                                        items: { (page: Page) in page.jobs ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    /// `job.name` must be `jobName(project:location:id:)`.
    public func createJob(project: String, location: String, _ job: Job) async throws -> CreateResult<Job> {
        try await client.create(GoogleCall(.post, .cloudScheduler, Self.parent(project, location) + "/jobs", json: job))
    }

    /// Changes the fields `updateMask` names (`schedule`, `timeZone`, `httpTarget`, …) to
    /// `job`'s values; a named field left out is cleared. The state does not change here:
    /// `pauseJob` / `resumeJob`.
    public func patchJob(project: String, location: String, id: String, _ job: Job, updateMask: [String]) async throws -> Job {
        try await client.decode(GoogleCall(.patch, .cloudScheduler, Self.jobPath(project, location, id),
                                           query: [("updateMask", updateMask.joined(separator: ","))], json: job))
    }

    /// Deletes the job (404 counts as done).
    public func deleteJob(project: String, location: String, id: String) async throws {
        _ = try await client.delete(GoogleCall(.delete, .cloudScheduler, Self.jobPath(project, location, id)), as: EmptyResponse.self)
    }

    /// ENABLED → PAUSED. Google refuses to pause a job that is not ENABLED (400
    /// FAILED_PRECONDITION); a job already PAUSED (a repeat whose first reply was lost)
    /// counts as done.
    public func pauseJob(project: String, location: String, id: String) async throws -> Job {
        try await move(project: project, location: location, id: id, verb: "pause", to: "PAUSED")
    }

    /// PAUSED → ENABLED; a job already ENABLED counts as done.
    public func resumeJob(project: String, location: String, id: String) async throws -> Job {
        try await move(project: project, location: location, id: id, verb: "resume", to: "ENABLED")
    }

    private func move(project: String, location: String, id: String, verb: String, to state: String) async throws -> Job {
        do {
            return try await client.decode(GoogleCall(.post, .cloudScheduler, Self.jobPath(project, location, id) + ":\(verb)",
                                                      json: [String: String](), idempotency: .idempotent))
        } catch let error as GoogleAPIError where error.httpStatus == 400 && error.status == "FAILED_PRECONDITION" {
            guard let job = try await job(project: project, location: location, id: id), job.state == state else { throw error }
            return job
        }
    }
}
