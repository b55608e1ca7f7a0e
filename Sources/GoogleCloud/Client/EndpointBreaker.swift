import Synchronization

/// Remembers the hosts that could not be reached or did not answer, once a call's attempts
/// are spent, so that the calls after it fail at once with the same error instead of each
/// waiting again; and tells `onUnreachable`, once per host, so that a command can stop and
/// say it once. Only a host that never answered in this command is judged so: one that has
/// answered before and fails one call now (a slow answer, a dropped connection) is having a
/// bad moment, and the call's own retries and uncertainty handling deal with it. Whether a
/// change had been sent by then travels with it: a command that has changed nothing yet can
/// stop outright, one halfway through its changes still reports them.
public final class EndpointBreaker: Sendable {
    public struct Unreachable: Sendable {
        public var error: TransportError
        /// A request that may change something had been sent before the host failed.
        public var changesSent: Bool
    }

    private struct State {
        var failed: [String: TransportError] = [:]
        var answered: Set<String> = []
        var changesSent = false
    }

    private let state = Mutex(State())
    let onUnreachable: (@Sendable (Unreachable) -> Void)?

    public init(onUnreachable: (@Sendable (Unreachable) -> Void)? = nil) {
        self.onUnreachable = onUnreachable
    }

    /// Throws the error `url`'s host failed with, if it has.
    func check(_ url: String) throws {
        let host = URLParts(url)?.authority ?? url
        if let error = state.withLock({ $0.failed[host] }) { throw error }
    }

    /// `url`'s host answered (with any status): it is there.
    func noteAnswer(from url: String) {
        let host = URLParts(url)?.authority ?? url
        state.withLock { _ = $0.answered.insert(host) }
    }

    func noteSending(_ call: GoogleCall) {
        guard call.mayChangeState else { return }
        state.withLock { $0.changesSent = true }
    }

    /// A call failed with `error` after its last attempt.
    func record(_ error: TransportError) {
        guard error.meansBadEndpoint else { return }
        let host = URLParts(error.url)?.authority ?? error.url
        let first = state.withLock { state -> Unreachable? in
            guard state.failed[host] == nil, !state.answered.contains(host) else { return nil }
            state.failed[host] = error
            return Unreachable(error: error, changesSent: state.changesSent)
        }
        if let first { onUnreachable?(first) }
    }
}

extension TransportError {
    /// The host could not be reached, took the request and never answered, or answered
    /// what no Google API would: nothing to retry later in the same command, and a problem
    /// of the endpoint or the network, not of one call.
    public var meansBadEndpoint: Bool {
        switch kind {
        case .couldNotConnect, .couldNotResolve, .noAnswer, .tls, .responseTooLarge: true
        default: false
        }
    }
}

extension GoogleCall {
    /// Everything but reads: GET, HEAD, the POST that reads an IAM policy and a POST the
    /// caller marked as `onlyReads`.
    var mayChangeState: Bool {
        !onlyReads && method != .get && method != .head && !path.hasSuffix(":getIamPolicy")
    }
}
