import Foundation

/// The global external Application Load Balancer as the internet reaches it:
/// `/lb/HOST/PATH` is `https://HOST/PATH` arriving at a global forwarding rule on port 443
/// whose target HTTPS proxy holds an ACTIVE Google-managed certificate for HOST. (A domain
/// reaches the load balancer once its DNS points at the rule's address, and Google provisions
/// the certificate only then, so an ACTIVE certificate stands for both.) The proxy's URL map
/// chooses the backend service by host and path: a host rule's path matcher, its path rules
/// (`/ws/*` matches `/ws` and everything under it, the longest first), else the defaults. The
/// backend's serverless NEG names the Cloud Run service, which answers as on its run.app URL,
/// with no credentials sent and its ingress allowing the load balancer
/// (https://cloud.google.com/load-balancing/docs/https/setting-up-https-serverless).
///
/// Answers: 404 Google's page for a host no rule serves with an ACTIVE certificate (a real
/// client would fail the TLS handshake or not resolve the name); 502 when the chosen backend
/// has no serverless NEG, or its service does not exist.
enum LoadBalancerProxy {
    static let prefix = "/lb/"

    static func handle(_ request: HTTPRequestMessage, core: EmulatorCore) -> HTTPReply {
        let (host, path) = RunAppProxy.hostAndPath(of: request, after: prefix)
        let route = core.withState { state in Self.route(host: host, path: path.isEmpty ? "/" : path, state: state) }
        let response: HTTPResponseMessage
        switch route {
        case .noListener:
            response = .text(RunAppProxy.notFoundPage, status: 404)
            core.record(request, api: "load-balancer", methodID: nil, status: 404, mutating: false,
                        rejected: "no forwarding rule on 443 serves \(host) with an ACTIVE certificate")
        case .badBackend(let reason):
            response = .text("Error: Server Error\nThe server encountered a temporary error and could not complete your request.\n", status: 502)
            core.record(request, api: "load-balancer", methodID: nil, status: 502, mutating: false, rejected: reason)
        case .service(let target):
            response = RunAppProxy.serve(request, url: "https://\(host)", path: path, target: target, via: .loadBalancer,
                                         api: "load-balancer", core: core)
        }
        return .respond(response, delayMilliseconds: 0)
    }

    enum Route {
        case noListener
        case badBackend(String)
        case service(RunAppProxy.Target)
    }

    static func route(host: String, path: String, state: EmulatorState) -> Route {
        for (projectID, project) in state.projects {
            let resources = { (kind: ComputeKind) in project.collections[kind.collection] ?? [:] }
            for rule in resources(.globalForwardingRule).values where listensOnHTTPS(rule) {
                guard let proxy = referenced(rule["target"], in: resources(.targetHttpsProxy)),
                    servesCertificate(for: host, proxy: proxy, certificates: resources(.sslCertificate)),
                    let map = referenced(proxy["urlMap"], in: resources(.urlMap))
                else { continue }
                guard let backend = referenced(backendService(in: map, host: host, path: path), in: resources(.backendService)) else {
                    return .badBackend("the URL map names no backend service for \(host)\(path)")
                }
                let groups = (backend["backends"]?.arrayValue ?? []).compactMap { referenced($0["group"], in: resources(.networkEndpointGroup)) }
                guard let service = groups.compactMap({ $0["cloudRun"]?["service"]?.stringValue }).first,
                    let region = groups.first?["region"]?.stringValue.map({ String($0.split(separator: "/").last ?? "") })
                else { return .badBackend("the backend service has no serverless NEG of a Cloud Run service") }
                let run = state.resource(projectID, CloudRunServicesAPI.collection, "projects/\(projectID)/locations/\(region)/services/\(service)")
                guard let uri = run?["uri"]?.stringValue, let runHost = uri.split(separator: "/").last.map(String.init) else {
                    return .badBackend("Cloud Run service \(service) in \(region) does not exist")
                }
                return .service(RunAppProxy.route(host: runHost, state: state))
            }
        }
        return .noListener
    }

    private static func listensOnHTTPS(_ rule: JSONValue) -> Bool {
        let ports = rule["portRange"]?.stringValue ?? ""
        return (ports == "443" || ports == "443-443") && (rule["target"]?.stringValue?.contains("/targetHttpsProxies/") ?? false)
    }

    private static func servesCertificate(for host: String, proxy: JSONValue, certificates: [String: JSONValue]) -> Bool {
        (proxy["sslCertificates"]?.arrayValue ?? []).contains { reference in
            guard let certificate = referenced(reference, in: certificates) else { return false }
            let domains = certificate["managed"]?["domains"]?.arrayValue?.compactMap { $0.stringValue?.lowercased() } ?? []
            return certificate["managed"]?["status"]?.stringValue == "ACTIVE" && domains.contains(host)
        }
    }

    /// The backend service a URL map sends `host` `path` to.
    static func backendService(in map: JSONValue, host: String, path: String) -> JSONValue? {
        let rule = (map["hostRules"]?.arrayValue ?? []).first { rule in
            (rule["hosts"]?.arrayValue ?? []).contains { $0.stringValue?.lowercased() == host || $0.stringValue == "*" }
        }
        guard let matcherName = rule?["pathMatcher"]?.stringValue,
            let matcher = (map["pathMatchers"]?.arrayValue ?? []).first(where: { $0["name"]?.stringValue == matcherName })
        else { return map["defaultService"] }
        var best: (length: Int, service: JSONValue)?
        for pathRule in matcher["pathRules"]?.arrayValue ?? [] {
            for pattern in (pathRule["paths"]?.arrayValue ?? []).compactMap(\.stringValue) where matches(path, pattern) {
                if pattern.count > (best?.length ?? -1), let service = pathRule["service"] { best = (pattern.count, service) }
            }
        }
        return best?.service ?? matcher["defaultService"] ?? map["defaultService"]
    }

    /// `/ws/*` matches `/ws`, `/ws/` and below; a pattern without `*` matches itself only.
    static func matches(_ path: String, _ pattern: String) -> Bool {
        guard pattern.hasSuffix("/*") else { return path == pattern }
        let base = String(pattern.dropLast(2))
        return path == base || path.hasPrefix(base + "/")
    }

    /// The resource a Compute reference (a full or partial URL) names, among `resources`
    /// kept by name (global) or `REGION/NAME` (regional).
    private static func referenced(_ reference: JSONValue?, in resources: [String: JSONValue]) -> JSONValue? {
        guard let path = reference?.stringValue.flatMap(ComputeLinks.path(of:)) else { return nil }
        let parts = path.split(separator: "/").map(String.init)
        guard let name = parts.last else { return nil }
        if let index = parts.firstIndex(of: "regions"), index + 1 < parts.count {
            return resources[ComputeKind.key(region: parts[index + 1], name: name)]
        }
        return resources[name]
    }
}
