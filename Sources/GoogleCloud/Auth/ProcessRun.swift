import Foundation
import Processes

/// One run of a credentials helper, with a time limit: its exit status and what it wrote.
struct ProcessRun: Sendable {
    var status: Int32
    var output: Data
    var errorText: String
    var timedOut: Bool

    static func run(_ arguments: [String], environment: [String: String], timeout: Duration) async throws -> ProcessRun {
        guard FileManager.default.isExecutableFile(atPath: arguments[0]) else {
            throw SubjectTokenFailure("the command \(arguments[0]) is not an executable file")
        }
        let child: ChildProcess
        do {
            child = try ChildProcess(arguments[0], Array(arguments.dropFirst()), environment: environment,
                                     standardOutput: .pipe, standardError: .pipe)
        } catch {
            throw SubjectTokenFailure("the command \(arguments[0]) could not be started: \(String(cString: strerror(error.code)))")
        }
        // The time limit runs on a dispatch timer, not a task: a busy cooperative pool must
        // not let a command outlive it.
        let clock = TimeoutFlag()
        let watchdog = DispatchWorkItem {
            clock.fire()
            child.send(SIGTERM)
        }
        let queue = DispatchQueue.global()
        queue.asyncAfter(deadline: .now() + .milliseconds(timeout.milliseconds), execute: watchdog)
        // A command that ignores SIGTERM is not waited for long.
        let killer = DispatchWorkItem { child.send(SIGKILL) }
        queue.asyncAfter(deadline: .now() + .milliseconds(timeout.milliseconds + 2000), execute: killer)
        let output = Task { await ChildProcess.readToEnd(child.standardOutput) }
        let errors = Task { await ChildProcess.readToEnd(child.standardError) }
        let termination = await child.exit()
        watchdog.cancel()
        killer.cancel()
        // A command stopped for its time limit may have left a child holding its output
        // open: what it wrote does not matter any more, so it is not waited for.
        if clock.fired { return ProcessRun(status: termination.status, output: Data(), errorText: "", timedOut: true) }
        let (out, err) = (await output.value, await errors.value)
        return ProcessRun(status: termination.status, output: out,
                          errorText: String(decoding: err, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
                          timedOut: false)
    }
}

/// Whether the time limit struck, set from the watchdog's task.
private final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func fire() { lock.withLock { value = true } }
    var fired: Bool { lock.withLock { value } }
}
