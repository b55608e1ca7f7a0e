import Foundation

/// Authenticated calls to Google's APIs: endpoints, the bearer token, retries with
/// backoff, errors decoded, every exchange traced (without secrets) when asked.
public final class GoogleCloudClient: Sendable {
    public let transport: any HTTPTransport
    public let endpoints: Endpoints
    public let tokens: TokenCache
    public let retryPolicy: RetryPolicy
    /// Sent as `x-goog-user-project`: the project quota and billing are charged to
    /// (`QuotaProject` decides it).
    public let quotaProject: String?
    let tracer: HTTPTracer?
    /// Hosts that did not answer: the calls after fail at once.
    public let breaker: EndpointBreaker
    /// Identity tokens for private Cloud Run services, by audience.
    let identityTokens = IdentityTokenCache()
    let limiter: AsyncLimiter
    let sleep: @Sendable (Duration) async throws -> Void

    public init(transport: any HTTPTransport, endpoints: Endpoints, tokens: TokenCache,
                retryPolicy: RetryPolicy = .default, quotaProject: String? = nil,
                maxConcurrentRequests: Int = 16, tracer: HTTPTracer? = nil, breaker: EndpointBreaker = EndpointBreaker(),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.transport = transport
        self.endpoints = endpoints
        self.tokens = tokens
        self.retryPolicy = retryPolicy
        self.quotaProject = quotaProject
        self.tracer = tracer
        self.breaker = breaker
        self.limiter = AsyncLimiter(limit: maxConcurrentRequests)
        self.sleep = sleep
    }

    /// The same client sending through `transport` (a layer over this one's, such as one
    /// that sends each read once): the same tokens, retries, tracing, breaker and bound on
    /// requests in flight.
    public func sending(through transport: any HTTPTransport) -> GoogleCloudClient {
        GoogleCloudClient(transport: transport, copying: self)
    }

    private init(transport: any HTTPTransport, copying client: GoogleCloudClient) {
        self.transport = transport
        endpoints = client.endpoints
        tokens = client.tokens
        retryPolicy = client.retryPolicy
        quotaProject = client.quotaProject
        tracer = client.tracer
        breaker = client.breaker
        limiter = client.limiter
        sleep = client.sleep
    }

    /// Sends `call`, repeating it while a retry rule allows, and returns its 2xx answer
    /// (or, for a retried create, the 409 that proves it done). Throws `GoogleAPIError`,
    /// `TransportError`, `CredentialsError`, or `CancellationError`.
    public func send(_ call: GoogleCall) async throws -> GoogleResponse {
        let url = call.absoluteURL ?? endpoints.url(call.api, call.path, query: call.query)
        let started = ContinuousClock.now
        let predicates = RetryPredicates.standard + call.retryAlso
        var attempt = 0
        var timeouts = 0
        var refreshedToken = false
        while true {
            attempt += 1
            try Task.checkCancellation()
            let failure: RetryPredicate.Failure
            var retryAfter: Duration?
            // A host that did not answer another call is not waited for again.
            try breaker.check(url)
            do {
                let token = try await tokens.token()
                let response = try await limiter.run { [self, attempt] in
                    breaker.noteSending(call)
                    return try await exchange(call, url: url, token: token, attempt: attempt)
                }
                breaker.noteAnswer(from: url)
                if response.isSuccess || call.acceptedStatuses.contains(response.status) {
                    return GoogleResponse(status: response.status, headers: response.headers, body: response.body,
                                          attempts: attempt, alreadyExistedAfterRetry: false)
                }
                let error = GoogleAPIError.decode(status: response.status, body: response.body, request: call.summary)
                if response.status == 409, attempt > 1, call.idempotency == .createWithFixedName, error.isAlreadyExists {
                    return GoogleResponse(status: response.status, headers: response.headers, body: response.body,
                                          attempts: attempt, alreadyExistedAfterRetry: true)
                }
                if response.status == 401, !refreshedToken {
                    // An expired or revoked token: fetch a new one once.
                    refreshedToken = true
                    await tokens.invalidate(token)
                    attempt -= 1
                    continue
                }
                if response.status == 401 {
                    // Refused again: the credentials themselves; later calls fail at once.
                    await tokens.reject(token, status: error.status.map { "401 \($0)" } ?? "401", reason: error.message)
                }
                failure = .api(error)
                retryAfter = RetryAfter.parse(response.headers["Retry-After"])
            } catch let error as TransportError {
                failure = .transport(error)
                if error.isTimeout { timeouts += 1 }
            }
            let elapsed = ContinuousClock.now - started
            guard call.isRetried, attempt < retryPolicy.maxAttempts, timeouts < retryPolicy.maxTimeouts,
                  predicates.contains(where: { $0.matches(failure, call.idempotency) }) else {
                throw finalFailure(failure)
            }
            let wait = retryPolicy.delay(afterAttempt: attempt, retryAfter: retryAfter)
            guard elapsed + wait < retryPolicy.deadline else { throw finalFailure(failure) }
            try await sleep(wait)
        }
    }

    /// The error a call ends with; a host that could not be reached is remembered.
    private func finalFailure(_ failure: RetryPredicate.Failure) -> any Error {
        if case .transport(let error) = failure { breaker.record(error) }
        return failure.error
    }

    /// Sends a request that is not an API call (a deployed service's own URL) as it is, once,
    /// within the same bound on requests in flight as the API calls.
    public func sendWithinLimit(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await limiter.run { [transport] in try await transport.send(request) }
    }

    private func exchange(_ call: GoogleCall, url: String, token: String, attempt: Int) async throws -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer \(token)")
        headers.add("Accept", "application/json")
        if call.body != nil { headers.add("Content-Type", call.contentType) }
        if let quotaProject { headers.add("x-goog-user-project", quotaProject) }
        for (name, value) in call.headers { headers.add(name, value) }
        let request = HTTPRequest(method: call.method, url: url, headers: headers, body: call.body, timeout: call.timeout)
        let started = ContinuousClock.now
        do {
            let response = try await transport.send(request)
            trace(call, url: url, attempt: attempt, started: started, status: response.status, body: response.body)
            return response
        } catch {
            trace(call, url: url, attempt: attempt, started: started, failure: "\(error)")
            throw error
        }
    }

    private func trace(_ call: GoogleCall, url: String, attempt: Int, started: ContinuousClock.Instant,
                       status: Int? = nil, body: Data? = nil, failure: String? = nil) {
        guard let tracer else { return }
        let textual = call.contentType.hasPrefix("application/json") || call.contentType.hasPrefix("application/x-www")
        tracer(HTTPTraceEvent(
            method: call.method.rawValue, url: Self.traceable(url), attempt: attempt, status: status, failure: failure,
            elapsed: ContinuousClock.now - started,
            requestBody: textual ? TraceRedaction.redact(call.body) : call.body.map { "(\($0.count) bytes)" },
            responseBody: TraceRedaction.redact(body, limit: 1024)))
    }
}

extension GoogleCloudClient {
    /// `url` with a resumable upload's `upload_id` hidden: whoever holds the session URI may
    /// write the object, so it is as good as a credential.
    static func traceable(_ url: String) -> String {
        guard let range = url.range(of: "upload_id=") else { return url }
        let end = url[range.upperBound...].firstIndex(of: "&") ?? url.endIndex
        return url.replacingCharacters(in: range.upperBound..<end, with: "REDACTED")
    }
}

extension RetryPredicate.Failure {
    var error: any Error {
        switch self {
        case .api(let error): error
        case .transport(let error): error
        }
    }
}

/// `Retry-After`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
enum RetryAfter {
    static func parse(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return .milliseconds(Int(seconds * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(max(0, Int(date.timeIntervalSince(now) * 1000)))
    }
}
