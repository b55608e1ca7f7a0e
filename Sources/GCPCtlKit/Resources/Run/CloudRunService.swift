import GoogleCloud

/// A Cloud Run v2 service in the environment's region. `desired` is the full spec to
/// deploy (built by `ServiceSpec`); without it (status, cleanup) the resource can observe
/// and delete, and `differences` compares only what the environment alone decides.
///
/// Create and update wait for Cloud Run's operation, then read the service again and
/// require its latest revision to be ready (property 24): a revision that cannot start is
/// an error naming the revision and Cloud Run's reason.
public struct CloudRunService: KindResource {
    public let name: String
    public let region: String
    public let desired: CloudRunAPI.Service?

    public init(name: String, region: String, desired: CloudRunAPI.Service? = nil) {
        self.name = name
        self.region = region
        self.desired = desired
    }

    /// The service `service` of the environment, for observing and deleting, and for
    /// comparing everything but the image and the variables that depend on other services.
    public init(_ service: Environment.Service, environment: Environment) {
        var spec = ServiceSpec.service(service, environment: environment, image: nil,
                                       variables: ServiceVariables(service: service, environment: environment,
                                                                   urls: ServiceURLs(projectNumber: "", region: environment.region)),
                                       traffic: [])
        spec.template?.containers?[0].env = nil
        spec.traffic = nil
        self.init(name: service.name, region: environment.region, desired: spec)
    }

    public var identity: ResourceIdentity { ResourceIdentity(.cloudRunService, name, location: region) }
    public var dependencies: [ResourceID] { [] }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> CloudRunAPI.Service? {
        try await context.cloudRun.service(project: context.project, region: region(of: identity, in: context), id: identity.name)
    }

    /// A service's region is part of its identity (the environment's, if it has none).
    static func region(of identity: ResourceIdentity, in context: ResourceContext) -> String {
        identity.location ?? context.environment.region
    }

    public func differences(from state: CloudRunAPI.Service) throws -> [FieldChange] {
        guard let desired else { return [] }
        return ServiceDifferences.changes(observed: state, desired: desired)
    }

    public func create(in context: ResourceContext) async throws {
        _ = try await deploy(over: nil, in: context)
    }

    public func update(_ state: CloudRunAPI.Service, changes: [FieldChange], in context: ResourceContext) async throws {
        _ = try await deploy(over: state, in: context)
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        // An operation answered as done may still have failed: waiting reads its error.
        guard let operation = try await context.cloudRun.deleteService(
            project: context.project, region: region(of: identity, in: context), id: identity.name) else { return }
        _ = try await context.cloudRun.waitFor(operation, what: "deleting Cloud Run service \(identity.name)", poller: context.poller,
                                               progress: context.progress)
    }

    /// Creates the service (`observed` nil) or brings it to `desired` (`ServiceUpdate`:
    /// only the fields gcpctl manages change), guarded by the observed etag; returns the
    /// service once its latest revision is ready. `newRevision` starts a revision even from
    /// the same template (the latest one failed).
    public func deploy(over observed: CloudRunAPI.Service?, newRevision: Bool = false,
                       in context: ResourceContext) async throws -> CloudRunAPI.Service {
        guard let spec = desired, spec.template?.containers?.first?.image != nil else { throw CloudRunServiceError.noImage(service: name) }
        guard let observed else { return try await create(spec, in: context) }
        return try await send(try ServiceUpdate(desired: spec, observed: observed, newRevision: newRevision), over: observed,
                              forceNewRevision: newRevision, in: context)
    }

    private func create(_ spec: CloudRunAPI.Service, in context: ResourceContext) async throws -> CloudRunAPI.Service {
        let operation: LongRunningOperation
        switch try await context.cloudRun.createService(project: context.project, region: region, id: name, spec) {
        case .created(let created): operation = created
        case .alreadyExisted:
            // Made by this create's own first attempt, whose answer was lost, when it
            // holds this spec: wait for it. Otherwise someone else made it.
            guard let current = try await observe(in: context),
                  ServiceDifferences.changes(observed: current, desired: spec).isEmpty else {
                throw CloudRunServiceError.createdConcurrently(service: name)
            }
            return try await settled(in: context)
        }
        return try await finish(operation, what: "creating Cloud Run service \(name)", in: context)
    }

    /// Sends `update` (a PATCH guarded by the observed etag) and waits for it.
    func send(_ update: ServiceUpdate, over observed: CloudRunAPI.Service, forceNewRevision: Bool = false,
              in context: ResourceContext) async throws -> CloudRunAPI.Service {
        let operation: LongRunningOperation
        do {
            operation = try await context.cloudRun.updateService(project: context.project, region: region, id: name, body: update.body,
                                                                 updateMask: update.updateMask, forceNewRevision: forceNewRevision)
        } catch let error as GoogleAPIError where error.isConflict {
            // The etag moved since gcpctl read it. When the answer to this very update was
            // lost and the client repeated it, the service already holds the spec: wait for
            // that deploy instead of failing on the repeat.
            guard let desired, let current = try await observe(in: context), current.generation != observed.generation,
                  ServiceDifferences.changes(observed: current, desired: desired).isEmpty else { throw error }
            return try await settled(in: context)
        }
        return try await finish(operation, what: "updating Cloud Run service \(name)", in: context)
    }

    private func finish(_ operation: LongRunningOperation, what: String, in context: ResourceContext) async throws -> CloudRunAPI.Service {
        do {
            _ = try await context.cloudRun.waitFor(operation, what: what, poller: context.poller, progress: context.progress)
        } catch let error as OperationError {
            if case .failed(_, let message) = error, let service = try await observe(in: context) {
                throw CloudRunServiceError.notReady(service: name, revision: service.latestCreatedRevision, reason: message)
            }
            throw error
        }
        return try await settled(in: context)
    }

    /// The service once Cloud Run stopped reconciling it (an operation of this deploy, or
    /// of an earlier one that was interrupted), whether or not it became ready.
    public func reconciled(in context: ResourceContext) async throws -> CloudRunAPI.Service {
        try await context.poller.wait(for: "updating Cloud Run service \(name)", timeout: .seconds(900), progress: context.progress) {
            guard let service = try await observe(in: context) else { throw CloudRunServiceError.vanished(service: name) }
            return service.reconciling == true ? .pending(status: "reconciling") : .done(service)
        }
    }

    /// The service once Cloud Run stopped reconciling it, required to serve its latest revision.
    private func settled(in context: ResourceContext) async throws -> CloudRunAPI.Service {
        let service = try await reconciled(in: context)
        guard service.isReady else {
            throw CloudRunServiceError.notReady(service: name, revision: service.latestCreatedRevision,
                                                reason: service.terminalCondition?.message ?? service.terminalCondition?.state ?? "no reason given")
        }
        return service
    }
}

extension CloudRunService {
    /// Sends the service's traffic to `targets` and changes nothing else: `updateMask=traffic`
    /// and no template, so no new revision.
    public static func route(_ targets: [CloudRunAPI.TrafficTarget], service observed: CloudRunAPI.Service, region: String,
                             in context: ResourceContext) async throws -> CloudRunAPI.Service {
        var spec = CloudRunAPI.Service()
        spec.traffic = targets
        return try await CloudRunService(name: observed.id, region: region, desired: spec)
            .send(try ServiceUpdate.traffic(targets, observed: observed), over: observed, in: context)
    }
}

public enum CloudRunServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    case noImage(service: String)
    case createdConcurrently(service: String)
    case vanished(service: String)
    /// Property 24: the deploy finished but its revision does not serve.
    case notReady(service: String, revision: String?, reason: String)

    public var description: String {
        switch self {
        case .noImage(let service):
            "Cloud Run service \(service) cannot be created without an image; deploy it with gcpctl deploy \(service)"
        case .createdConcurrently(let service):
            "Cloud Run service \(service) was created by someone else while gcpctl was creating it; run the command again to update it"
        case .vanished(let service):
            "Cloud Run service \(service) was deleted while gcpctl was deploying it; run the command again"
        case .notReady(let service, let revision, let reason):
            "Cloud Run could not make \(revision.map { "revision \($0) of \(service)" } ?? service) ready: \(reason). "
                + "Its logs say why: gcpctl logs \(service) --since 30m"
        }
    }
}

extension ResourceKind {
    /// Listed in the environment's region only: Cloud Run lists need a real region.
    public static let cloudRunService: ResourceKind = ResourceKind(
        id: "cloud-run-service", title: "Cloud Run service", plural: "Cloud Run services", commandNames: ["service"],
        service: "run.googleapis.com", priceKeys: [.runCPU, .runMemory, .runRequests],
        section: .services,
        teardown: Teardown(consequence: "(its images stay)", namesLocation: true, reviewed: "with all its revisions"), listingScope: .region,
        nameProblem: NamingRules.serviceNameProblem,
        identify: { name, environment in ResourceIdentity(.cloudRunService, name, location: environment.region) },
        list: { context, _ in
            let region = context.environment.region
            return KindListing(try await context.cloudRun.services(project: context.project, region: region).asyncMap { service in
                FoundResource(ResourceIdentity(.cloudRunService, service.id, location: region), created: service.createTime,
                              labels: service.labels, ownership: try await Ownership.of(service, in: context),
                              details: [service.uri].compactMap { $0 })
            })
        })
        .deleted(by: CloudRunService.self)
        .priced { estimator in try estimator.cloudRun() }
}

extension StatusSection {
    /// Also where a GKE cluster's row would go: with the compute that serves the application.
    public static let services = StatusSection(id: "services", title: "Cloud Run services")
}
