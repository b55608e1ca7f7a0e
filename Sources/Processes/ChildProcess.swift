import CSpawn
import Foundation

/// A program gcpctl starts: the credentials helper of an executable-sourced credential, git
/// for an image's commit tag, the emulator's PostgreSQL servers, and in tests gcpctl itself.
/// Started with posix_spawn rather than Foundation's `Process`, whose `run()` on Linux
/// over-reads `/proc/self/fd` entries and crashes now and then (swift-corelibs-foundation
/// PR #5472, seen here in CI).
///
/// One thread per child waits for it, so the exit is known once, whoever asks; blocking
/// reads and waits never hold a thread of Swift concurrency's small pool.
public final class ChildProcess: Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// /dev/null.
        case null
        /// The same descriptor gcpctl has.
        case inherit
        /// A new pipe; the parent's end is `standardInput`/`standardOutput`/`standardError`.
        case pipe
        /// An open descriptor of the parent's (not closed by the child process).
        case descriptor(Int32)
    }

    /// How the child ended.
    public struct Termination: Sendable, Equatable, CustomStringConvertible {
        /// The exit status, or the signal's number when a signal ended it (as Foundation's
        /// `terminationStatus`).
        public var status: Int32
        public var signalled: Bool

        public init(status: Int32, signalled: Bool) {
            self.status = status
            self.signalled = signalled
        }

        public var exitedCleanly: Bool { !signalled && status == 0 }
        public var description: String { signalled ? "signal \(status)" : "exit \(status)" }
    }

    public struct SpawnFailure: Error, CustomStringConvertible {
        public var executable: String
        public var code: Int32
        public var description: String {
            "\(executable) could not be started: \(String(cString: strerror(code)))"
        }
    }

    public let id: pid_t
    public let executable: String
    /// The parent's ends of the streams given as `.pipe`.
    public let standardInput: FileHandle?
    public let standardOutput: FileHandle?
    public let standardError: FileHandle?
    private let state = ExitState()

    public init(_ executable: String, _ arguments: [String] = [], environment: [String: String]? = nil,
                directory: String? = nil, standardInput: Stream = .null, standardOutput: Stream = .inherit,
                standardError: Stream = .inherit, newProcessGroup: Bool = true) throws(SpawnFailure) {
        self.executable = executable
        var parentEnds: [Int32?] = [nil, nil, nil]
        var childEnds: [Int32] = [-1, -1, -1]
        var opened: [Int32] = []
        defer { for descriptor in opened { close(descriptor) } }
        for (index, stream) in [standardInput, standardOutput, standardError].enumerated() {
            switch stream {
            case .null: childEnds[index] = -1
            case .inherit: childEnds[index] = Int32(index)
            case .descriptor(let descriptor): childEnds[index] = descriptor
            case .pipe:
                var ends: [Int32] = [-1, -1]
                let code = cspawn_pipe(&ends)
                guard code == 0 else {
                    for case let end? in parentEnds { close(end) }
                    throw SpawnFailure(executable: executable, code: code)
                }
                // The child reads its input from the read end and writes output to the write end.
                let (parent, child) = index == 0 ? (ends[1], ends[0]) : (ends[0], ends[1])
                parentEnds[index] = parent
                childEnds[index] = child
                opened.append(child)
            }
        }
        let environment = environment ?? ProcessInfo.processInfo.environment
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let code = cspawn_start(&pid, executable, argv, envp, directory,
                                childEnds[0], childEnds[1], childEnds[2], newProcessGroup ? 1 : 0)
        guard code == 0 else {
            for case let end? in parentEnds { close(end) }
            throw SpawnFailure(executable: executable, code: code)
        }
        id = pid
        self.standardInput = parentEnds[0].map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
        self.standardOutput = parentEnds[1].map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
        self.standardError = parentEnds[2].map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
        let (state, started) = (self.state, pid)
        Thread.detachNewThread { state.finish(Self.reap(started)) }
    }

    /// Whether the child has not been seen to exit yet.
    public var isRunning: Bool { state.termination == nil }

    /// Sends `signal` unless the child has already exited (its id may belong to another
    /// process by then).
    public func send(_ signal: Int32) {
        state.whileRunning { kill(id, signal) }
    }

    /// Waits for the child to exit.
    public func exit() async -> Termination {
        await withCheckedContinuation { continuation in state.notify(continuation) }
    }

    /// Waits for the child to exit, blocking the calling thread: for synchronous callers only.
    public func exitBlocking() -> Termination {
        // The exit is recorded before any waiter is told, so it is known once this returns.
        exitBlocking(until: .distantFuture)!
    }

    /// Waits at most `seconds` for the child to exit, blocking the calling thread: how it
    /// ended, or nil while it still runs.
    public func exitBlocking(within seconds: Double) -> Termination? {
        exitBlocking(until: .now() + seconds)
    }

    private func exitBlocking(until deadline: DispatchTime) -> Termination? {
        let semaphore = DispatchSemaphore(value: 0)
        state.notify { _ in semaphore.signal() }
        _ = semaphore.wait(timeout: deadline)
        return state.termination
    }

    /// Sends `signal`, gives the child `grace` seconds to exit, then kills it; returns once
    /// it has exited. Blocks the calling thread.
    @discardableResult
    public func stop(_ signal: Int32, grace: Double) -> Termination {
        send(signal)
        if let termination = exitBlocking(within: grace) { return termination }
        send(SIGKILL)
        return exitBlocking()
    }

    /// Reads one of the parent's ends to its end on a thread of its own.
    public static func readToEnd(_ handle: FileHandle?) async -> Data {
        guard let handle else { return Data() }
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: handle.readDataToEndOfFile()) }
        }
    }

    /// Runs a program to its end: its termination and everything it wrote to stdout and stderr.
    public static func run(_ executable: String, _ arguments: [String] = [], environment: [String: String]? = nil,
                           directory: String? = nil) async throws(SpawnFailure) -> (termination: Termination, output: Data, errors: Data) {
        let child = try ChildProcess(executable, arguments, environment: environment, directory: directory,
                                     standardOutput: .pipe, standardError: .pipe)
        async let output = readToEnd(child.standardOutput)
        async let errors = readToEnd(child.standardError)
        let (out, err) = await (output, errors)
        return (await child.exit(), out, err)
    }

    private static func reap(_ pid: pid_t) -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return Termination(status: -1, signalled: false) }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import (they are macros).
        let signal = status & 0x7f
        return signal == 0 ? Termination(status: (status >> 8) & 0xff, signalled: false)
                           : Termination(status: signal, signalled: true)
    }
}

/// The child's exit, once known, and whoever waits for it.
private final class ExitState: @unchecked Sendable {
    private let lock = NSLock()
    private var result: ChildProcess.Termination?
    private var waiters: [@Sendable (ChildProcess.Termination) -> Void] = []

    var termination: ChildProcess.Termination? { lock.withLock { result } }

    func finish(_ termination: ChildProcess.Termination) {
        let waiting = lock.withLock {
            result = termination
            defer { waiters = [] }
            return waiters
        }
        for waiter in waiting { waiter(termination) }
    }

    func notify(_ waiter: @escaping @Sendable (ChildProcess.Termination) -> Void) {
        let known: ChildProcess.Termination? = lock.withLock {
            if result == nil { waiters.append(waiter) }
            return result
        }
        if let known { waiter(known) }
    }

    func notify(_ continuation: CheckedContinuation<ChildProcess.Termination, Never>) {
        notify { continuation.resume(returning: $0) }
    }

    func whileRunning(_ body: () -> Void) {
        lock.withLock { if result == nil { body() } }
    }
}
