import Foundation

/// A thread of the emulator's own that runs jobs one at a time: where PostgreSQL servers
/// are started, matched to the emulator's state and stopped. It lives as long as they do,
/// and must: Linux delivers a child's parent-death signal when the *thread* that spawned
/// it ends, and Swift concurrency's and Dispatch's pool threads come and go. Created on
/// the first job, so an emulator that never needs a server has no such thread.
final class SupervisorThread: @unchecked Sendable {
    private let name: String
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var started = false
    private var finishing = false

    init(name: String) { self.name = name }

    /// Whether any job was ever given to it.
    var hasStarted: Bool { condition.withLock { started } }

    /// Runs `job` on the thread, after the jobs before it, and returns its result.
    func run<Result: Sendable>(_ job: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            enqueue { continuation.resume(returning: job()) }
        }
    }

    /// Lets the thread end once the jobs queued so far are done.
    func finish() {
        condition.withLock {
            finishing = true
            condition.signal()
        }
    }

    /// After `finish()` a job runs on the caller's thread: the jobs then only find that
    /// everything has stopped.
    private func enqueue(_ job: @escaping @Sendable () -> Void) {
        let queued = condition.withLock {
            guard !finishing else { return false }
            jobs.append(job)
            if !started {
                started = true
                let thread = Thread { [self] in loop() }
                thread.name = name
                thread.start()
            }
            condition.signal()
            return true
        }
        if !queued { job() }
    }

    private func loop() {
        while true {
            let job: (@Sendable () -> Void)? = condition.withLock {
                while jobs.isEmpty && !finishing { condition.wait() }
                return jobs.isEmpty ? nil : jobs.removeFirst()
            }
            guard let job else { return }
            job()
        }
    }

    /// Runs blocking `work` on a new thread of its own, off Swift concurrency's pool (two
    /// threads on a two-core machine, shared with everything else in the test process).
    static func detached<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }
}
