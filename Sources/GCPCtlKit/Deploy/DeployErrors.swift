/// What stops a deploy before anything is built: each problem with what to do about it.
/// Exit status 1 (configuration or prerequisites): nothing was changed.
public struct DeployPreflightError: Error, Sendable, Equatable, CustomStringConvertible, ExitStatusProviding {
    public var problems: [String]

    public init(_ problems: [String]) {
        self.problems = problems
    }

    public var description: String {
        (problems.count == 1 ? problems[0] : "\(problems.count) problems stop the deploy: " + problems.joined(separator: "; "))
            + ". Nothing was changed"
    }

    public var exitStatus: ExitStatus { .configurationError }
}

/// A command names a service the environment does not declare.
public struct UnknownServiceError: Error, Sendable, Equatable, CustomStringConvertible, ExitStatusProviding {
    public var names: [String]
    public var available: [String]
    public var environment: String

    public var description: String {
        let list = names.map { "'\($0)'" }.joined(separator: ", ")
        let suggestion = names.count == 1 ? Suggestion.closest(to: names[0], in: available).map { " Did you mean '\($0)'?" } ?? "" : ""
        return "\(list) \(names.count == 1 ? "is not a service" : "are not services") of \(environment); "
            + "its services are \(available.joined(separator: ", ")).\(suggestion)"
    }

    public var exitStatus: ExitStatus { .configurationError }
}

extension Environment {
    /// The services `names` picks (all when empty), in file order.
    public func selectServices(_ names: [String]) throws(UnknownServiceError) -> [Service] {
        let unknown = names.filter { service(named: $0) == nil }
        guard unknown.isEmpty else {
            throw UnknownServiceError(names: unknown, available: services.map(\.name), environment: name)
        }
        return names.isEmpty ? services : services.filter { names.contains($0.name) }
    }
}

extension ExitStatus {
    /// For combining the statuses of several services: interrupted, then failed
    /// operations, then configuration errors.
    var severity: Int {
        switch self {
        case .success: 0
        case .unhealthy: 1
        case .configurationError: 2
        case .operationFailed: 3
        case .interrupted: 4
        }
    }
}

/// Ctrl-C while Cloud Run deploys a revision: the deploy goes on at Google; the next
/// `gcpctl deploy` finds it and carries on from there.
public struct CloudRunInterruptedError: Error, Sendable, CustomStringConvertible, ExitStatusProviding {
    /// `creating` or `updating`.
    public var activity: String
    public var service: String

    public var description: String {
        "interrupted; \(activity) Cloud Run service \(service) continues on Google's side; run gcpctl deploy again to finish"
    }

    public var exitStatus: ExitStatus { .interrupted }

    /// Runs `work`, turning its cancellation into this error.
    static func naming<Result: Sendable>(_ activity: String, service: String,
                                         _ work: () async throws -> Result) async throws -> Result {
        do {
            return try await work()
        } catch is CancellationError {
            throw CloudRunInterruptedError(activity: activity, service: service)
        }
    }
}
