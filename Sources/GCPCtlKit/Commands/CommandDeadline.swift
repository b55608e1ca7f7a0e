/// How long a command that only reads may take in all: on a healthy project such a command
/// takes seconds, so one still running after minutes is held by an endpoint that answers
/// too slowly to be cut off per request (a byte a second passes the low-speed limit). It
/// then stops with one line and exit 1. Commands that change things have no such deadline:
/// stopping them halfway would leave work half done.
public struct CommandDeadlineError: Error, Sendable, CustomStringConvertible, ExitStatusProviding {
    public var command: String
    public var deadline: Duration

    public var description: String {
        "gcpctl \(command) did not finish within \(ProgressDisplay.format(deadline)): the endpoint answers too slowly. Check the endpoint override (GCPCTL_API_ENDPOINT), a proxy or the network."
    }

    public var exitStatus: ExitStatus { .configurationError }
}

public enum CommandDeadline {
    /// Commands that read and never change anything.
    public static let readOnlyCommands: Set<String> = ["plan", "urls", "list"]
    public static let standard = Duration.seconds(180)

    /// `command`'s deadline, nil when it has none; `GCPCTL_COMMAND_DEADLINE_S` replaces the
    /// standard one (for tests).
    public static func of(_ command: String, environment: [String: String]) -> Duration? {
        guard readOnlyCommands.contains(command) else { return nil }
        if let seconds = environment["GCPCTL_COMMAND_DEADLINE_S"].flatMap(Int.init), seconds > 0 { return .seconds(seconds) }
        return standard
    }
}
