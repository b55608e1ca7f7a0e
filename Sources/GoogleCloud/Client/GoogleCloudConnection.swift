import Foundation

/// Everything a command needs to talk to Google, assembled from the process environment:
/// endpoints, the credential chain's choice, one token cache, one client.
public struct GoogleCloudConnection: Sendable {
    public struct Options: Sendable {
        public var transport: CurlTransport.Options
        public var retryPolicy: RetryPolicy
        public var poller: OperationPoller
        public var maxConcurrentRequests: Int
        /// `x-goog-user-project` for every call, whatever the credentials (else `QuotaProject` chooses).
        public var quotaProject: String?
        /// The project the command works on: user credentials bill it when nothing else is named.
        public var targetProject: String?
        /// `--impersonate-service-account`.
        public var impersonateServiceAccount: String?
        public var tracer: HTTPTracer?
        /// Told every token and subject token the credentials handle.
        public var secrets: SecretSink
        /// Told, while a request waits long for its answer, which host is slow
        /// (`WaitNoticeTransport`); nil: nobody is told.
        public var waitNotice: (@Sendable (String) -> Void)?
        /// How long a request waits before `waitNotice` hears of it, and then how often.
        public var waitNoticeAfter: Duration = .seconds(10)
        /// Told once per host that could not be reached or did not answer (`EndpointBreaker`).
        public var onUnreachable: (@Sendable (EndpointBreaker.Unreachable) -> Void)?

        public init(transport: CurlTransport.Options = .init(), retryPolicy: RetryPolicy = .default,
                    poller: OperationPoller = .init(), maxConcurrentRequests: Int = 16,
                    quotaProject: String? = nil, targetProject: String? = nil, impersonateServiceAccount: String? = nil,
                    tracer: HTTPTracer? = nil, secrets: @escaping SecretSink = { _ in }) {
            self.transport = transport
            self.retryPolicy = retryPolicy
            self.poller = poller
            self.maxConcurrentRequests = maxConcurrentRequests
            self.quotaProject = quotaProject
            self.targetProject = targetProject
            self.impersonateServiceAccount = impersonateServiceAccount
            self.tracer = tracer
            self.secrets = secrets
        }

        /// Knobs read from the environment, for emulators and tests:
        /// `GCPCTL_HTTP_TIMEOUT_MS`, `GCPCTL_CONNECT_TIMEOUT_MS`, `GCPCTL_LOW_SPEED_TIME_S`,
        /// `GCPCTL_WAIT_NOTICE_MS`, `GCPCTL_RETRY_INITIAL_MS`, `GCPCTL_RETRY_MAX_ATTEMPTS`,
        /// `GCPCTL_POLL_INTERVAL_MS`.
        public static func fromEnvironment(_ environment: [String: String]) -> Options {
            var options = Options()
            func positive(_ name: String) -> Int? { environment[name].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } }
            if let timeout = positive("GCPCTL_HTTP_TIMEOUT_MS") { options.transport.timeout = .milliseconds(timeout) }
            if let timeout = positive("GCPCTL_CONNECT_TIMEOUT_MS") { options.transport.connectTimeout = .milliseconds(timeout) }
            if let seconds = positive("GCPCTL_LOW_SPEED_TIME_S") { options.transport.lowSpeedTime = .seconds(seconds) }
            if let notice = positive("GCPCTL_WAIT_NOTICE_MS") { options.waitNoticeAfter = .milliseconds(notice) }
            if let initial = environment["GCPCTL_RETRY_INITIAL_MS"].flatMap(Int.init), initial >= 0 {
                options.retryPolicy.initialBackoff = .milliseconds(initial)
                options.retryPolicy.maxBackoff = .milliseconds(max(initial * 16, initial))
            }
            if let attempts = environment["GCPCTL_RETRY_MAX_ATTEMPTS"].flatMap(Int.init), attempts > 0 {
                options.retryPolicy.maxAttempts = attempts
                options.retryPolicy.maxTimeouts = attempts
            }
            if let poll = environment["GCPCTL_POLL_INTERVAL_MS"].flatMap(Int.init), poll > 0 {
                options.poller.initialInterval = .milliseconds(poll)
                options.poller.maxInterval = .milliseconds(max(poll * 4, poll))
            }
            return options
        }
    }

    public let client: GoogleCloudClient
    public let credentials: any CredentialProvider
    public let poller: OperationPoller

    public init(client: GoogleCloudClient, credentials: any CredentialProvider, poller: OperationPoller) {
        self.client = client
        self.credentials = credentials
        self.poller = poller
    }

    public static func connect(environment: [String: String] = ProcessInfo.processInfo.environment,
                               options: Options? = nil,
                               transport: (any HTTPTransport)? = nil) async throws -> GoogleCloudConnection {
        let options = options ?? .fromEnvironment(environment)
        let transport = transport ?? options.waitNotice.map { notice in
            WaitNoticeTransport(base: CurlTransport(options: options.transport), after: options.waitNoticeAfter,
                                giveUpAfter: options.transport.lowSpeedTime, notice: notice)
        } ?? CurlTransport(options: options.transport)
        let endpoints = Endpoints(environment: environment)
        let credentials = try await CredentialChain(
            environment: environment, endpoints: endpoints, impersonate: options.impersonateServiceAccount,
            secrets: options.secrets
        ).resolve(transport: transport)
        let quotaProject = options.quotaProject
            ?? QuotaProject.choose(environment: environment, credentials: credentials, targetProject: options.targetProject)
        let client = GoogleCloudClient(
            transport: transport, endpoints: endpoints,
            tokens: TokenCache(provider: credentials, transport: transport, secrets: options.secrets),
            retryPolicy: options.retryPolicy, quotaProject: quotaProject,
            maxConcurrentRequests: options.maxConcurrentRequests, tracer: options.tracer,
            breaker: EndpointBreaker(onUnreachable: options.onUnreachable))
        return GoogleCloudConnection(client: client, credentials: credentials, poller: options.poller)
    }

    /// The project the credentials name, when nothing else does.
    public func credentialsProject() async -> String? {
        try? await credentials.projectID(transport: client.transport)
    }
}
