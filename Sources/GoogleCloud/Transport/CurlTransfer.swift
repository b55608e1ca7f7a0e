import CCurl
import Foundation

/// One request in flight on the multi handle: its easy handle, the buffers curl writes
/// into, and the continuation to resume. Touched only on the multi handle's thread once
/// submitted.
final class CurlTransfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    let url: String
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var continuation: CheckedContinuation<HTTPResponse, any Error>?
    private var body = Data()
    private var headers = HTTPHeaders()
    private let limits: CurlTransport.Options
    /// The body passed `limits.maxResponseBytes`: the transfer was stopped there.
    private var exceededLimit = false
    /// A status line or a byte of body came: the server answered, however slowly.
    private var answered = false
    /// curl's own words for a failure ("Connection timed out after…"), sharper than its code's.
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init(request: HTTPRequest, options: CurlTransport.Options, continuation: CheckedContinuation<HTTPResponse, any Error>) throws {
        guard let easy = curl_easy_init() else {
            throw TransportError(kind: .other, url: request.url, detail: "curl_easy_init failed")
        }
        self.easy = easy
        self.url = request.url
        self.continuation = continuation
        self.limits = options
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        do {
            try configure(request, options: options)
        } catch {
            self.continuation = nil
            release()
            throw error
        }
    }

    private func configure(_ request: HTTPRequest, options: CurlTransport.Options) throws {
        try set(CURLOPT_URL, string: request.url)
        // The path goes out as built: libcurl would otherwise resolve `.`/`..` segments,
        // and a name must never reach another resource's path (APIPath encodes them too).
        try set(CURLOPT_PATH_AS_IS, 1)
        try set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_FOLLOWLOCATION, 0)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        try set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        try set(CURLOPT_ACCEPT_ENCODING, string: "")  // every encoding curl can decode
        try set(CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.milliseconds)
        try set(CURLOPT_TIMEOUT_MS, (request.timeout ?? options.timeout).milliseconds)
        try set(CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedBytesPerSecond)
        try set(CURLOPT_LOW_SPEED_TIME, max(1, Int(options.lowSpeedTime.components.seconds)))
        // A declared length past the limit fails before a byte of body is read.
        try check(ccurl_easy_setopt_offset(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxResponseBytes)))
        try set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        try set(CURLOPT_USERAGENT, string: options.userAgent)
        if request.bypassesProxy || URLParts(request.url)?.isNeverProxied == true {
            // Whatever http_proxy / HTTPS_PROXY / ALL_PROXY say: no proxy for loopback (the
            // emulator in tests) nor for the metadata server, whose tokens travel in clear.
            try set(CURLOPT_PROXY, string: "")
            try set(CURLOPT_NOPROXY, string: "*")
        }
        switch request.method {
        case .get: try set(CURLOPT_HTTPGET, 1)
        case .head: try set(CURLOPT_NOBODY, 1)
        case .post where request.body == nil: try set(CURLOPT_POST, 1); try setBody(Data())
        default: try set(CURLOPT_CUSTOMREQUEST, string: request.method.rawValue)
        }
        if let data = request.body { try setBody(data) }
        var fields = request.headers
        // curl adds "Expect: 100-continue" to larger bodies, costing a round trip.
        if fields["Expect"] == nil { fields.add("Expect", "") }
        for field in fields {
            headerList = curl_slist_append(headerList, "\(field.name): \(field.value)")
        }
        try set(CURLOPT_HTTPHEADER, pointer: UnsafeRawPointer(headerList))

        let this = Unmanaged.passUnretained(self).toOpaque()
        try check(ccurl_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, user in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(user!).takeUnretainedValue()
            let length = size * count
            // Counted after curl decompressed it, so a gzip bomb stops here too.
            guard transfer.body.count + length <= transfer.limits.maxResponseBytes else {
                transfer.exceededLimit = true
                return 0  // anything but `length` makes curl stop with CURLE_WRITE_ERROR
            }
            transfer.answered = true
            if let data { transfer.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length) }
            return length
        })
        try set(CURLOPT_WRITEDATA, pointer: this)
        try check(ccurl_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, user in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(user!).takeUnretainedValue()
            let length = size * count
            if let data {
                let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
                transfer.receivedHeaderLine(line)
            }
            return length
        })
        try set(CURLOPT_HEADERDATA, pointer: this)
        try set(CURLOPT_PRIVATE, pointer: this)
    }

    private func setBody(_ data: Data) throws {
        try check(ccurl_easy_setopt_offset(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(data.count)))
        // COPYPOSTFIELDS: curl keeps its own copy, so the Data need not outlive this call.
        try data.withUnsafeBytes { bytes in
            let base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)
            try set(CURLOPT_COPYPOSTFIELDS, pointer: base)
        }
    }

    private func receivedHeaderLine(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            answered = true
            headers = HTTPHeaders()  // a new response (after 100 Continue): start over
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return }
        let name = String(trimmed[..<colon])
        let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        headers.add(name, value)
    }

    /// Called on the multi thread when curl reports the transfer done.
    func complete(with code: CURLcode) {
        guard let continuation else { return }
        self.continuation = nil
        if code == CURLE_OK {
            var status = 0
            var version = 0
            ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            ccurl_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
            let versionText = version == Int(CURL_HTTP_VERSION_2_0) ? "2" : version == Int(CURL_HTTP_VERSION_3) ? "3" : "1.1"
            continuation.resume(returning: HTTPResponse(status: status, headers: headers, body: body, httpVersion: versionText))
        } else {
            continuation.resume(throwing: failure(code))
        }
        release()
    }

    /// Why the transfer failed, told apart where curl's code alone does not: a body past the
    /// limit, a connection never made, a server that never answered.
    private func failure(_ code: CURLcode) -> TransportError {
        if exceededLimit || code == CURLE_FILESIZE_EXCEEDED {
            return TransportError(kind: .responseTooLarge, url: url, detail: "more than \(TransportError.sizeText(limits.maxResponseBytes))")
        }
        guard code == CURLE_OPERATION_TIMEDOUT else { return CurlTransfer.error(for: code, url: url) }
        // Which timeout it was is in curl's own words ("Connection timed out after 10001 ms").
        let words = String(cString: errorBuffer)
        let detail = words.isEmpty ? String(cString: curl_easy_strerror(code)) : words
        // The transfer never began and not a byte of the request went out: the connection was
        // never made, and repeating even a create is safe. (A reused connection has no
        // connect time, so that alone is no sign; either sign of progress counts as sent.)
        var sent = 0
        var began: curl_off_t = 0
        ccurl_easy_getinfo_long(easy, CURLINFO_REQUEST_SIZE, &sent)
        ccurl_easy_getinfo_offset(easy, CURLINFO_PRETRANSFER_TIME_T, &began)
        if sent == 0 && began == 0 { return TransportError(kind: .couldNotConnect, url: url, detail: detail, isTimeout: true) }
        if answered { return TransportError(kind: .timedOut, url: url, detail: detail) }
        var elapsed: curl_off_t = 0
        ccurl_easy_getinfo_offset(easy, CURLINFO_TOTAL_TIME_T, &elapsed)
        // Silence ended by the request's own time limit rather than the low-speed window
        // (curl's "Operation too slow") is a slow answer, not a server that never answers:
        // only the latter makes EndpointBreaker give up on the host.
        if !words.contains("too slow") { return TransportError(kind: .timedOut, url: url, detail: detail) }
        return TransportError(kind: .noAnswer, url: url, detail: "not a byte in \(Duration.microseconds(elapsed).roundedSeconds)")
    }

    func cancel() {
        guard let continuation else { return }
        self.continuation = nil
        continuation.resume(throwing: CancellationError())
        release()
    }

    private func release() {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        headerList = nil
        errorBuffer.deallocate()
    }

    static func error(for code: CURLcode, url: String) -> TransportError {
        let detail = String(cString: curl_easy_strerror(code))
        let kind: TransportError.Kind = switch code {
        case CURLE_COULDNT_CONNECT: .couldNotConnect
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .couldNotResolve
        case CURLE_OPERATION_TIMEDOUT: .timedOut
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            .connectionLost
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE:
            .tls
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: .invalidURL
        default: .other
        }
        return TransportError(kind: kind, url: url, detail: detail)
    }

    private func set(_ option: CURLoption, _ value: Int) throws {
        try check(ccurl_easy_setopt_long(easy, option, value))
    }

    private func set(_ option: CURLoption, string: String) throws {
        // curl copies string options (since 7.17), so a temporary C string is enough.
        try check(string.withCString { ccurl_easy_setopt_pointer(easy, option, $0) })
    }

    private func set(_ option: CURLoption, pointer: UnsafeRawPointer?) throws {
        try check(ccurl_easy_setopt_pointer(easy, option, pointer))
    }

    private func check(_ code: CURLcode) throws {
        if code != CURLE_OK { throw CurlTransfer.error(for: code, url: url) }
    }
}

extension Duration {
    /// `1 s`, `30 s`, `1.5 s`.
    var roundedSeconds: String {
        let tenths = (milliseconds + 50) / 100
        return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
    }

    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
