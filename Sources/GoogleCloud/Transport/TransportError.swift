/// A request that never produced an HTTP response.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The connection could not be made: nothing reached the server.
        case couldNotConnect
        /// The name did not resolve.
        case couldNotResolve
        /// The total timeout passed, or the answer stalled part way.
        case timedOut
        /// The server accepted the request and then sent nothing, not even a status line,
        /// within the low-speed window (or the total timeout).
        case noAnswer
        /// The body passed the transport's limit (after decompression) and was not read further.
        case responseTooLarge
        /// The connection broke after the request may have been sent.
        case connectionLost
        /// The server's certificate or the TLS handshake failed.
        case tls
        /// Refused before sending: plain http to a host that is not loopback.
        case cleartextRefused
        case invalidURL
        case other
    }

    public let kind: Kind
    public let url: String
    public let detail: String
    /// The failure came from waiting (a connection never made in time, no answer, a stalled
    /// or too long transfer) rather than from an answer: such failures are tried again once
    /// only, as a server that kept gcpctl waiting once will likely do so again.
    public let isTimeout: Bool

    public init(kind: Kind, url: String, detail: String, isTimeout: Bool = false) {
        self.kind = kind
        self.url = url
        self.detail = detail
        self.isTimeout = isTimeout || kind == .timedOut || kind == .noAnswer
    }

    /// Whether the request certainly never reached the server, so that repeating even a
    /// non-idempotent call is safe.
    public var requestNeverSent: Bool {
        switch kind {
        case .couldNotConnect, .couldNotResolve, .cleartextRefused, .invalidURL: true
        default: false
        }
    }

    public var description: String {
        let host = URLParts(url)?.host ?? url
        let authority = URLParts(url)?.authority ?? url
        switch kind {
        case .couldNotConnect:
            return "Could not connect to \(host): \(detail). Check the network, a proxy (HTTPS_PROXY) or the endpoint override."
        case .couldNotResolve:
            return "Could not resolve \(host): \(detail). Check the network or DNS."
        case .timedOut:
            return "The request to \(host) timed out: \(detail). Check the network or a proxy, then run again (it is safe to repeat)."
        case .noAnswer:
            return "\(authority) accepted the connection but never answered (\(detail)). Check the endpoint override (GCPCTL_API_ENDPOINT), a proxy or the network."
        case .responseTooLarge:
            return "The answer from \(authority) was \(detail), far more than any answer gcpctl asks for, so it stopped reading. Check the endpoint override (GCPCTL_API_ENDPOINT) or a proxy."
        case .connectionLost:
            return "The connection to \(host) was lost: \(detail). Check the network or a proxy, then run again (it is safe to repeat)."
        case .tls:
            return "TLS with \(host) failed: \(detail). gcpctl always verifies certificates; check the system CA bundle or an intercepting proxy."
        case .cleartextRefused:
            return "Refused to send a request to \(url) over plain http: only loopback addresses may use http; use https."
        case .invalidURL:
            return "Invalid URL \(url): \(detail)."
        case .other:
            return "The request to \(host) failed: \(detail)."
        }
    }

    /// `64 MiB`, or the exact number of bytes when that is not a whole number of MiB.
    static func sizeText(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
