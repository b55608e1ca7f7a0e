/// gcpctl's exit statuses (docs/architecture.md).
public enum ExitStatus: Int32, Sendable, Codable {
    case success = 0
    /// Prerequisites or configuration: credentials, environment files, flags (argument
    /// errors too, instead of ArgumentParser's 64), validation, refused prompts.
    case configurationError = 1
    /// A resource operation failed; the summary lists every failure.
    case operationFailed = 2
    /// `status` found something missing, drifted or unhealthy.
    case unhealthy = 3
    /// SIGINT or SIGTERM.
    case interrupted = 130

    /// The status for an error that ended a command. Errors of other layers choose theirs by
    /// conforming to `ExitStatusProviding`; anything else is a failed operation.
    public static func of(_ error: any Error) -> ExitStatus {
        switch error {
        case let error as any ExitStatusProviding: error.exitStatus
        case is ConfigurationError, is PromptError: .configurationError
        case is InterruptedError, is CancellationError: .interrupted
        default: .operationFailed
        }
    }
}

/// An error that knows which exit status it means.
public protocol ExitStatusProviding: Error {
    var exitStatus: ExitStatus { get }
}

/// A command whose capability has not been built yet.
public struct CommandUnavailableError: ExitStatusProviding, CustomStringConvertible {
    public var command: String

    public init(command: String) {
        self.command = command
    }

    public var exitStatus: ExitStatus { .configurationError }
    public var description: String { "gcpctl \(command) is not available yet in this build" }
}
