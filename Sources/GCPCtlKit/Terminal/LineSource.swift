import Foundation

/// Where answers to prompts come from.
public protocol LineSource: Sendable {
    /// Whether a person can answer (standard input is a terminal).
    var isInteractive: Bool { get }
    /// The next line without its newline, or nil at end of input.
    func readLine() async -> String?
}

/// This process's standard input.
///
/// A line is read on a thread of its own (reading blocks), and the wait for it gives way to
/// cancellation: Ctrl-C at a question cancels the command's task, and the question returns
/// at once instead of when the next line comes (the thread stays blocked in `read`, and
/// goes with the process). Bytes are read with `read(2)`, not stdio, so that exiting never
/// waits for the lock of a `FILE` a blocked reader holds.
public struct StandardInput: LineSource {
    public init() {}

    public var isInteractive: Bool { isatty(STDIN_FILENO) == 1 }

    public func readLine() async -> String? {
        if Task.isCancelled { return nil }
        let reply = LineReply()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                reply.attach(continuation)
                Thread.detachNewThread { reply.resume(with: Self.buffer.nextLine()) }
            }
        } onCancel: {
            reply.resume(with: nil)
        }
    }

    /// Bytes read past the last line returned.
    private static let buffer = InputBuffer(descriptor: STDIN_FILENO)
}

/// A continuation resumed once: by the line read, or by cancellation, whichever comes first
/// (cancellation may come before the continuation exists).
private final class LineReply: Sendable {
    private struct State {
        var continuation: CheckedContinuation<String?, Never>?
        var answered = false
        var line: String?
    }

    private let state = Locked(State())

    func attach(_ continuation: CheckedContinuation<String?, Never>) {
        let early = state.withLock { state -> String?? in
            if state.answered { return .some(state.line) }
            state.continuation = continuation
            return .none
        }
        if let early { continuation.resume(returning: early) }
    }

    func resume(with line: String?) {
        let continuation = state.withLock { state -> CheckedContinuation<String?, Never>? in
            guard !state.answered else { return nil }
            state.answered = true
            state.line = line
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: line)
    }
}

/// Lines from a file descriptor, read with `read(2)`.
private final class InputBuffer: Sendable {
    private let descriptor: Int32
    private let pending = Locked<[UInt8]>([])

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The next line without its newline (or carriage return and newline); nil at the end.
    func nextLine() -> String? {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let line = pending.withLock { bytes -> [UInt8]? in
                guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
                defer { bytes.removeSubrange(...newline) }
                return Array(bytes[..<newline])
            }
            if let line { return Self.text(line) }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                pending.withLock { $0 += chunk[..<count] }
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                let rest = pending.withLock { bytes in defer { bytes = [] }; return bytes }
                return rest.isEmpty ? nil : Self.text(rest)
            }
        }
    }

    private static func text(_ bytes: [UInt8]) -> String {
        var line = String(decoding: bytes, as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        return line
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
