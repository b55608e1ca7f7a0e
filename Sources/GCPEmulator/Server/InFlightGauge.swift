/// How many requests the server is answering at once (received in full, their answer not
/// yet written; an injected delay or latency counts as answering), and the most there have
/// been, so a test can check a client's bound on requests in flight from the server's side.
/// The count drops before the answer is written, so it never runs ahead of the client's own.
final class InFlightGauge: Sendable {
    private let counts = Locked((current: 0, peak: 0))

    func enter() {
        counts.withLock { counts in
            counts.current += 1
            counts.peak = max(counts.peak, counts.current)
        }
    }

    func leave() {
        counts.withLock { $0.current -= 1 }
    }

    var peak: Int { counts.snapshot.peak }

    /// Starts counting the peak again from the requests in flight now.
    func resetPeak() {
        counts.withLock { $0.peak = $0.current }
    }
}
