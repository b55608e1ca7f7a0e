import Foundation

/// A running emulator: in-process for tests (`Emulator.start`), or inside `gcp-emulator`.
///
/// ```swift
/// let emulator = try await Emulator.start(EmulatorConfiguration())
/// defer { Task { await emulator.shutdown() } }
/// // point the client at emulator.baseURL
/// ```
public final class Emulator: Sendable {
    let core: EmulatorCore
    private let server: HTTPServer

    private init(core: EmulatorCore, server: HTTPServer) {
        self.core = core
        self.server = server
    }

    public static func start(_ configuration: EmulatorConfiguration = EmulatorConfiguration()) async throws -> Emulator {
        guard ["127.0.0.1", "::1", "localhost"].contains(configuration.host) else {
            throw EmulatorStartError.notLoopback(configuration.host)
        }
        let core = try EmulatorCore(configuration: configuration)
        // `localhost` may resolve to ::1 first; the emulator's URLs say 127.0.0.1.
        let host = configuration.host == "localhost" ? "127.0.0.1" : configuration.host
        let server = try await HTTPServer.start(host: host, port: configuration.port, gauge: core.inFlight) { request in
            await core.respond(to: request)
        }
        core.port = server.port
        return Emulator(core: core, server: server)
    }

    public var port: Int { server.port }

    /// Connections clients have opened to the emulator so far.
    public var acceptedConnections: Int { server.acceptedConnections }

    /// `http://127.0.0.1:PORT`: prefix of every route.
    public var baseURL: String { core.baseURL }

    /// The token endpoint URL to put in a key file's `token_uri`.
    public var tokenURI: String { baseURL + "/oauth2/token" }

    public var configuration: EmulatorConfiguration { core.configuration }

    /// Stops listening, then stops the PostgreSQL servers it started (their directories
    /// removed).
    public func shutdown() async {
        await server.shutdown()
        await core.postgres.shutdown()
        core.log.close()
    }

    // MARK: PostgreSQL

    /// What answers executeSql: the PostgreSQL installation found (and as whom it runs), or
    /// why the model answers. Looks for the installation when first asked.
    public var postgresDescription: String { core.postgres.describe() }

    /// The PostgreSQL clusters running now: Cloud SQL instance (`PROJECT/INSTANCE`), the
    /// postmaster's process id, the cluster's temporary directory.
    public var runningPostgresClusters: [(instance: String, pid: Int32, directory: String)] {
        core.postgres.running.map { ("\($0.instance.project)/\($0.instance.name)", $0.pid, $0.directory) }
    }

    // MARK: Request log

    public func requests() -> [RequestLogEntry] { core.log.all }

    public func clearRequests() { core.log.clear() }

    /// The most requests the emulator was answering at once (received, answer not yet sent,
    /// latency included) since it started or since `resetPeakConcurrentRequests()`: never
    /// more than the client had in flight.
    public var peakConcurrentRequests: Int { core.inFlight.peak }

    public func resetPeakConcurrentRequests() { core.inFlight.resetPeak() }

    // MARK: Faults and time

    public func inject(_ rule: FaultRule) { core.faults.add(rule) }

    /// Moves the emulator's clock forward: operations due by then finish on the next read.
    public func advanceClock(seconds: Double) { core.clock.advance(seconds: seconds) }

    /// Makes a deployed Cloud Run service's URLs answer `status` (by id, name or host);
    /// with a revision, only while that revision serves (a setting per revision wins).
    public func setServiceHealth(service: String, revision: String? = nil, status: Int) {
        core.setRunHealth(service: service, revision: revision, status: status)
    }

    /// Makes the next `times` requests to a deployed service's URLs answer `status`, then
    /// whatever they answered before: a service that is still starting up.
    public func setServiceHealth(service: String, revision: String? = nil, status: Int, times: Int) {
        core.setRunHealth(service: service, revision: revision, status: status, times: times)
    }

    /// The same as `setServiceHealth(service:status:)`.
    public func setRunHealth(service: String, status: Int) { core.setRunHealth(service: service, revision: nil, status: status) }

    // MARK: Credentials

    /// Trusts a public key for JWTs issued by `clientEmail` at the token endpoint.
    public func trustKey(clientEmail: String, publicKeyPEM: String) {
        core.trustKey(clientEmail: clientEmail, publicKeyPEM: publicKeyPEM)
    }

    /// Accepts an authorized_user refresh grant with these three values.
    public func registerRefreshToken(clientID: String, clientSecret: String, refreshToken: String) {
        core.registerRefreshToken(clientID: clientID, clientSecret: clientSecret, refreshToken: refreshToken)
    }

    /// API requests with this access token get 401 from now on.
    public func revoke(token: String) { core.revoke(token: token, refreshToken: nil) }

    /// Refresh grants with this refresh token get invalid_grant from now on.
    public func revoke(refreshToken: String) { core.revoke(token: nil, refreshToken: refreshToken) }

    /// Access tokens granted by the token endpoint and the metadata server so far.
    public var tokenGrantCount: Int { core.state.withLock { $0.credentials.grantCount } }

    // MARK: State

    /// A project as clients would see it: `projectId`, `projectNumber`,
    /// `enabledServices`, and `resources` by collection and name. Nil when unknown.
    public func state(project: String) -> JSONValue? {
        core.withState { state in
            guard let project = state.projects[project] else { return nil }
            var collections: [String: JSONValue] = [:]
            for (name, resources) in project.collections {
                collections[name] = JSONValue.object(resources).publicView
            }
            return [
                "projectId": .string(project.id), "projectNumber": .string(project.number),
                "enabledServices": .array(project.enabledServices.sorted().map(JSONValue.string)),
                "resources": .object(collections),
            ]
        }
    }

    /// One resource as clients would see it, e.g. `resource(project: "p", collection:
    /// "sqladmin.instances", name: "db")`.
    public func resource(project: String, collection: String, name: String) -> JSONValue? {
        core.withState { $0.resource(project, collection, name)?.publicView }
    }

    /// Changes the state behind the clients' back (arrange a drift, delete a resource).
    public func mutateState<Result>(_ body: (inout EmulatorState) throws -> Result) rethrows -> Result {
        try core.withState(body)
    }

    /// Every project, as the state file holds it.
    public func stateSnapshot() -> JSONValue { core.withState { StatePersistence.encode($0) } }
}
