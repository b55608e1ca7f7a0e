import Foundation
import GoogleCloud

/// A Cloud Scheduler job in the environment's region: calls a service's URL with an OIDC
/// token of the runtime account, or publishes to a topic. Jobs take no labels: setup writes
/// `Managed by gcpctl for <env>` as the description, which says whose it is.
public struct SchedulerJob: KindResource {
    public let job: Environment.SchedulerJob
    /// The runtime account, whose OIDC token authenticates HTTP calls.
    public let account: String
    public let region: String
    public let description: String

    public init(_ job: Environment.SchedulerJob, environment: Environment) {
        self.job = job
        account = environment.serviceAccount.email
        region = environment.region
        description = Ownership.description(for: environment)
    }

    public var identity: ResourceIdentity { ResourceIdentity(.schedulerJob, job.name, location: region) }

    public var dependencies: [ResourceID] {
        switch job.target {
        case .http: [ResourceID(.serviceAccount, account)]
        case .pubsub(let topic, _): [ResourceID(.pubsubTopic, topic)]
        case .unclear: []
        }
    }

    public struct State: Sendable, OwnershipEvident {
        public var job: CloudSchedulerAPI.Job
        /// The project's number: HTTP targets' URLs are named by it.
        public var projectNumber: String
        public var ownershipEvidence: Ownership.Evidence { .described(job.description) }
    }

    static func location(of identity: ResourceIdentity, in context: ResourceContext) -> String {
        identity.location ?? context.environment.region
    }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> State? {
        async let number = context.projectNumber()
        guard let found = try await context.scheduler.job(project: context.project, location: location(of: identity, in: context), id: identity.name) else {
            _ = try? await number
            return nil
        }
        return State(job: found, projectNumber: try await number)
    }

    /// What the file declares, as the API writes it.
    func desired(projectNumber: String, project: String) -> CloudSchedulerAPI.Job {
        var http: CloudSchedulerAPI.HTTPTarget?, pubsub: CloudSchedulerAPI.PubSubTarget?
        switch job.target {
        case .http(let service, let path, let method):
            let url = ServiceURLs(projectNumber: projectNumber, region: region).url(of: service)
            http = CloudSchedulerAPI.HTTPTarget(uri: url + (path == "/" ? "" : path), httpMethod: method,
                                                oidcToken: CloudSchedulerAPI.OIDCToken(serviceAccountEmail: account, audience: url))
        case .pubsub(let topic, let data):
            pubsub = CloudSchedulerAPI.PubSubTarget(topicName: PubSubAPI.topicName(project: project, id: topic), data: Data(data.utf8))
        case .unclear:
            break
        }
        return CloudSchedulerAPI.Job(
            name: CloudSchedulerAPI.jobName(project: project, location: region, id: job.name), description: description,
            schedule: job.schedule, timeZone: job.timeZone, httpTarget: http, pubsubTarget: pubsub,
            retryConfig: CloudSchedulerAPI.RetryConfig(retryCount: job.retry.count,
                                                       minBackoffDuration: PubSubDurations.json(job.retry.minBackoffSeconds),
                                                       maxBackoffDuration: PubSubDurations.json(job.retry.maxBackoffSeconds)))
    }

    public func differences(from state: State) -> [FieldChange] {
        let observed = state.job
        let project = observed.name?.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        let desired = desired(projectNumber: state.projectNumber, project: project)
        var changes = FieldChanges()
        changes.compare("description", observed: observed.description ?? "", desired: description)
        changes.compare("schedule", observed: observed.schedule, desired: desired.schedule)
        changes.compare("timeZone", observed: observed.timeZone ?? "Etc/UTC", desired: desired.timeZone)
        changes.compare("target", observed: Self.target(of: observed), desired: Self.target(of: desired))
        changes.compare("retry.count", observed: observed.retryConfig?.retryCount ?? 0, desired: job.retry.count)
        changes.compare("retry.minBackoff", observed: PubSubDurations.text(observed.retryConfig?.minBackoffDuration),
                        desired: PubSubDurations.text(job.retry.minBackoffSeconds))
        changes.compare("retry.maxBackoff", observed: PubSubDurations.text(observed.retryConfig?.maxBackoffDuration),
                        desired: PubSubDurations.text(job.retry.maxBackoffSeconds))
        if observed.state == "PAUSED" { changes.append(FieldChange("state", old: "PAUSED", new: "ENABLED")) }
        return changes.all
    }

    /// `POST https://…/jobs/cleanup as digitwinlive-sa@…`, `publish to jobs-prod`: one field,
    /// so a plan reads as what the job does.
    static func target(of job: CloudSchedulerAPI.Job) -> String {
        if let http = job.httpTarget {
            return "\(http.httpMethod ?? "POST") \(http.uri ?? "?")" + (http.oidcToken?.serviceAccountEmail.map { " as \($0)" } ?? "")
        }
        if let pubsub = job.pubsubTarget {
            let data = pubsub.data.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
            return "publish \(data) to \(pubsub.topicName?.split(separator: "/").last.map(String.init) ?? "?")"
        }
        return "none"
    }

    public func create(in context: ResourceContext) async throws {
        let body = desired(projectNumber: try await context.projectNumber(), project: context.project)
        _ = try await context.scheduler.createJob(project: context.project, location: region, body)
        await noteTarget(in: context)
    }

    public func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws {
        var mask = Set<String>()
        for change in changes {
            switch change.field {
            case "description", "schedule", "timeZone": mask.insert(change.field)
            case "target": mask.formUnion(["httpTarget", "pubsubTarget"])
            case let field where field.hasPrefix("retry."): mask.insert("retryConfig")
            default: break
            }
        }
        if !mask.isEmpty {
            _ = try await context.scheduler.patchJob(project: context.project, location: region, id: job.name,
                                                     desired(projectNumber: state.projectNumber, project: context.project),
                                                     updateMask: mask.sorted())
        }
        if state.job.state == "PAUSED" {
            _ = try await context.scheduler.resumeJob(project: context.project, location: region, id: job.name)
        }
        if mask.contains("httpTarget") { await noteTarget(in: context) }
    }

    private func noteTarget(in context: ResourceContext) async {
        guard case .http(let service, _, _) = job.target else { return }
        await context.noteIfNotDeployed(service, "the job's calls to it fail")
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        try await context.scheduler.deleteJob(project: context.project, location: location(of: identity, in: context), id: identity.name)
    }
}

extension CloudSchedulerAPI.Job: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .described(description) }
}

extension ResourceKind {
    /// Listed and deleted in the environment's region.
    public static let schedulerJob: ResourceKind = ResourceKind(
        id: "scheduler-job", title: "Cloud Scheduler job", plural: "Cloud Scheduler jobs", commandNames: ["job"],
        service: "cloudscheduler.googleapis.com", priceKeys: [.schedulerJobs], section: .scheduler,
        teardown: Teardown(namesLocation: true), listingScope: .region,
        nameProblem: NamingRules.schedulerJobIDProblem,
        identify: { name, environment in ResourceIdentity(.schedulerJob, name, location: environment.region) },
        list: { context, _ in
            let region = context.environment.region
            let jobs = try await context.scheduler.jobs(project: context.project, location: region)
            return KindListing(try await jobs.asyncMap { job in
                FoundResource(ResourceIdentity(.schedulerJob, job.id, location: region), created: job.userUpdateTime,
                              ownership: try await Ownership.of(job, in: context),
                              details: [job.schedule, job.state].compactMap { $0 })
            })
        }, setupPart: .messaging,
        declared: { environment, _ in environment.schedulerJobs.map { SchedulerJob($0, environment: environment) } })
        .deleted(by: SchedulerJob.self)
        .priced { estimator in try estimator.scheduler() }
}

extension StatusSection {
    public static let scheduler = StatusSection(id: "scheduler", title: "Cloud Scheduler")
}

extension ResourceContext {
    public var scheduler: CloudSchedulerAPI { CloudSchedulerAPI(cloud) }
}
