import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program run on a real pseudo-terminal (openpty), as an operator runs it at a terminal
/// window: its standard input, output and error are the terminal, which is its controlling
/// terminal, so Ctrl-C typed into it (byte 0x03) reaches it as SIGINT through the line
/// discipline, and a resize reaches it as SIGWINCH. Everything it writes is kept, byte for
/// byte, for `TerminalScreen` to replay.
public final class PseudoTerminalProcess: @unchecked Sendable {
    public let pid: pid_t
    private let master: Int32
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var finishedReading = false
    private var exited = false
    private var masterClosed = false
    private let readerDone = DispatchSemaphore(value: 0)

    /// Starts `executable` on a terminal of `columns` × `rows`.
    public init(executable: URL, arguments: [String], environment: [String: String], directory: URL,
                columns: Int, rows: Int = 24) throws {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        var name = [CChar](repeating: 0, count: 128)
        guard openpty(&master, &slave, &name, nil, &size) == 0 else { throw PseudoTerminalError.openFailed(errno) }
        let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Only the child's own descriptors 0, 1 and 2 stay open in it.
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        defer { close(slave) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID (glibc, _GNU_SOURCE): a new session, so that opening the terminal
        // below makes it the child's controlling terminal; SETSIGMASK and SETSIGDEF give it
        // the default dispositions whatever the test runner's are.
        let setsid: Int32 = 0x80
        posix_spawnattr_setflags(&attributes, Int16(setsid | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGWINCH, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        // The shell changes directory and execs the program in its own place (same process,
        // same session and terminal): glibc's posix_spawn_file_actions_addchdir_np is not
        // visible to Swift.
        let shell = "/bin/sh"
        let argv = ([shell, "-c", "cd \"$0\" && exec \"$@\"", directory.path, executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, shell, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            throw PseudoTerminalError.spawnFailed(status)
        }
        pid = child
        self.master = master
        let reader = Thread { [self] in readUntilClosed() }
        reader.name = "pty.reader"
        reader.start()
    }

    /// Everything the program has written so far.
    public var output: [UInt8] { lock.withLock { bytes } }

    /// The output as text (for waiting on a prompt).
    public var text: String { String(decoding: output, as: UTF8.self) }

    /// Types `text` at the terminal: "y\n" answers a question, "\u{03}" is Ctrl-C.
    public func type(_ text: String) {
        let data = Array(text.utf8)
        _ = data.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Resizes the window; the kernel sends SIGWINCH to the program.
    public func resize(columns: Int, rows: Int = 24) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Waits, with a bound for a starved machine, until the output contains `text`.
    public func waitForOutput(_ text: String, timeout: Duration = .seconds(120)) async throws {
        try await waitUntil(timeout: timeout) { $0.contains(text) }
    }

    /// Waits, with the same bound, until the output satisfies `condition`.
    public func waitUntil(timeout: Duration = .seconds(120), _ condition: (String) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition(text) {
            guard ContinuousClock.now < deadline, !lock.withLock({ finishedReading }) || condition(text) else {
                throw PseudoTerminalError.outputNotSeen(text)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits for the program to exit and for the terminal to be drained; its exit status
    /// (128 + the signal for a program killed by one).
    public func waitForExit() async -> Int32 {
        let pid = self.pid
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread { [self] in
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                lock.withLock { exited = true }
                readerDone.wait()
                closeMaster()
                let signal = status & 0x7F
                continuation.resume(returning: signal == 0 ? (status >> 8) & 0xFF : 128 + signal)
            }
        }
    }

    /// The same, but a program still running after `timeout` (a bound for a starved
    /// machine: one that waits forever fails its test instead of hanging it) is killed, and
    /// its status is then 137.
    public func waitForExit(killingAfter timeout: Duration) async -> Int32 {
        let watchdog = Task { [self] in
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { kill() }
        }
        let status = await waitForExit()
        watchdog.cancel()
        return status
    }

    /// Ends the program if it is still running (a failed test must not leave it behind).
    public func kill() {
        lock.withLock {
            if !exited { _ = Glibc.kill(pid, SIGKILL) }
        }
    }

    private func closeMaster() {
        lock.withLock {
            if !masterClosed { close(master) }
            masterClosed = true
        }
    }

    /// A test that failed before waiting for the program still gives its terminal back.
    deinit {
        if !masterClosed { close(master) }
    }

    private func readUntilClosed() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count > 0 {
                lock.withLock { bytes += chunk[..<count] }
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                // EIO once the program and every copy of the terminal it had are closed.
                break
            }
        }
        lock.withLock { finishedReading = true }
        readerDone.signal()
    }
}

public enum PseudoTerminalError: Error, CustomStringConvertible {
    case openFailed(Int32)
    case spawnFailed(Int32)
    case outputNotSeen(String)

    public var description: String {
        switch self {
        case .openFailed(let code): "openpty failed: \(String(cString: strerror(code)))"
        case .spawnFailed(let code): "posix_spawn failed: \(String(cString: strerror(code)))"
        case .outputNotSeen(let output): "the awaited output did not appear; the terminal shows:\n\(output)"
        }
    }
}
