/// Cloud Build v1: builds from a source tarball in Cloud Storage. A build is followed by
/// polling builds.get (its log needs extra permissions; its status does not).
public struct CloudBuildAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct Build: Codable, Sendable {
        public var id: String?
        public var name: String?
        public var status: String?
        public var statusDetail: String?
        public var source: Source?
        public var steps: [Step]?
        public var images: [String]?
        public var results: Results?
        public var options: Options?
        public var timeout: String?
        public var tags: [String]?
        public var serviceAccount: String?
        public var logUrl: String?
        public var logsBucket: String?
        public var createTime: String?
        public var startTime: String?
        public var finishTime: String?
        public var failureInfo: FailureInfo?
        public var substitutions: [String: String]?

        public init() {}

        public static let terminalStatuses: Set<String> = ["SUCCESS", "FAILURE", "INTERNAL_ERROR", "TIMEOUT", "CANCELLED", "EXPIRED"]
        /// Failures of Google's, not of the build's steps (Build.Status: INTERNAL_ERROR "Build or
        /// step failed due to an internal error"; EXPIRED "Build was enqueued for longer than
        /// the value of queue_ttl", so it never started). FAILURE is the steps' (or the push's,
        /// or fetching the source's), TIMEOUT the build's own length, CANCELLED a person's.
        public static let infrastructureFailures: Set<String> = ["INTERNAL_ERROR", "EXPIRED"]
        public var isFinished: Bool { status.map(CloudBuildAPI.Build.terminalStatuses.contains) ?? false }
        public var succeeded: Bool { status == "SUCCESS" }

        /// `WORKING, step 2 of 3 (gcr.io/cloud-builders/docker)`: where a running build is.
        public var progressStatus: String? {
            guard let status else { return nil }
            let steps = self.steps ?? []
            guard status == "WORKING", let index = steps.lastIndex(where: { $0.status == "WORKING" || $0.status == "SUCCESS" }) else {
                return status
            }
            return "\(status), step \(index + 1) of \(steps.count) (\(steps[index].name))"
        }

        /// Why it failed, in Google's words.
        public var failureMessage: String {
            [status, failureInfo?.detail ?? statusDetail].compactMap { $0 }.joined(separator: ": ")
        }
    }

    public struct Source: Codable, Sendable {
        public var storageSource: StorageSource?
        public init(storageSource: StorageSource?) { self.storageSource = storageSource }
    }

    public struct StorageSource: Codable, Sendable {
        public var bucket: String
        public var object: String
        public var generation: String?
        public init(bucket: String, object: String, generation: String? = nil) {
            self.bucket = bucket
            self.object = object
            self.generation = generation
        }
    }

    public struct Step: Codable, Sendable {
        public var id: String?
        public var name: String
        public var args: [String]?
        public var dir: String?
        public var entrypoint: String?
        public var env: [String]?
        public var waitFor: [String]?
        public var status: String?
        public init(name: String, args: [String]?, id: String? = nil) {
            self.name = name
            self.args = args
            self.id = id
        }
    }

    public struct Results: Codable, Sendable {
        public var images: [BuiltImage]?
    }

    public struct BuiltImage: Codable, Sendable {
        public var name: String?
        public var digest: String?
    }

    public struct Options: Codable, Sendable {
        public var logging: String?
        public var machineType: String?
        public var requestedVerifyOption: String?
        public init(logging: String? = nil, machineType: String? = nil) {
            self.logging = logging
            self.machineType = machineType
        }
    }

    public struct FailureInfo: Codable, Sendable {
        public var type: String?
        public var detail: String?
    }

    /// The Operation builds.create answers with; its metadata carries the Build.
    struct BuildOperation: Decodable {
        var name: String?
        var metadata: Metadata?
        struct Metadata: Decodable { var build: Build? }
    }

    /// Not idempotent: a repeat starts a second build.
    public func create(project: String, region: String, _ build: Build) async throws -> Build {
        let operation: BuildOperation = try await client.decode(
            GoogleCall(.post, .cloudBuild, "v1/projects/\(project)/locations/\(region)/builds", json: build))
        guard let started = operation.metadata?.build, started.id != nil else {
            throw OperationError.failed(what: "starting a build", message: "Cloud Build did not say which build it started")
        }
        return started
    }

    /// The region's builds matching `filter` (Cloud Build's filter language, e.g.
    /// `images="IMAGE:TAG"`), newest first.
    public func builds(project: String, region: String, filter: String) async throws -> [Build] {
        struct Page: Decodable, Sendable { var builds: [Build]?; var nextPageToken: String? }
        return try await client.listAll(
            GoogleCall(.get, .cloudBuild, "v1/projects/\(project)/locations/\(region)/builds", query: [("filter", filter)]),
            items: { (page: Page) in page.builds ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    public func build(project: String, region: String, id: String) async throws -> Build {
        try await client.get(.cloudBuild, "v1/projects/\(project)/locations/\(region)/builds/\(id)")
    }

    /// Polls the build until it finishes; throws with the build's own failure reason.
    /// `alongside` runs with each poll, at the same time (following the build's log), and
    /// the next poll waits for it.
    public func waitFor(_ build: Build, project: String, region: String, what: String, timeout: Duration = .seconds(3600),
                        poller: OperationPoller, progress: (@Sendable (OperationProgress) -> Void)? = nil,
                        alongside: (@Sendable () async -> Void)? = nil) async throws -> Build {
        let finished = try await waitUntilFinished(build, project: project, region: region, what: what, timeout: timeout,
                                                   poller: poller, progress: progress, alongside: alongside)
        guard finished.succeeded else { throw Self.failure(of: finished, what: what) }
        return finished
    }

    /// Polls the build until it finishes, however it ended.
    public func waitUntilFinished(_ build: Build, project: String, region: String, what: String, timeout: Duration = .seconds(3600),
                                  poller: OperationPoller, progress: (@Sendable (OperationProgress) -> Void)? = nil,
                                  alongside: (@Sendable () async -> Void)? = nil) async throws -> Build {
        guard let id = build.id else { return build }
        var polled = false
        var current = build
        return try await poller.wait(for: what, timeout: timeout, progress: progress) {
            async let sideWork: Void = alongside?() ?? ()
            if polled { current = try await self.build(project: project, region: region, id: id) }
            polled = true
            await sideWork
            return current.isFinished ? .done(current) : .pending(status: current.progressStatus)
        }
    }

    /// A finished, failed build as an error with its own reason and log URL.
    public static func failure(of build: Build, what: String) -> OperationError {
        .failed(what: what, message: build.failureMessage + (build.logUrl.map { " (log: \($0))" } ?? ""))
    }
}
