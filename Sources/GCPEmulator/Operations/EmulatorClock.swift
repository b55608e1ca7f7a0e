import Foundation

/// Wall-clock time plus an offset tests can advance, so that operations finish when a
/// test says rather than after a real wait. A frozen clock moves only when advanced: a test
/// that looks at an operation half-way must not depend on how long a loaded machine stalls
/// between two requests.
final class EmulatorClock: Sendable {
    private let offset = Locked<Double>(0)
    private let frozenAt: Date?

    init(frozen: Bool = false) {
        frozenAt = frozen ? Date() : nil
    }

    func now() -> Date { (frozenAt ?? Date()).addingTimeInterval(offset.snapshot) }

    func advance(seconds: Double) { offset.withLock { $0 += seconds } }
}
