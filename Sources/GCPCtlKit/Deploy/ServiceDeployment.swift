import Foundation
import GoogleCloud

/// One service's way through a deploy: its image (built, or reused when its source is
/// unchanged), its Cloud Run service (created, updated in place, or left alone when nothing
/// differs), public access, and the health check. Failures end this service only.
struct ServiceDeployment: Sendable {
    let service: Environment.Service
    let options: DeployOptions
    let urls: ServiceURLs
    /// The Redis instance's address, when the environment declares one.
    let redis: RedisEndpoint?
    let builder: ImageBuilder
    let sourceDirectory: URL
    let reporter: Reporter
    let progress: ProgressDisplay

    var name: String { service.name }

    func run(in context: ResourceContext) async -> ServiceDeployResult {
        var result = ServiceDeployResult(name: name)
        do {
            try await deploy(&result, in: context)
        } catch {
            result.error = error is CancellationError ? "interrupted" : "\(error)"
            let message = "\(error)"
            if let failure = error as? BuildFailedError { buildLog.showLastLines(of: failure) }
            if error is BuildInterruptedError || error is CloudRunInterruptedError {
                reporter.warning("\(name): \(message)")
            } else if !(error is CancellationError) {
                reporter.error(message.hasPrefix(name) ? message : "\(name): \(message)")
            }
        }
        return result
    }

    private var buildLog: BuildLogDisplay {
        BuildLogDisplay(service: name, reporter: reporter, progress: progress, printsAllLines: options.buildLogs)
    }

    /// Shows `activity` while `work` runs; the outcome is reported by the caller, once.
    private func step<Result: Sendable>(_ activity: String, _ work: (ProgressDisplay.Handle) async throws -> Result) async throws -> Result {
        let handle = progress.start(activity)
        do {
            let result = try await work(handle)
            progress.finish(handle, .succeeded(nil))
            return result
        } catch {
            progress.finish(handle, .abandoned)
            throw error
        }
    }

    private func deploy(_ result: inout ServiceDeployResult, in context: ResourceContext) async throws {
        let image = try await image(in: context)
        result.image = image.reference
        result.imageReused = image.reused
        result.buildID = image.buildID

        let region = context.environment.region
        async let policyRead = context.cloudRun.iamPolicyIfExists(project: context.project, region: region, service: name)
        var observed = try await context.cloudRun.service(project: context.project, region: region, id: name)
        if observed?.reconciling == true {
            // An earlier deploy's operation still runs (that deploy was interrupted): its
            // outcome decides what this one has to do, so wait for it first.
            reporter.info("\(name): an earlier deploy of it is still in progress at Cloud Run; waiting for it to finish")
            observed = try await step("waiting for Cloud Run service \(name)") { _ in
                try await CloudRunService(name: name, region: region).reconciled(in: context)
            }
        }
        let policy = try await policyRead
        let servedBefore = TrafficPlan.servingRevisions(of: observed).max { $0.percent < $1.percent }?.revision
        let accessBefore = observed.map { InvokerAccess.observed($0, policy: policy) }
        var access = InvokerAccess.wanted(isPublic: service.isPublic, now: accessBefore)
        var desired = spec(image: image.reference, observed: observed, environment: context.environment)
        desired.invokerIamDisabled = access == .invokerCheckDisabled
        let resource = CloudRunService(name: name, region: region, desired: desired)
        let deployed: CloudRunAPI.Service
        if let observed {
            result.changes = try resource.differences(from: observed)
            if result.changes.isEmpty, let failed = ServiceDeployment.failedLatestRevision(observed) {
                // An earlier deploy of this very spec ended with a revision that does not
                // serve (its operation failed): the spec alone would change nothing.
                reporter.info("\(name): its latest revision \(failed) is not ready (\(observed.terminalCondition?.message ?? "no reason given")); deploying a new one")
                deployed = try await step("updating Cloud Run service \(name)") { _ in
                    try await deployRevision(resource, over: observed, newRevision: true, access: &access, in: context)
                }
                result.outcome = .updated
                reporter.success("\(name): updated; revision \(deployed.latestReadyRevision ?? "?") is ready")
            } else if result.changes.isEmpty {
                result.outcome = .unchanged
                deployed = observed
                reporter.info("\(name): no change; revision \(observed.latestReadyRevision ?? "?") stays")
            } else {
                reporter.info("\(name): updating in place: " + result.changes.map(\.description).joined(separator: "; "))
                deployed = try await step("updating Cloud Run service \(name)") { _ in
                    try await deployRevision(resource, over: observed, access: &access, in: context)
                }
                result.outcome = .updated
                reporter.success("\(name): updated; revision \(deployed.latestReadyRevision ?? "?") is ready\(options.noTraffic ? ", with no traffic" : "")")
            }
        } else {
            deployed = try await step("creating Cloud Run service \(name)") { _ in
                try await deployRevision(resource, over: nil, access: &access, in: context)
            }
            result.outcome = .created
            reporter.success("\(name): created; revision \(deployed.latestReadyRevision ?? "?") is ready")
        }
        result.revision = deployed.latestReadyRevision

        if let change = try await access.applyPolicy(service: name, region: region, known: policy, in: context) {
            reporter.success("\(name): allUsers \(change == "granted" ? "may now invoke it (public)" : "may no longer invoke it (private)")")
        } else if access == .invokerCheckDisabled, accessBefore != access {
            reporter.success("\(name): public, its invoker IAM check off (invokerIamDisabled)")
        }
        result.access = access
        // Cloud Run's `uri` is hash-based; the deterministic URL the services were given is
        // among its `urls`. Both are shown; only a deterministic URL other than the computed
        // one (the services were given a URL that does not reach this one) is worth a warning.
        let computed = urls.url(of: name)
        if let listed = deployed.deterministicURL, listed != computed {
            reporter.warning("\(name): Cloud Run lists its URL as \(listed), not \(computed); the services were given \(computed)")
        }
        result.url = deployed.deterministicURL ?? computed
        result.hashURL = deployed.hashURL
        if let tag = options.revisionTag {
            result.tagURL = deployed.trafficStatuses?.first { $0.tag == tag }?.uri ?? urls.url(of: name, tag: tag)
        }
        try await verify(&result, servedBefore: servedBefore, deployed: deployed, in: context)
        if !options.noTraffic { await startUptimeCheck(in: context) }
    }

    /// The service serves now: its uptime check, made disabled while there was nothing to
    /// check, starts. A failure here is said and leaves the deploy as it is.
    private func startUptimeCheck(in context: ResourceContext) async {
        do {
            if let check = try await UptimeCheck.enableAfterDeploy(service: name, in: context) {
                reporter.success("\(name): uptime check \(check) enabled")
            }
        } catch {
            reporter.warning("\(name): its uptime check could not be enabled (\(error)); gcpctl setup --env=\(context.environment.shortName) enables it")
        }
    }

    /// Deploys `resource`; when its new revision does not become ready, deploys a new one
    /// once more before calling it a failure (Cloud Run's operations sometimes fail for
    /// reasons of their own, as setup's executor also allows). Ctrl-C names what goes on.
    /// Where Cloud Run refuses `invokerIamDisabled`, deploys again without it and makes
    /// `access` `.allUsers`: the service is made public by an `allUsers` binding instead.
    private func deployRevision(_ resource: CloudRunService, over observed: CloudRunAPI.Service?, newRevision: Bool = false,
                                access: inout InvokerAccess, in context: ResourceContext) async throws -> CloudRunAPI.Service {
        do {
            return try await deployRevision(resource, over: observed, newRevision: newRevision, in: context)
        } catch where access == .invokerCheckDisabled && InvokerAccess.isRefusal(error) {
            reporter.warning("\(name): Cloud Run refused invokerIamDisabled (\((error as? GoogleAPIError)?.message ?? "\(error)")); "
                             + "making it public with an allUsers binding instead")
            access = .allUsers
            var desired = resource.desired
            desired?.invokerIamDisabled = false
            let fallback = CloudRunService(name: resource.name, region: resource.region, desired: desired)
            return try await deployRevision(fallback, over: observed, newRevision: newRevision, in: context)
        }
    }

    private func deployRevision(_ resource: CloudRunService, over observed: CloudRunAPI.Service?, newRevision: Bool = false,
                                in context: ResourceContext) async throws -> CloudRunAPI.Service {
        try await CloudRunInterruptedError.naming(observed == nil ? "creating" : "updating", service: name) {
            do {
                return try await resource.deploy(over: observed, newRevision: newRevision, in: context)
            } catch let error as CloudRunServiceError {
                guard case .notReady = error, let current = try await resource.observe(in: context) else { throw error }
                reporter.warning("\(name): \(error) Trying once more with a new revision.")
                return try await resource.deploy(over: current, newRevision: true, in: context)
            }
        }
    }

    /// The latest revision, when Cloud Run finished with it and it does not serve.
    static func failedLatestRevision(_ service: CloudRunAPI.Service) -> String? {
        guard service.reconciling != true, !service.isReady else { return nil }
        return service.latestCreatedRevision ?? "?"
    }

    private func image(in context: ResourceContext) async throws -> BuiltImage {
        let imageName = ImageName(service: name, environment: context.environment)
        if let reference = options.image {
            let pinned = try PrebuiltImage(reference, service: name, image: imageName).resolve(in: builder.existingImages)
            reporter.info("\(name): deploying \(pinned) (--image, no build)")
            return BuiltImage(reference: pinned, tags: [], reused: true)
        }
        if options.skipBuild {
            guard let latest = builder.existingImages[imageName.tagged(ImageName.latestTag)] else {
                throw NoImageError(service: name, image: imageName.tagged(ImageName.latestTag))
            }
            reporter.info("\(name): deploying \(latest) (--skip-build)")
            return BuiltImage(reference: latest, tags: [], reused: true)
        }
        let archive = try SourceArchive.make(directory: sourceDirectory, dockerfile: service.dockerfile)
        if let existing = builder.existingImage(service, archive: archive, environment: context.environment) {
            reporter.info("\(name): source unchanged (sha256 \(archive.shortDigest), \(archive.summary)): no upload, no build; using \(existing)")
            return BuiltImage(reference: existing, tags: [], reused: true)
        }
        let activity = "building \(name)"
        let built = try await step(activity) { handle in
            try await builder.build(service, archive: archive, in: context, output: buildLog.output(handle, activity: activity),
                                    commitTag: GitCommit.tag(forSourceIn: sourceDirectory))
        }
        reporter.success("\(name): built \(built.reference), tagged \(built.tags.compactMap { $0.split(separator: ":").last }.joined(separator: ", "))")
        return built
    }

    private func spec(image: String, observed: CloudRunAPI.Service?, environment: Environment) -> CloudRunAPI.Service {
        let traffic: [CloudRunAPI.TrafficTarget]
        if options.noTraffic, let tag = options.revisionTag {
            if observed == nil {
                reporter.warning("\(name): first deploy: no earlier revision serves, so the new one takes all traffic despite --no-traffic")
            }
            traffic = TrafficPlan.noTraffic(observed: observed, tag: tag)
        } else if let tag = options.revisionTag {
            traffic = [CloudRunAPI.TrafficTarget(type: CloudRunAPI.TrafficTarget.latestType, percent: 100, tag: tag)]
        } else {
            traffic = TrafficPlan.serveLatest
        }
        return ServiceSpec.service(service, environment: environment, image: image,
                                   variables: ServiceVariables(service: service, environment: environment, urls: urls, redis: redis),
                                   traffic: traffic)
    }

    /// Property 34 / 36, and `--rollback-on-failure`.
    private func verify(_ result: inout ServiceDeployResult, servedBefore: String?, deployed: CloudRunAPI.Service,
                        in context: ResourceContext) async throws {
        guard options.verify else {
            result.health = "skipped"
            return
        }
        var url = (options.noTraffic ? result.tagURL : nil) ?? result.url ?? urls.url(of: name)
        if let edge = context.environment.edge, edge.services.contains(name) {
            let entrance: Result<String, EdgeEntrance.Unreachable> = options.noTraffic
                ? .failure(.init(description: "it takes traffic only through the edge, which sends none to a revision without traffic"))
                : await EdgeEntrance.url(of: name, edge: edge, in: context)
            switch entrance {
            case .success(let edgeURL):
                url = edgeURL
            case .failure(let reason):
                result.health = "unverifiable"
                reporter.warning("\(name) was not checked: \(reason). Cloud Run reports revision \(deployed.latestReadyRevision ?? "?") ready")
                return
            }
        }
        do {
            let outcome = try await step("checking \(url)\(options.healthCheck.path)") { _ in
                try await options.healthCheck.verify(service: name, url: url, isPublic: service.isPublic, in: context)
            }
            switch outcome {
            case .healthy:
                result.health = "ok"
                reporter.success("\(name): \(url)\(options.healthCheck.path) answered 200")
            case .unverifiable(let reason):
                result.health = "unverifiable"
                reporter.warning("\(name) is private and was not checked: \(reason). Cloud Run reports revision \(deployed.latestReadyRevision ?? "?") ready")
            }
        } catch let failure as HealthCheckFailedError {
            result.health = "failed"
            var rollback = RollbackNote.notRequested
            if options.noTraffic {
                rollback = .noTraffic(servedBefore)
            } else if options.rollbackOnFailure {
                if let servedBefore, servedBefore != deployed.latestReadyRevision {
                    _ = try await step("rolling \(name) back to \(servedBefore)") { _ in
                        try await CloudRunService.route(TrafficPlan.pinned(servedBefore), service: deployed,
                                                        region: context.environment.region, in: context)
                    }
                    result.rolledBackTo = servedBefore
                    rollback = .rolledBack(servedBefore)
                } else {
                    rollback = .nothingToRollBackTo
                }
            }
            throw VerificationFailedError(failure: failure, rollback: rollback, service: name)
        }
    }
}

/// `--skip-build` with no image to deploy.
public struct NoImageError: Error, Sendable, CustomStringConvertible {
    public var service: String
    public var image: String

    public var description: String {
        "there is no image \(image) to deploy with --skip-build; deploy \(service) without --skip-build to build one"
    }
}

/// What happened to traffic after a failed health check.
public enum RollbackNote: Sendable, Equatable {
    case notRequested
    case rolledBack(String)
    case nothingToRollBackTo
    /// `--no-traffic`: the new revision got none; the one named keeps serving.
    case noTraffic(String?)
}

/// A failed health check (property 36) and what became of the traffic.
public struct VerificationFailedError: Error, Sendable, CustomStringConvertible {
    public var failure: HealthCheckFailedError
    public var rollback: RollbackNote
    public var service: String

    public var description: String {
        switch rollback {
        case .rolledBack(let revision):
            "\(failure). Rolled back: all traffic is on \(revision) again"
        case .nothingToRollBackTo:
            "\(failure). Nothing to roll back to: no earlier revision served \(service)"
        case .noTraffic(let revision):
            "\(failure). The new revision got no traffic\(revision.map { "; \($0) keeps serving" } ?? "")"
        case .notRequested:
            "\(failure). The new revision serves all traffic; gcpctl rollback \(service) returns to the previous one (or deploy with --rollback-on-failure)"
        }
    }
}
