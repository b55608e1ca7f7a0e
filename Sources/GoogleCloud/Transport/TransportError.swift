/// A request that never produced an HTTP response.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The connection could not be made: nothing reached the server.
        case couldNotConnect
        /// The name did not resolve.
        case couldNotResolve
        /// The connect or total timeout passed.
        case timedOut
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

    public init(kind: Kind, url: String, detail: String) {
        self.kind = kind
        self.url = url
        self.detail = detail
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
        switch kind {
        case .couldNotConnect:
            return "Could not connect to \(host): \(detail). Check the network, a proxy (HTTPS_PROXY) or the endpoint override."
        case .couldNotResolve:
            return "Could not resolve \(host): \(detail). Check the network or DNS."
        case .timedOut:
            return "The request to \(host) timed out: \(detail). Check the network or a proxy, then run again (it is safe to repeat)."
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
}
