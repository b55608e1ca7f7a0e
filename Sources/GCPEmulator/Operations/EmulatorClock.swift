import Foundation

/// Wall-clock time plus an offset tests can advance, so that operations finish when a
/// test says rather than after a real wait.
final class EmulatorClock: Sendable {
    private let offset = Locked<Double>(0)

    func now() -> Date { Date().addingTimeInterval(offset.snapshot) }

    func advance(seconds: Double) { offset.withLock { $0 += seconds } }
}
