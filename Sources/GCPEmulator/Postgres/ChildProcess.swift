import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program the emulator starts and reaps itself (initdb, the postmaster), spawned with
/// `posix_spawn` rather than Foundation's `Process`: no descriptor of the emulator leaks
/// into it (a test's pipe held open by a long-lived postmaster would never reach EOF),
/// its signals start at their defaults (gcp-emulator ignores SIGINT and SIGTERM), it gets
/// a process group of its own (a terminal's Ctrl-C reaches the emulator, which stops it in
/// order), and only this type ever waits for it.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    struct SpawnFailed: Error, CustomStringConvertible {
        var program: String
        var code: Int32
        var description: String { "cannot run \(program): \(String(cString: strerror(code)))" }
    }

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `arguments[0]` (a path) with `environment`, standard input from /dev/null and
    /// standard output and error appended to `logPath`.
    static func spawn(_ arguments: [String], environment: [String: String], logPath: String) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        closeDescriptorsFromThree(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        var noSignal = sigset_t()
        sigemptyset(&noSignal)
        posix_spawnattr_setsigmask(&attributes, &noSignal)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard code == 0 else { throw SpawnFailed(program: arguments[0], code: code) }
        return ChildProcess(pid: pid)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34), looked up at run time:
    /// Swift's Glibc module leaves GNU extensions out. Without it, descriptors the emulator
    /// opened without close-on-exec could leak into the child.
    private static func closeDescriptorsFromThree(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    }

    /// Whether it has not exited yet (reaping it when it has).
    var isRunning: Bool { status(blocking: false) == nil }

    /// Waits for it to exit; its wait status.
    @discardableResult
    func waitForExit() -> Int32 { status(blocking: true) ?? 0 }

    /// Exited with status 0.
    var succeeded: Bool {
        let status = waitForExit()
        return status & 0x7f == 0 && (status >> 8) & 0xff == 0
    }

    func signal(_ signal: Int32) { if isRunning { kill(pid, signal) } }

    /// Asks it to stop with `signal`, waits up to `grace` seconds, then kills it.
    func stop(with signal: Int32, grace: Double) {
        self.signal(signal)
        let deadline = Date().addingTimeInterval(grace)
        while isRunning && Date() < deadline { usleep(10_000) }
        if isRunning { kill(pid, SIGKILL) }
        waitForExit()
    }

    private func status(blocking: Bool) -> Int32? {
        if let known = lock.withLock({ exitStatus }) { return known }
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if result == 0 { return nil }
            if result == -1 && errno == EINTR { continue }
            // -1 with ECHILD: another caller reaped it first; it is gone either way.
            let final = result == pid ? status : 0
            return lock.withLock {
                if exitStatus == nil { exitStatus = final }
                return exitStatus
            }
        }
    }
}
