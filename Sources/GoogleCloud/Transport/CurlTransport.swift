import Foundation

/// HTTP over libcurl: async/await on top of one shared multi handle (`CurlMulti`).
///
/// Always verifies TLS; plain http only to loopback (the emulator) or when the request
/// says the metadata server needs it. Honours the proxy variables curl honours
/// (`https_proxy`, `HTTPS_PROXY`, `no_proxy`...), except for loopback and the metadata
/// server (link-local addresses, `metadata.google.internal`), never proxied. Offers HTTP/2 to https servers, asks for
/// gzip (Google compresses only for a User-Agent that says "gzip" too), and keeps
/// connections open between requests.
///
/// Trusts no server with its memory or its time: a body is cut at `maxResponseBytes` after
/// decompression, a connection must be made within `connectTimeout`, a transfer that moves
/// fewer than `lowSpeedBytesPerSecond` for `lowSpeedTime` is abandoned (a server that
/// accepts and never answers), and none outlasts `timeout`.
public struct CurlTransport: HTTPTransport {
    public struct Options: Sendable {
        public var connectTimeout: Duration
        public var timeout: Duration
        public var userAgent: String
        /// The most a response body may hold, decompressed. Google's answers to gcpctl's calls
        /// are kilobytes; a build log is read in ranges.
        public var maxResponseBytes: Int
        /// Below this many bytes a second (sent or received) for `lowSpeedTime`, a transfer
        /// is abandoned as stalled.
        public var lowSpeedBytesPerSecond: Int
        /// Whole seconds; curl's granularity.
        public var lowSpeedTime: Duration

        public init(connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(60),
                    userAgent: String = "gcpctl/\(GoogleCloudVersion.string) (gzip)",
                    maxResponseBytes: Int = 64 << 20, lowSpeedBytesPerSecond: Int = 1, lowSpeedTime: Duration = .seconds(30)) {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.userAgent = userAgent
            self.maxResponseBytes = maxResponseBytes
            self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
            self.lowSpeedTime = lowSpeedTime
        }
    }

    public let options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let parts = URLParts(request.url) else {
            throw TransportError(kind: .invalidURL, url: request.url, detail: "not an absolute http or https URL")
        }
        if parts.scheme == "http" && !parts.isLoopback && !request.allowsCleartext {
            throw TransportError(kind: .cleartextRefused, url: request.url, detail: "plain http")
        }
        try Task.checkCancellation()
        let multi = CurlMulti.shared
        let box = TransferBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                do {
                    let transfer = try CurlTransfer(request: request, options: options, continuation: continuation)
                    box.transfer = transfer
                    multi.submit(transfer)
                    if box.isCancelled { multi.cancel(transfer) }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            if let transfer = box.cancel() { multi.cancel(transfer) }
        }
    }
}

/// Hands the transfer from the submitting task to its cancellation handler, which may
/// run on another thread before or after the transfer exists.
private final class TransferBox: @unchecked Sendable {
    private let lock = NSLock()
    private var _transfer: CurlTransfer?
    private var cancelled = false

    var transfer: CurlTransfer? {
        get { lock.withLock { _transfer } }
        set { lock.withLock { _transfer = newValue } }
    }

    var isCancelled: Bool { lock.withLock { cancelled } }

    func cancel() -> CurlTransfer? {
        lock.withLock {
            cancelled = true
            return _transfer
        }
    }
}
