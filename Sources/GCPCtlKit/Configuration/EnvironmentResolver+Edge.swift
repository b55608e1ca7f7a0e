extension EnvironmentResolver {
    func resolve(_ edge: EnvironmentFile.Edge, template: NameTemplate, labels: [String: String]) -> Environment.Edge {
        let name = template.expand(edge.name ?? "edge-{env}")
        let routes = edge.routes.filter { $0.key != "default" }.map { Environment.Edge.Route(path: $0.key, service: template.expand($0.value)) }
        return .init(
            name: name,
            domain: edge.domain.lowercased(),
            address: template.expand(edge.address ?? "\(name)-ip"),
            defaultService: template.expand(edge.routes["default"] ?? ""),
            routes: routes.sorted { $0.path < $1.path },
            httpsRedirect: edge.httpsRedirect ?? true,
            armor: edge.armor.map { armor in
                .init(policy: template.expand(armor.policy ?? "\(name)-armor"),
                      rateLimit: armor.rateLimit.map { .init(count: $0.count, intervalSec: $0.intervalSec, exceed: $0.exceed ?? "deny(429)") },
                      waf: armor.waf ?? [], allow: armor.allow ?? [])
            },
            labels: labels,
            shortName: shortName)
    }
}
