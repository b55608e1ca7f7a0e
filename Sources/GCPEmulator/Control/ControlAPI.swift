/// `/_emulator/...`: the routes tests, demos and benchmarks use to arrange and inspect the
/// emulator (docs/emulator.md "Control API"). No auth, no faults, no latency, not logged.
enum ControlAPI {
    static func handle(_ request: HTTPRequestMessage, core: EmulatorCore) -> HTTPResponseMessage {
        let route = String(request.path.dropFirst("/_emulator".count))
        let body = (try? JSONValue.parse(request.body)) ?? [:]
        switch (request.method, route) {
        case ("GET", "/health"):
            return .json(["status": "ok", "port": .int(core.port)])
        case ("GET", "/requests"):
            return .json(.array(core.log.all.map(\.json)))
        case ("DELETE", "/requests"):
            core.log.clear()
            return .json([:])
        case ("POST", "/faults"):
            switch FaultRule.fromJSON(body) {
            case .success(let rule):
                core.faults.add(rule)
                return .json(["added": true])
            case .failure(let error):
                return .error(error)
            }
        case ("POST", "/keys"):
            guard let email = body["clientEmail"]?.stringValue, let pem = body["publicKeyPem"]?.stringValue else {
                return .error(.invalidArgument("Expected {\"clientEmail\",\"publicKeyPem\"}."))
            }
            core.trustKey(clientEmail: email, publicKeyPEM: pem)
            return .json(["trusted": true])
        case ("POST", "/workload-identity-providers"):
            guard let project = body["project"]?.stringValue, let pool = body["pool"]?.stringValue,
                  let provider = body["provider"]?.stringValue, let issuer = body["issuerUri"]?.stringValue
            else {
                return .error(.invalidArgument(
                    "Expected {\"project\",\"pool\",\"provider\",\"issuerUri\"} and optionally \"allowedAudiences\" and \"attributeMapping\"."))
            }
            let audience = core.withState { state in
                WorkloadIdentityProviders.add(
                    project: project, pool: pool, provider: provider, issuerURI: issuer,
                    allowedAudiences: body["allowedAudiences"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    attributeMapping: body["attributeMapping"]?.objectValue?.compactMapValues(\.stringValue) ?? ["google.subject": "assertion.sub"],
                    state: &state)
            }
            return .json(["audience": .string(audience)])
        case ("POST", "/refresh-tokens"):
            guard let clientID = body["clientId"]?.stringValue, let secret = body["clientSecret"]?.stringValue,
                let token = body["refreshToken"]?.stringValue
            else { return .error(.invalidArgument("Expected {\"clientId\",\"clientSecret\",\"refreshToken\"}.")) }
            core.registerRefreshToken(clientID: clientID, clientSecret: secret, refreshToken: token)
            return .json(["registered": true])
        case ("POST", "/revoke"):
            let token = body["token"]?.stringValue
            let refreshToken = body["refreshToken"]?.stringValue
            guard token != nil || refreshToken != nil else {
                return .error(.invalidArgument("Expected {\"token\"} or {\"refreshToken\"}."))
            }
            core.revoke(token: token, refreshToken: refreshToken)
            return .json(["revoked": true])
        case ("GET", "/state"):
            // The state file's form, bookkeeping included, so a test can see e.g. when an
            // account becomes visible.
            return .json(core.withState { StatePersistence.encode($0) })
        case ("POST", "/clock"):
            guard let seconds = body["advanceSeconds"]?.intValue, seconds >= 0 else {
                return .error(.invalidArgument("Expected {\"advanceSeconds\": N}."))
            }
            core.clock.advance(seconds: Double(seconds))
            return .json(["now": .string(RFC3339.format(core.clock.now()))])
        case ("POST", "/certificates"): return ComputeCertificateControls.handle(body, core: core)
        case ("POST", "/run-health"):
            guard let service = body["service"]?.stringValue, let status = body["status"]?.intValue, (100...599).contains(status),
                body["times"].map({ ($0.intValue ?? 0) > 0 }) ?? true
            else {
                return .error(.invalidArgument("Expected {\"service\",\"status\"} and optionally \"revision\" and \"times\" (N > 0)."))
            }
            let times = body["times"]?.intValue
            core.setRunHealth(service: service, revision: body["revision"]?.stringValue, status: status, times: times)
            return .json(["service": .string(service), "revision": body["revision"] ?? .null, "status": .int(status),
                          "times": times.map(JSONValue.int) ?? .null])
        case ("POST", "/uptime-checks"):
            return UptimeCheckResults.control(body, core: core)
        default:
            return .error(.notFound("No control route \(request.method) \(request.path)."))
        }
    }
}
