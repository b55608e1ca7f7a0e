import Foundation

/// The emulator behind the socket: configuration, state, log, faults and clock, and the
/// first split of every request into control, credentials, metadata or API.
final class EmulatorCore: Sendable {
    let configuration: EmulatorConfiguration
    let state: Locked<EmulatorState>
    let log: RequestLog
    let faults: FaultEngine
    let clock: EmulatorClock
    /// The status each deployed Cloud Run service's URL answers, by service id.
    let runHealth = Locked<[String: Int]>([:])
    /// Statuses a service's URLs answer for a number of requests first, by the same keys.
    let runHealthOverrides = Locked<[String: (status: Int, remaining: Int)]>([:])
    /// Requests being answered at once, and the most so far.
    let inFlight = InFlightGauge()
    private let boundPort = Locked<Int>(0)
    /// The PostgreSQL servers behind the Data API, started on the first executeSql that needs one.
    let postgres: PostgresServers

    init(configuration: EmulatorConfiguration) throws {
        self.configuration = configuration
        clock = EmulatorClock(frozen: configuration.frozenClock)
        var initial = EmulatorState()
        initial.createsProjectsOnDemand = configuration.projects.isEmpty
        if let path = configuration.statePath { try StatePersistence.load(path: path, into: &initial) }
        for project in configuration.projects { initial.addProject(project) }
        state = Locked(initial)
        log = try RequestLog(path: configuration.requestLogPath)
        faults = FaultEngine(configuration: configuration)
        postgres = PostgresServers(choice: configuration.postgres, log: configuration.log ?? { _ in })
        // Set as `/_emulator/run-health` sets it, so that the control route can undo it.
        for (service, status) in configuration.serviceHealth {
            setRunHealth(service: service, revision: nil, status: status)
        }
    }

    var port: Int {
        get { boundPort.snapshot }
        set { boundPort.withLock { $0 = newValue } }
    }

    var baseURL: String { configuration.host == "::1" ? "http://[::1]:\(port)" : "http://127.0.0.1:\(port)" }

    func respond(to request: HTTPRequestMessage) async -> HTTPReply {
        let path = request.path
        if path.hasPrefix("/_emulator/") || path == "/_emulator" {
            return .respond(ControlAPI.handle(request, core: self), delayMilliseconds: 0)
        }
        if path == "/oauth2/token" || path == "/token" {
            return TokenEndpoint.handle(request, core: self)
        }
        if path.hasPrefix("/sts/") {
            return SecurityTokenService.handle(request, core: self)
        }
        if path == "/oauth2/tokeninfo" {
            return TokenInfoEndpoint.handle(request, core: self)
        }
        if StorageResumableUploads.isSessionRequest(request) {
            return StorageResumableUploads.handle(request, core: self)
        }
        if path.hasPrefix(RunAppProxy.prefix) {
            return RunAppProxy.handle(request, core: self)
        }
        if path.hasPrefix(LoadBalancerProxy.prefix) {
            return LoadBalancerProxy.handle(request, core: self)
        }
        if path == "/" || path.hasPrefix("/computeMetadata") {
            return MetadataServer.handle(request, core: self)
        }
        return await APIPipeline.handle(request, core: self)
    }

    /// Runs `body` on the state after settling due operations, and saves the state file
    /// when anything changed.
    func withState<Result>(_ body: (inout EmulatorState) throws -> Result) rethrows -> Result {
        try state.withLock { state in
            let before = state.changeCount
            OperationEngine.settleAll(state: &state, now: clock.now())
            defer {
                if state.changeCount != before, let path = configuration.statePath {
                    StatePersistence.save(state, path: path)
                }
            }
            return try body(&state)
        }
    }

    /// Appends a log line for a request.
    func record(
        _ request: HTTPRequestMessage, api: String?, methodID: String?, status: Int, mutating: Bool,
        fault: String? = nil, rejected: String? = nil, body: JSONValue? = nil
    ) {
        let bearer = request.header("Authorization").map { $0.lowercased().hasPrefix("bearer ") && $0.count > 7 } ?? false
        log.append(RequestLogEntry(
            time: clock.now(), method: request.method, url: request.uri, api: api, methodID: methodID, status: status,
            body: body.map(LoggedBody.redacted) ?? LoggedBody.make(request.body), bearer: bearer, mutating: mutating,
            fault: fault, rejected: rejected))
    }
}
