import Foundation
import GoogleCloud

/// The image a service is deployed from.
public struct BuiltImage: Sendable, Equatable {
    /// `…/SERVICE@sha256:…`: what the revision runs, so a redeploy of the same image is no change.
    public var reference: String
    /// The tags it was pushed with; empty when an earlier build was reused.
    public var tags: [String]
    /// Built before from the same source: neither uploaded nor built again.
    public var reused: Bool
    /// The Cloud Build build id, when built now.
    public var buildID: String?
}

/// Builds one service's image like `gcloud builds submit`: archive the source, upload it to
/// the staging bucket, run a Cloud Build build, wait for it. Skips upload and build when an
/// image built from the very same archive is in the registry already.
public struct ImageBuilder: Sendable {
    public var staging: StagingBucket
    /// The timestamp tag of this deploy (property 10), shared by every service.
    public var timestampTag: String
    /// `…/SERVICE:TAG` → `…/SERVICE@sha256:…`, read from the registry before any build.
    public var existingImages: [String: String]

    public init(staging: StagingBucket, timestampTag: String, existingImages: [String: String]) {
        self.staging = staging
        self.timestampTag = timestampTag
        self.existingImages = existingImages
    }

    /// `20250131-142501` (UTC), as the bash script's `date +%Y%m%d-%H%M%S`.
    public static func timestampTag(for date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }

    /// `…/SERVICE:TAG` → `…/SERVICE@sha256:…` for every tag of the repository's images.
    public static func imagesByTag(_ images: [ArtifactRegistryAPI.DockerImage]) -> [String: String] {
        var found: [String: String] = [:]
        for image in images {
            guard let uri = image.uri, let at = uri.firstIndex(of: "@") else { continue }
            for tag in image.tags ?? [] { found[String(uri[..<at]) + ":" + tag] = uri }
        }
        return found
    }

    /// The image built before from exactly this archive, if the registry still has it.
    public func existingImage(_ service: Environment.Service, archive: SourceArchive, environment: Environment) -> String? {
        existingImages[ImageName(service: service.name, environment: environment).tagged(ImageName.sourceTag(archive))]
    }

    public func build(
        _ service: Environment.Service, archive: SourceArchive, in context: ResourceContext, output: BuildOutput,
        commitTag: String? = nil
    ) async throws -> BuiltImage {
        let report = output.report
        let environment = context.environment
        let image = ImageName(service: service.name, environment: environment)
        let sourceTag = ImageName.sourceTag(archive)
        if let existing = existingImage(service, archive: archive, environment: environment) {
            return BuiltImage(reference: existing, tags: [], reused: true)
        }
        let object = StagingBucket.objectName(service: service.name, archive: archive)
        let uploaded = try await staging.upload(archive, as: object, in: context)
        report(uploaded ? "uploaded gs://\(staging.name)/\(object) (\(archive.summary))"
                        : "gs://\(staging.name)/\(object) is there already (\(archive.summary))")
        let request = BuildRequest.build(
            service: service, image: image, timestampTag: timestampTag, sourceTag: sourceTag,
            source: .init(bucket: staging.name, object: object), environment: environment, commitTag: commitTag)
        let finished: CloudBuildAPI.Build
        do {
            finished = try await run(request, service: service.name, image: image, in: context, output: output)
        } catch let failure as BuildFailedError where failure.isGooglesOwn {
            // Only a failure Google reports as its own (INTERNAL_ERROR, or EXPIRED: it never
            // started) is worth a second build of the same source. A build whose steps
            // failed would fail the same way: it is reported once, with its log's tail.
            report("\(failure.reason); Cloud Build reports \(failure.status ?? "?"), a failure of its own and not of the build's steps: building once more")
            finished = try await run(request, service: service.name, image: image, in: context, output: output)
        }
        let digest = finished.results?.images?.first { $0.name == image.tagged(timestampTag) }?.digest
            ?? finished.results?.images?.first?.digest
        guard let digest else {
            throw BuildFailedError(service: service.name, buildID: finished.id, logURL: finished.logUrl,
                                   reason: OperationError.failed(what: "building \(service.name)", message: "the build pushed no image"))
        }
        return BuiltImage(reference: image.pinned(digest), tags: request.images ?? [], reused: false, buildID: finished.id)
    }
}

extension ImageBuilder {
    /// Starts `request` (not idempotent: a repeat would start a second build, so after an
    /// uncertain failure this deploy's build, named by its timestamp tag and not failed, is
    /// looked for first) and waits for it, showing its log as it comes.
    func run(_ request: CloudBuildAPI.Build, service: String, image: ImageName, in context: ResourceContext,
             output: BuildOutput) async throws -> CloudBuildAPI.Build {
        let report = output.report
        let region = context.environment.region
        let started = try await UncertainCreate(following: context.cloud.retryPolicy).run(existing: {
            try await context.cloudBuild.builds(project: context.project, region: region, filter: "images=\"\(image.tagged(timestampTag))\"")
                .first { !$0.isFinished || $0.succeeded }
        }, create: {
            do {
                return try await context.cloudBuild.create(project: context.project, region: region, request)
            } catch let error as GoogleAPIError where BuildAccountActAsError.matches(error) {
                throw BuildAccountActAsError(account: context.environment.buildServiceAccount.email, message: error.message)
            }
        }, uncertain: { error in report("starting the build may not have completed (\(error)); checking before retrying") })
        report("build \(started.id ?? "?") started: \(started.logUrl ?? "")")
        let watcher = BuildWatcher(report: report)
        let log = BuildLogTail(build: started, storage: context.storage)
        let follow = { @Sendable (buildFinished: Bool) in
            guard let log else { return }
            let read = await log.read(buildFinished: buildFinished)
            if let reason = read.stoppedBecause { output.note("its log \(log.address) cannot be read (\(reason)); showing its status only") }
            read.lines.forEach(output.logLine)
        }
        do {
            let what = "building \(service)"
            let finished = try await context.cloudBuild.waitUntilFinished(
                started, project: context.project, region: region, what: what,
                timeout: .seconds(BuildRequest.timeoutSeconds + 300), poller: context.poller,
                progress: { progress in watcher.observe(progress.status) }, alongside: { await follow(false) })
            // The last lines may have come after the poll that saw the build finish.
            await follow(true)
            guard finished.succeeded else {
                throw BuildFailedError(service: service, buildID: started.id, logURL: started.logUrl,
                                       reason: CloudBuildAPI.failure(of: finished, what: what), status: finished.status,
                                       lastLogLines: log?.latestLines ?? [])
            }
            return finished
        } catch let error as OperationError {
            await follow(true)
            throw BuildFailedError(service: service, buildID: started.id, logURL: started.logUrl, reason: error,
                                   lastLogLines: log?.latestLines ?? [])
        } catch is CancellationError {
            throw BuildInterruptedError(service: service, buildID: started.id, logURL: started.logUrl)
        }
    }
}

/// Property 14: a failed build stops its service's deploy, with the build's own reason.
public struct BuildFailedError: Error, Sendable, CustomStringConvertible {
    public var service: String
    public var buildID: String?
    public var logURL: String?
    public var reason: OperationError
    /// How the build ended (FAILURE, INTERNAL_ERROR, …); nil when gcpctl stopped waiting.
    public var status: String?
    /// The end of the build's log (empty when it could not be read): why it failed, in the
    /// build's own words.
    public var lastLogLines: [String] = []

    /// Google's failure, not the build's steps': the only kind built again.
    public var isGooglesOwn: Bool {
        status.map(CloudBuildAPI.Build.infrastructureFailures.contains) ?? false
    }

    public var description: String {
        "\(reason). Nothing of \(service) was deployed; fix the build and deploy again"
    }
}

/// Ctrl-C while a build runs: the build goes on at Google; nothing was deployed.
public struct BuildInterruptedError: Error, Sendable, CustomStringConvertible, ExitStatusProviding {
    public var service: String
    public var buildID: String?
    public var logURL: String?

    public var description: String {
        "interrupted; its build \(buildID ?? "") continues on Google's side\(logURL.map { " (\($0))" } ?? ""), and nothing of \(service) was deployed"
    }

    public var exitStatus: ExitStatus { .interrupted }
}

/// Where a build's narration and log go while it runs.
public struct BuildOutput: Sendable {
    /// A line about the build: uploaded, started, its status.
    public var report: @Sendable (String) -> Void
    /// Each new whole line of its log.
    public var logLine: @Sendable (String) -> Void
    /// For --verbose: why its log is not shown.
    public var note: @Sendable (String) -> Void

    public init(report: @escaping @Sendable (String) -> Void, logLine: @escaping @Sendable (String) -> Void,
                note: @escaping @Sendable (String) -> Void) {
        self.report = report
        self.logLine = logLine
        self.note = note
    }
}

/// Reports a build's status once each time it changes.
final class BuildWatcher: Sendable {
    private let last = Locked<String?>(nil)
    let report: @Sendable (String) -> Void

    init(report: @escaping @Sendable (String) -> Void) {
        self.report = report
    }

    func observe(_ status: String?) {
        guard let status else { return }
        let changed = last.withLock { last in
            defer { last = status }
            return last != status
        }
        if changed { report("build \(status)") }
    }
}

/// builds.create refused with 403 because the caller may not run builds as the build
/// account: naming a `serviceAccount` needs `iam.serviceAccounts.actAs` on it
/// (https://cloud.google.com/build/docs/securing-builds/configure-user-specified-service-accounts).
public struct BuildAccountActAsError: Error, Sendable, CustomStringConvertible {
    public var account: String
    public var message: String

    static func matches(_ error: GoogleAPIError) -> Bool {
        error.httpStatus == 403 && (error.missingPermission == "iam.serviceAccounts.actAs"
            || error.message.contains("act as service account") || error.message.contains("iam.serviceAccounts.actAs"))
    }

    public var description: String {
        "Cloud Build refused to run the build as \(account) (\(message)): whoever deploys needs iam.serviceAccounts.actAs on that account. "
            + "Grant it with gcloud iam service-accounts add-iam-policy-binding \(account) --member=user:YOU --role=roles/iam.serviceAccountUser "
            + "(or serviceAccount:CI-ACCOUNT for a CI deployer), then deploy again"
    }
}
