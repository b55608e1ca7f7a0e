import GoogleCloud

/// What every resource verb works with: the connected client, the project, the
/// environment, and where to report progress and notes.
public struct ResourceContext: Sendable {
    public let cloud: GoogleCloudClient
    public let poller: OperationPoller
    public let project: String
    public let environment: Environment
    public let events: ExecutionEvents
    /// Serialises changes that Google refuses to run side by side (one Cloud SQL
    /// operation per instance).
    public let serial: SerialGate
    /// The project's number, asked once and shared (bucket ownership compares it).
    public let projectNumbers: ProjectNumberLookup
    /// The resource being worked on, for progress and notes.
    public var current: ResourceID?

    public init(cloud: GoogleCloudClient, poller: OperationPoller, project: String, environment: Environment,
                events: ExecutionEvents = .ignored, serial: SerialGate = SerialGate(),
                projectNumbers: ProjectNumberLookup = ProjectNumberLookup(), current: ResourceID? = nil) {
        self.serial = serial
        self.projectNumbers = projectNumbers
        self.cloud = cloud
        self.poller = poller
        self.project = project
        self.environment = environment
        self.events = events
        self.current = current
    }

    public func working(on id: ResourceID) -> ResourceContext {
        var context = self
        context.current = id
        return context
    }

    /// Hand to `waitFor(progress:)` so a long operation reports while it runs.
    public var progress: @Sendable (OperationProgress) -> Void {
        let events = events
        let id = current
        return { report in if let id { events.progress(id, report) } }
    }

    /// Something the user should know that does not stop the work.
    public func note(_ text: String) {
        if let current { events.note(current, text) }
    }

    public var serviceUsage: ServiceUsageAPI { ServiceUsageAPI(cloud) }
    public var resourceManager: ResourceManagerAPI { ResourceManagerAPI(cloud) }
    public var iam: IAMAPI { IAMAPI(cloud) }
    public var storage: StorageAPI { StorageAPI(cloud) }
    public var secretManager: SecretManagerAPI { SecretManagerAPI(cloud) }
    public var artifactRegistry: ArtifactRegistryAPI { ArtifactRegistryAPI(cloud) }
    public var sqlAdmin: SQLAdminAPI { SQLAdminAPI(cloud) }
    public var cloudRun: CloudRunAPI { CloudRunAPI(cloud) }
    public var cloudBuild: CloudBuildAPI { CloudBuildAPI(cloud) }
    public var compute: ComputeAPI { ComputeAPI(cloud) }
}

/// Where the executor and resources report: the terminal's progress display in gcpctl,
/// a recorder in tests.
public struct ExecutionEvents: Sendable {
    public var started: @Sendable (ResourceID, PlanAction) -> Void
    public var progress: @Sendable (ResourceID, OperationProgress) -> Void
    public var finished: @Sendable (ResourceID, ResourceOutcome) -> Void
    public var note: @Sendable (ResourceID, String) -> Void

    public init(started: @escaping @Sendable (ResourceID, PlanAction) -> Void = { _, _ in },
                progress: @escaping @Sendable (ResourceID, OperationProgress) -> Void = { _, _ in },
                finished: @escaping @Sendable (ResourceID, ResourceOutcome) -> Void = { _, _ in },
                note: @escaping @Sendable (ResourceID, String) -> Void = { _, _ in }) {
        self.started = started
        self.progress = progress
        self.finished = finished
        self.note = note
    }

    public static let ignored = ExecutionEvents()
}
