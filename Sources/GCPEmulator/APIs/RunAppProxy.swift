import Foundation

/// A deployed Cloud Run service's own URLs, served at `/run.app/HOST/PATH` where HOST is
/// `SERVICE-NUMBER.REGION.run.app`, the legacy `SERVICE-HASH-RC.a.run.app`, or a tag's
/// `TAG---SERVICE-NUMBER.REGION.run.app`. The main hosts reach the revision with the
/// largest traffic share (the first of equals), a tag host its revision. Answers: 404 for
/// an unknown host, 503 before a revision is ready; unless the service is public
/// (`allUsers` holds `roles/run.invoker`, or `invokerIamDisabled`), 403 without an
/// `Authorization` header, 401 when its bearer is not an identity token (`IdentityTokens`)
/// for one of the service's URLs (an access token never is), and 403 when the token's
/// account holds `roles/run.invoker` neither on the service nor on the project, as Cloud
/// Run answers (https://cloud.google.com/run/docs/authenticating/service-to-service);
/// else the status set with `/_emulator/run-health` (200 by default) and a small JSON body:
/// `GET /health` gives `{"status":"ok","service","revision"}`, other paths
/// `{"service","revision","path"}`. A service whose ingress is not `INGRESS_TRAFFIC_ALL`
/// answers requests from the internet with Google's 404 page; behind a load balancer
/// (`LoadBalancerProxy`) internal-and-cloud-load-balancing lets them in. Why a request was
/// refused is in the log's `rejected`.
enum RunAppProxy {
    static let prefix = "/run.app/"

    static func handle(_ request: HTTPRequestMessage, core: EmulatorCore) -> HTTPReply {
        let (host, path) = hostAndPath(of: request, after: prefix)
        let target = core.withState { state in route(host: host, state: state) }
        return .respond(serve(request, url: "https://\(host)", path: path, target: target, via: .internet, api: "run.app", core: core),
                        delayMilliseconds: 0)
    }

    /// `/run.app/HOST/PATH` → (`host`, `/PATH`), the host in lower case.
    static func hostAndPath(of request: HTTPRequestMessage, after prefix: String) -> (host: String, path: String) {
        let rest = request.path.dropFirst(prefix.count)
        return (String(rest.prefix { $0 != "/" }).lowercased(), String(rest.drop { $0 != "/" }))
    }

    /// How a request reached the service: straight from the internet to its run.app URL, or
    /// through an external Application Load Balancer. The service's ingress setting decides
    /// which it takes (https://cloud.google.com/run/docs/securing/ingress).
    enum Arrival {
        case internet
        case loadBalancer
    }

    /// Answers `request` for `target`, writes Cloud Run's request log and the emulator's.
    static func serve(_ request: HTTPRequestMessage, url: String, path: String, target: Target, via arrival: Arrival,
                      api: String, core: EmulatorCore) -> HTTPResponseMessage {
        let path = path.isEmpty ? "/" : path
        let (response, rejected) = answer(request, path: path, target: target, via: arrival, core: core)
        if case .revision(let service, let revision, _, let project, let location) = target {
            // Cloud Run's request log: every request the service received, whatever it answered.
            let now = core.clock.now()
            core.withState { state in
                RunRequestLog.write(project: project, service: service, revision: revision, location: location, request: request,
                                    url: url + path, status: response.status, responseSize: response.body.count, now: now, state: &state)
            }
        }
        core.record(request, api: api, methodID: nil, status: response.status, mutating: false, rejected: rejected)
        return response
    }

    enum Target {
        case unknown
        case notReady
        case revision(service: String, revision: String, access: Access, project: String, location: String)
    }

    /// Who may call a service: everyone, or the holders of `roles/run.invoker` presenting an
    /// identity token whose audience is one of its URLs.
    struct Access {
        var isPublic: Bool
        var audiences: Set<String>
        var invokers: Set<String>
        /// `INGRESS_TRAFFIC_ALL`, `INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER` or `INGRESS_TRAFFIC_INTERNAL_ONLY`.
        var ingress: String

        /// Whether traffic arriving this way gets in. Google's own callers in the project
        /// (Pub/Sub, Cloud Scheduler, uptime checks) count as internal on run.app URLs.
        func admits(_ arrival: Arrival) -> Bool {
            switch arrival {
            case .internet: ingress == "INGRESS_TRAFFIC_ALL"
            case .loadBalancer: ingress == "INGRESS_TRAFFIC_ALL" || ingress == "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"
            }
        }
    }

    static func route(host: String, state: EmulatorState) -> Target {
        let url = "https://" + host
        for (projectID, project) in state.projects {
            for (name, service) in project.collections[CloudRunServicesAPI.collection] ?? [:] {
                let statuses = service["trafficStatuses"]?.arrayValue ?? []
                let chosen: JSONValue?
                if service["urls"]?.arrayValue?.contains(.string(url)) == true || service["uri"] == .string(url) {
                    chosen = statuses.max { ($0["percent"]?.intValue ?? 0) < ($1["percent"]?.intValue ?? 0) }
                } else if let tagged = statuses.first(where: { $0["uri"] == .string(url) }) {
                    chosen = tagged
                } else {
                    continue
                }
                guard let revision = chosen?["revision"]?.stringValue, !revision.isEmpty else { return .notReady }
                let parts = name.split(separator: "/")
                let id = String(parts.last ?? "")
                let location = parts.count > 3 ? String(parts[3]) : ""
                let policy = state.resource(projectID, IAMPolicy.collection, name)
                let urls = (service["urls"]?.arrayValue ?? []) + [service["uri"]].compactMap { $0 } + statuses.compactMap { $0["uri"] }
                let audiences = Set(urls.compactMap(\.stringValue).flatMap { [$0, $0 + "/"] })
                let projectPolicy = state.resource(projectID, IAMPolicy.collection, "projects/\(projectID)")
                let access = Access(isPublic: isPublic(service, policy: policy), audiences: audiences,
                                    invokers: invokers(policy).union(invokers(projectPolicy)),
                                    ingress: service["ingress"]?.stringValue ?? "INGRESS_TRAFFIC_ALL")
                return .revision(service: id, revision: revision, access: access, project: projectID, location: location)
            }
        }
        return .unknown
    }

    static let notFoundPage = "Error: Page not found\nThe requested URL was not found on this server.\n"

    private static func answer(_ request: HTTPRequestMessage, path: String, target: Target, via arrival: Arrival,
                               core: EmulatorCore) -> (HTTPResponseMessage, rejected: String?) {
        switch target {
        case .unknown:
            return (.text(notFoundPage, status: 404), nil)
        case .notReady:
            return (.text("Service Unavailable\n", status: 503), nil)
        case .revision(let service, let revision, let access, _, _):
            guard access.admits(arrival) else {
                return (.text(notFoundPage, status: 404), "ingress \(access.ingress) refuses traffic from the \(arrival == .internet ? "internet" : "load balancer")")
            }
            if !access.isPublic, let refusal = refusal(request, path: path, access: access, now: core.clock.now()) {
                return refusal
            }
            let status = core.runHealthStatus(service: service, revision: revision)
            var body: JSONValue = ["service": .string(service), "revision": .string(revision)]
            if path == "/health" || !(200..<300).contains(status) {
                body["status"] = (200..<300).contains(status) ? "ok" : "unhealthy"
            } else {
                body["path"] = .string(path)
            }
            return (.json(body, status: status), nil)
        }
    }

    /// Why a private service refuses `request`, or nil when an identity token of an invoker
    /// for one of its URLs came with it.
    private static func refusal(_ request: HTTPRequestMessage, path: String, access: Access,
                                now: Date) -> (HTTPResponseMessage, rejected: String?)? {
        guard let token = APIPipeline.bearerToken(request.headers) else {
            return (.text("Error: Forbidden\nYour client does not have permission to get URL \(path) from this server.\n", status: 403),
                    "no identity token")
        }
        let principal: String
        do {
            principal = try IdentityTokens.verify(token, audiences: access.audiences, now: now)
        } catch {
            return (.text("Error: Unauthorized\nYour client does not have permission to the requested URL \(path).\n", status: 401),
                    "\(error), not an identity token for this service")
        }
        guard access.invokers.contains("serviceAccount:\(principal)") || access.invokers.contains("user:\(principal)") else {
            return (.text("Error: Forbidden\nYour client does not have permission to get URL \(path) from this server.\n", status: 403),
                    "\(principal) holds no roles/run.invoker")
        }
        return nil
    }

    private static func invokers(_ policy: JSONValue?) -> Set<String> {
        Set((policy?["bindings"]?.arrayValue ?? []).filter { $0["role"] == "roles/run.invoker" }
            .flatMap { $0["members"]?.arrayValue?.compactMap(\.stringValue) ?? [] })
    }

    private static func isPublic(_ service: JSONValue, policy: JSONValue?) -> Bool {
        if service["invokerIamDisabled"] == true { return true }
        return policy?["bindings"]?.arrayValue?.contains { binding in
            binding["role"] == "roles/run.invoker" && binding["members"]?.arrayValue?.contains("allUsers") == true
        } ?? false
    }
}
