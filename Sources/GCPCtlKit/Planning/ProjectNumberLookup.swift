import GoogleCloud

/// The environment's project number, asked once per command and shared by every resource
/// that needs it (a bucket compares it with the number of the project that holds it).
/// A command that knows the number already (deploy) hands it over instead.
public final class ProjectNumberLookup: Sendable {
    private let answer = Locked<Task<String, any Error>?>(nil)

    public init(known number: String? = nil) {
        if let number { answer.withLock { $0 = Task { number } } }
    }

    /// The number, asking Service Usage the first time; concurrent callers share one request.
    func number(in context: ResourceContext) async throws -> String {
        let task = answer.withLock { task in
            if let task { return task }
            let project = context.project, serviceUsage = context.serviceUsage
            let started = Task { () async throws -> String in
                guard let number = try await serviceUsage.projectNumber(project: project) else {
                    throw ProjectNumberUnknownError(project: project)
                }
                return number
            }
            task = started
            return started
        }
        do {
            return try await task.sharedValue()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // A failed lookup (a dropped connection) is asked again by the next caller.
            answer.withLock { if $0 == task { $0 = nil } }
            throw error
        }
    }
}

extension ResourceContext {
    /// The number of `project`, looked up at most once for this command.
    public func projectNumber() async throws -> String {
        try await projectNumbers.number(in: self)
    }

    /// This context, with the project's number already known (deploy reads it anyway).
    public func knowing(projectNumber number: String) -> ResourceContext {
        ResourceContext(cloud: cloud, poller: poller, project: project, environment: environment, events: events, serial: serial,
                        projectNumbers: ProjectNumberLookup(known: number), current: current)
    }
}
