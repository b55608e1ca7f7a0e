import Foundation

/// A value behind a lock. The emulator's state is small and every handler is quick, so
/// one lock per subject (state, log, faults) is simpler than actors and never holds an
/// await.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    var snapshot: Value { withLock { $0 } }
}
