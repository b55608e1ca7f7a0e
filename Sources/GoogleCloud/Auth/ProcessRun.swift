import Foundation

/// One run of a program, with a time limit: its exit status and what it wrote. The
/// blocking reads and the wait happen on threads of their own, never on the few threads
/// Swift concurrency has.
struct ProcessRun: Sendable {
    var status: Int32
    var output: Data
    var errorText: String
    var timedOut: Bool

    static func run(_ arguments: [String], environment: [String: String], timeout: Duration) async throws -> ProcessRun {
        guard FileManager.default.isExecutableFile(atPath: arguments[0]) else {
            throw SubjectTokenFailure("the command \(arguments[0]) is not an executable file")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SubjectTokenFailure("the command \(arguments[0]) could not be started: \(error.localizedDescription)")
        }
        // The time limit runs on a dispatch timer, not a task: a busy cooperative pool must
        // not let a command outlive it.
        let clock = TimeoutFlag()
        let watchdog = DispatchWorkItem {
            clock.fire()
            process.terminate()
        }
        let queue = DispatchQueue.global()
        queue.asyncAfter(deadline: .now() + .milliseconds(timeout.milliseconds), execute: watchdog)
        // A command that ignores SIGTERM is not waited for long.
        let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        queue.asyncAfter(deadline: .now() + .milliseconds(timeout.milliseconds + 2000), execute: killer)
        let output = Task { await read(stdout.fileHandleForReading) }
        let errors = Task { await read(stderr.fileHandleForReading) }
        await waitForExit(process)
        watchdog.cancel()
        killer.cancel()
        // A command stopped for its time limit may have left a child holding its output
        // open: what it wrote does not matter any more, so it is not waited for.
        if clock.fired { return ProcessRun(status: process.terminationStatus, output: Data(), errorText: "", timedOut: true) }
        let (out, err) = (await output.value, await errors.value)
        return ProcessRun(status: process.terminationStatus, output: out,
                          errorText: String(decoding: err, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
                          timedOut: false)
    }

    private static func read(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: handle.readDataToEndOfFile()) }
        }
    }

    private static func waitForExit(_ process: Process) async {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }
}

/// Whether the time limit struck, set from the watchdog's task.
private final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func fire() { lock.withLock { value = true } }
    var fired: Bool { lock.withLock { value } }
}
