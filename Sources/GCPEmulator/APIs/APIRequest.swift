import Foundation

/// What an API handler gets: the matched method, the checked query and body, the
/// resolved project, and the means to start operations.
struct APIRequest: Sendable {
    var route: RouteMatch
    var query: QueryParameters
    /// The JSON body, `{}` when there was none (or it was media).
    var body: JSONValue
    var rawBody: [UInt8]
    var headers: [(String, String)]
    var now: Date
    /// The project the request names, resolved to its id (nil for `-` or none).
    var project: String?
    /// `http://127.0.0.1:PORT`, for self links and key files' `token_uri`.
    var baseURL: String
    var configuration: EmulatorConfiguration
    /// Set by a `failOperation` fault: the operation this request starts fails.
    var injectedOperationFailure: String?
    var faults: FaultEngine
    /// The location of a regional endpoint the request came through
    /// (`secretmanager.LOCATION.rep.googleapis.com`), nil for the global one.
    var endpointLocation: String? = nil
    /// The emulator's PostgreSQL servers, for the Data API.
    var postgres: PostgresServers? = nil
    /// The status a deployed Cloud Run service's revision answers now, without using up a
    /// `times` setting (what an uptime check sees).
    var serviceHealth: @Sendable (_ service: String, _ revision: String) -> Int = { _, _ in 200 }

    /// A path parameter (already percent-decoded), "" when absent.
    func path(_ name: String) -> String { route.pathParameters[name] ?? "" }

    func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    /// The project or a 400 when the request names none.
    func requireProject() throws -> String {
        guard let project else { throw APIError.invalidArgument("The request does not name a project.") }
        return project
    }

    var timestamp: String { RFC3339.format(now) }

    /// A resource name with the project as its id (`projects/NUMBER/...` becomes
    /// `projects/ID/...`), as the store keys names.
    func canonical(_ name: String) -> String {
        var parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if let project, parts.count > 1, parts[0] == "projects" { parts[1] = project }
        return parts.joined(separator: "/")
    }

    /// Starts an operation of `kind`, failing it when a fault says so.
    func startOperation(_ start: OperationEngine.Start, state: inout EmulatorState) -> JSONValue {
        var start = start
        if start.failure == nil {
            if let injectedOperationFailure {
                start.failure = injectedOperationFailure
                // A targeted failure counts as the target's one: the fault rate does not
                // fail the client's retry of it too.
                state.failedOnceTargets.insert(start.faultTarget ?? start.target)
            } else if faults.shouldFailOperation(target: start.faultTarget ?? start.target, failedOnce: &state.failedOnceTargets) {
                start.failure = "Operation failed (injected by the emulator's fault rate); retrying succeeds."
                start.byFaultRate = true
            }
        }
        return OperationEngine.start(
            start, state: &state, now: now, duration: configuration.operationDuration(kind: start.kind))
    }

    /// A page of `items` per the request's `pageSize` (or `maxResults`) and `pageToken`.
    func page(_ items: [JSONValue], defaultSize: Int = 500) throws -> Page {
        try Page.paginate(
            items, pageSize: query.int("pageSize") ?? query.int("maxResults"), pageToken: query["pageToken"],
            defaultSize: defaultSize, maximumSize: configuration.maxPageSize)
    }
}

/// A handler answers one discovery method, changing the state in place.
typealias APIHandler = @Sendable (APIRequest, inout EmulatorState) throws -> HTTPResponseMessage

/// A handler whose answer may need work that must not hold the state's lock (the Data API
/// on a real PostgreSQL): it answers now, or says what to do once the lock is released.
typealias DeferredAPIHandler = @Sendable (APIRequest, inout EmulatorState) throws -> DeferredAnswer

enum DeferredAnswer: Sendable {
    case now(HTTPResponseMessage)
    /// Runs after the lock is released; it takes the lock again itself when it needs to.
    case later(@Sendable (EmulatorCore) async throws -> HTTPResponseMessage)
}

extension HTTPResponseMessage {
    /// A resource answer without the emulator's `@` bookkeeping fields.
    static func resource(_ value: JSONValue, status: Int = 200) -> HTTPResponseMessage {
        .json(value.publicView, status: status)
    }

    static var empty: HTTPResponseMessage { .json([:]) }

    /// Cloud Storage answers some deletes with 204 and no body.
    static var noContent: HTTPResponseMessage { HTTPResponseMessage(status: 204) }
}
