import Foundation
import GoogleCloud

/// `gcpctl status`: every resource of the environment observed at once, shown as one
/// table per section (or one JSON document), with a health-check exit status.
public struct StatusWorkflow: Sendable {
    /// How long one check may take before it counts as unknown.
    public var timeout: Duration
    /// Requests in flight at once: enough for every read of a pass to go out together
    /// (about 30 for the development environment), so a pass is one round trip.
    public var concurrency: Int
    /// `--watch`: check again every interval until interrupted.
    public var watchInterval: Duration?
    /// Stops `--watch` after this many passes (tests); nil: until interrupted.
    public var maxPasses: Int?
    let sleep: @Sendable (Duration) async throws -> Void

    public init(timeout: Duration = .seconds(30), concurrency: Int = 64, watchInterval: Duration? = nil, maxPasses: Int? = nil,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.timeout = timeout
        self.concurrency = concurrency
        self.watchInterval = watchInterval
        self.maxPasses = maxPasses
        self.sleep = sleep
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        context.reporter.header("Status of \(environment.name) in project \(environment.project) (\(environment.region))")
        let connection = try await connector.connection()
        guard let interval = watchInterval else {
            let report = await check(context, connection: connection)
            try await connector.checkCredentialsAccepted()
            context.reporter.result(report.document) { report.show(on: context.reporter) }
            return report.exitStatus
        }
        var passes = 0
        var status = ExitStatus.success
        while maxPasses.map({ passes < $0 }) ?? true {
            try context.interrupts.checkNotInterrupted()
            let report = await check(context, connection: connection)
            try context.interrupts.checkNotInterrupted()
            try await connector.checkCredentialsAccepted()
            redraw(report, interval: interval, on: context.reporter)
            status = report.exitStatus
            passes += 1
            if maxPasses.map({ passes >= $0 }) ?? false { break }
            try await sleep(interval)
        }
        return status
    }

    /// One pass: a fresh read-once client over the connection's transport and token cache
    /// (one token for every pass), every observation started together.
    public func check(_ context: CommandContext, connection: GoogleCloudConnection) async -> StatusReport {
        let started = ContinuousClock.now
        let checkedAt = Date()
        let transport = ReadOnceTransport(connection.client.transport)
        let reporter = context.reporter
        var tracer: HTTPTracer?
        if reporter.settings.verbosity == .verbose {
            tracer = { (event: HTTPTraceEvent) in reporter.trace(event.line) }
        }
        let client = GoogleCloudClient(
            transport: transport, endpoints: connection.client.endpoints, tokens: connection.client.tokens,
            retryPolicy: connection.client.retryPolicy, quotaProject: connection.client.quotaProject,
            maxConcurrentRequests: concurrency,
            tracer: tracer, breaker: connection.client.breaker)
        // Legacy mode before setup wrote the scripts' instance down: look for it (one list).
        let (context, resourceContext, _) = await InstanceLookup.resolve(context, ResourceContext(
            cloud: client, poller: connection.poller, project: context.environment.project, environment: context.environment), always: false)
        let environment = context.environment
        let resources = ResourceKinds.declared(for: environment)
            + environment.services.map { CloudRunService($0, environment: environment) as any Resource }
        let rows = await StatusObserver(timeout: timeout).observe(resources, context: resourceContext,
                                                                  extraChecks: StatusCheck.extras)
        let counts = transport.requestCounts
        return StatusReport(environment: context.environment, rows: rows, checkedAt: checkedAt,
                            elapsed: ContinuousClock.now - started, requestsSent: counts.sent, requestsShared: counts.shared)
    }

    /// On a terminal the screen is cleared and the report drawn again; in a log or a pipe
    /// each pass is printed below the last, with its time.
    func redraw(_ report: StatusReport, interval: Duration, on reporter: Reporter) {
        if reporter.channel.outputRedraws {
            reporter.channel.write("\u{1B}[H\u{1B}[2J", to: .output)
        }
        let time = ISO8601DateFormatter().string(from: report.checkedAt)
        reporter.line("Status of \(report.environment) in project \(report.project) at \(time); every \(interval.components.seconds) s, Ctrl-C to stop")
        report.show(on: reporter)
    }
}
