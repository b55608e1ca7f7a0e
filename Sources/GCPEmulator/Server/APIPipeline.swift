import Foundation

/// An API request's way through the emulator: route, authenticate, check the query and
/// body, inject faults, find the project, check the API is enabled, run the handler.
/// Each step that refuses answers in Google's shape and says why in the request log.
enum APIPipeline {
    static func handle(_ request: HTTPRequestMessage, core: EmulatorCore) async -> HTTPReply {
        let latency = core.configuration.latencyMilliseconds
        var outcome = Outcome()
        let response = await run(request, core: core, outcome: &outcome)
        core.record(
            request, api: outcome.api, methodID: outcome.route?.methodID, status: response?.status ?? 0,
            mutating: outcome.route.map { isMutating($0, body: request.body) } ?? !["GET", "HEAD", "OPTIONS", "CONNECT"].contains(request.method), fault: outcome.fault,
            rejected: outcome.rejected)
        guard let response else { return .drop(delayMilliseconds: latency + outcome.delay) }
        return .respond(response, delayMilliseconds: latency + outcome.delay)
    }

    /// What the log needs to know about how a request went.
    private struct Outcome {
        var api: String?
        var route: RouteMatch?
        var fault: String?
        var rejected: String?
        var delay = 0
    }

    /// The response, or nil to drop the connection.
    private static func run(_ request: HTTPRequestMessage, core: EmulatorCore, outcome: inout Outcome) async -> HTTPResponseMessage? {
        let segments = request.path.dropFirst().split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let (api, endpointLocation) = RegionalEndpoint.split(segments.first.map(String.init) ?? "")
        guard let router = Router.forAPI(api), segments.count == 2 else {
            return .error(.notFound("The requested URL \(request.path) was not found on this server."))
        }
        outcome.api = api
        let route: RouteMatch
        switch router.route(verb: request.method, path: String(segments[1])) {
        case .matched(let match): route = match
        case .noSuchPath:
            return .error(.notFound("The requested URL \(request.path) was not found on this server."))
        case .wrongVerb:
            return .error(.notFound("Method \(request.method) is not supported on \(request.path)."))
        }
        outcome.route = route

        guard let token = bearerToken(request.headers) else {
            return .error(.unauthenticated(
                "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential."))
        }
        if core.state.withLock({ $0.credentials.revokedTokens.contains(token) }) {
            return .error(.unauthenticated("Request had invalid authentication credentials. The access token was revoked."))
        }

        let query = QueryParameters(request.query)
        let body: JSONValue
        do {
            try QueryValidator.validate(query, route: route)
            try QueryValidator.validatePath(route)
            body = try checkedBody(request.body, route: route)
        } catch {
            outcome.rejected = error.message
            return .error(error)
        }

        var failure: String?
        switch core.faults.decide(methodID: route.methodID, httpMethod: request.method, path: request.path) {
        case .none: break
        case .respond(let code, let status, let message, let retryAfter):
            outcome.fault = String(code)
            var error = APIError(code: code, status: status, message: message, reason: code == 429 ? "rateLimitExceeded" : "backendError")
            if let retryAfter { error.headers = [("Retry-After", String(retryAfter))] }
            return .error(error)
        case .drop:
            outcome.fault = "drop"
            return nil
        case .delay(let milliseconds):
            outcome.fault = "delay"
            outcome.delay = milliseconds
        case .failOperation(let message):
            outcome.fault = "failOperation"
            failure = message
        case .body(let code, let contentType, let text):
            outcome.fault = "body \(code)"
            return HTTPResponseMessage(status: code, headers: [("Content-Type", contentType)], body: Array(text.utf8))
        }

        do {
            let answer = try core.withState { state -> DeferredAnswer in
                var project: String?
                if let reference = ProjectGate.reference(in: route, query: query) {
                    project = try ProjectGate.resolve(reference, state: &state)
                }
                if let project, core.configuration.apiGating {
                    try ProjectGate.checkEnabled(route, project: project, state: state)
                }
                if let quotaProject = request.header("x-goog-user-project") {
                    try QuotaProjectGate.check(quotaProject, route: route, caller: state.credentials.principal(of: token),
                                               apiGating: core.configuration.apiGating, state: &state)
                }
                let apiRequest = APIRequest(
                    route: route, query: query, body: body, rawBody: request.body, headers: request.headers,
                    now: core.clock.now(), project: project, baseURL: core.baseURL, configuration: core.configuration,
                    injectedOperationFailure: failure, faults: core.faults, endpointLocation: endpointLocation,
                    postgres: core.postgres,
                    serviceHealth: { [core] in core.currentRunHealthStatus(service: $0, revision: $1) })
                if let handler = APIRegistry.handlers[route.methodID] { return .now(try handler(apiRequest, &state)) }
                if let handler = APIRegistry.deferredHandlers[route.methodID] { return try handler(apiRequest, &state) }
                throw APIError.unimplemented("The emulator does not implement \(route.methodID) yet.")
            }
            switch answer {
            case .now(let response): return response
            case .later(let work): return try await work(core)
            }
        } catch let error as APIError {
            return .error(error)
        } catch {
            return .error(.internalError("The emulator failed: \(error)"))
        }
    }

    /// Whether the request log calls the request mutating: by its method, except that the
    /// Data API's `executeSql` mutates only when a statement is not a read.
    static func isMutating(_ route: RouteMatch, body: [UInt8]) -> Bool {
        guard route.methodID == "sqladmin.instances.executeSql" else { return route.method.isMutating }
        guard let json = try? JSONValue.parse(body), let sql = json["sqlStatement"]?.stringValue else { return true }
        return !SQLStatements.split(sql).allSatisfy(SQLStatements.isRead)
    }

    static func bearerToken(_ headers: [(String, String)]) -> String? {
        guard let header = headers.first(where: { $0.0.caseInsensitiveCompare("Authorization") == .orderedSame })?.1 else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// The JSON body checked against the method's request schema.
    private static func checkedBody(_ bytes: [UInt8], route: RouteMatch) throws(APIError) -> JSONValue {
        if route.isMediaUpload { return [:] }
        let isBlank = bytes.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard let schema = route.method.requestSchema else {
            guard isBlank else {
                throw .invalidArgument("\(route.methodID) takes no request body, but one was sent.", reason: "invalid")
            }
            return [:]
        }
        if isBlank { return [:] }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw .invalidArgument("Invalid JSON payload received. \(error.description).", reason: "parseError")
        }
        guard case .object = value else {
            throw .invalidArgument("Invalid JSON payload received. Expected an object, got \(value.typeName).", reason: "invalid")
        }
        try BodyValidator(schemas: route.document.schemas).validate(value, schemaNamed: schema)
        return value
    }
}
