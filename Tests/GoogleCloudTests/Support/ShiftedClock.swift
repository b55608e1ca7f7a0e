import Foundation

/// The time of day as a token cache sees it: the real time plus an offset the test moves
/// on by hand, so that a cached token reaches its refresh moment without a wait. Real time
/// underneath, because the providers stamp a token's expiry with the real time.
final class ShiftedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0

    func advance(seconds: TimeInterval) { lock.withLock { offset += seconds } }

    var now: @Sendable () -> Date { { [self] in Date().addingTimeInterval(lock.withLock { offset }) } }
}
