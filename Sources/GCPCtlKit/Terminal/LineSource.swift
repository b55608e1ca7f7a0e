import Foundation

/// Where answers to prompts come from.
public protocol LineSource: Sendable {
    /// Whether a person can answer (standard input is a terminal).
    var isInteractive: Bool { get }
    /// The next line without its newline, or nil at end of input.
    func readLine() async -> String?
}

/// This process's standard input.
public struct StandardInput: LineSource {
    public init() {}

    public var isInteractive: Bool { isatty(STDIN_FILENO) == 1 }

    public func readLine() async -> String? {
        // Reading blocks; keep it off the cooperative thread pool.
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Swift.readLine(strippingNewline: true))
            }
        }
    }
}

/// Answers given in advance, for tests and scripted runs.
public final class ScriptedInput: LineSource {
    public let isInteractive: Bool
    private let answers: Locked<[String]>

    public init(_ answers: [String], isInteractive: Bool = true) {
        self.answers = Locked(answers)
        self.isInteractive = isInteractive
    }

    public func readLine() async -> String? {
        answers.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    /// The answers not read yet.
    public var remaining: [String] { answers.current }
}
