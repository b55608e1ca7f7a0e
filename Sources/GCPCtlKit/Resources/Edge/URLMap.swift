import GoogleCloud

/// The edge's URL maps (https://cloud.google.com/load-balancing/docs/url-map-concepts): the
/// routing map (the domain's paths to the services' backend services, the default route for
/// the rest) behind the HTTPS proxy, and the redirect map behind the HTTP proxy, which answers
/// every request with a 301 to HTTPS
/// (https://cloud.google.com/load-balancing/docs/https/setting-up-global-http-https-redirect).
/// Changed with `update` (the whole map) and the observed fingerprint.
public struct URLMap: KindResource {
    public enum Role: Sendable { case routing, redirect }

    public let edge: Environment.Edge
    public let role: Role
    public let project: String

    static let matcher = "routes"

    public var identity: ResourceIdentity { ResourceIdentity(.urlMap, role == .routing ? edge.urlMapName : edge.redirectMapName) }

    public var dependencies: [ResourceID] {
        role == .routing ? edge.services.map { ResourceID(.backendService, edge.backendName(for: $0)) } : []
    }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> ComputeAPI.URLMap? {
        try await context.compute.urlMap(project: context.project, name: identity.name)
    }

    func backend(_ service: String) -> String { EdgeCompute.global(project, "backendServices", edge.backendName(for: service)) }

    /// The map as the file declares it.
    func desired(description: String?) -> ComputeAPI.URLMap {
        switch role {
        case .redirect:
            return ComputeAPI.URLMap(name: id.name, description: description, defaultUrlRedirect: .init(
                httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false))
        case .routing:
            let rules = Dictionary(grouping: edge.routes, by: \.service).sorted { $0.key < $1.key }.map { service, routes in
                ComputeAPI.URLMap.PathRule(paths: routes.map(\.path).sorted(), service: backend(service))
            }
            return ComputeAPI.URLMap(
                name: id.name, description: description, defaultService: backend(edge.defaultService),
                hostRules: [.init(hosts: [edge.domain], pathMatcher: Self.matcher)],
                pathMatchers: [.init(name: Self.matcher, defaultService: backend(edge.defaultService), pathRules: rules)])
        }
    }

    public func differences(from state: ComputeAPI.URLMap) throws -> [FieldChange] {
        let want = desired(description: nil)
        var changes = FieldChanges()
        changes.compare("defaultService", observed: EdgeCompute.shortName(state.defaultService), desired: EdgeCompute.shortName(want.defaultService))
        changes.compare("defaultUrlRedirect", observed: state.defaultUrlRedirect.map(Self.describe), desired: want.defaultUrlRedirect.map(Self.describe))
        changes.compare("hostRules", observed: Self.describe(state.hostRules), desired: Self.describe(want.hostRules))
        changes.compare("pathMatchers", observed: Self.describe(state.pathMatchers), desired: Self.describe(want.pathMatchers))
        return changes.all
    }

    static func describe(_ redirect: ComputeAPI.URLMap.Redirect) -> String {
        "\(redirect.httpsRedirect == true ? "to HTTPS" : "same scheme"), \(redirect.redirectResponseCode ?? "MOVED_PERMANENTLY_DEFAULT")"
            + (redirect.stripQuery == true ? ", query stripped" : "")
    }

    static func describe(_ rules: [ComputeAPI.URLMap.HostRule]?) -> String {
        (rules ?? []).map { "\(($0.hosts ?? []).sorted().joined(separator: ",")) → \($0.pathMatcher ?? "")" }.sorted().joined(separator: "; ")
    }

    /// Paths to backend services by name (Google answers full URLs; gcpctl sends partial ones).
    static func describe(_ matchers: [ComputeAPI.URLMap.PathMatcher]?) -> String {
        (matchers ?? []).map { matcher in
            let rules = (matcher.pathRules ?? []).flatMap { rule in
                (rule.paths ?? []).map { "\($0) → \(EdgeCompute.shortName(rule.service) ?? "?")" }
            }.sorted()
            return "\(matcher.name ?? ""): default → \(EdgeCompute.shortName(matcher.defaultService) ?? "?")"
                + (rules.isEmpty ? "" : ", " + rules.joined(separator: ", "))
        }.sorted().joined(separator: "; ")
    }

    public func create(in context: ResourceContext) async throws {
        let result = try await context.compute.insertURLMap(project: context.project, desired(description: Ownership.description(for: context.environment)))
        try await EdgeCompute.created(result, "creating URL map \(id.name)", in: context)
    }

    /// The whole map replaced, its description (the ownership marker) kept as it was.
    public func update(_ state: ComputeAPI.URLMap, changes: [FieldChange], in context: ResourceContext) async throws {
        var map = desired(description: state.description)
        map.fingerprint = state.fingerprint
        let operation = try await context.compute.updateURLMap(project: context.project, name: id.name, map)
        try await EdgeCompute.finished(operation, "updating URL map \(id.name)", in: context)
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let operation = try await context.compute.deleteURLMap(project: context.project, name: identity.name)
        try await context.waitForComputeDeletion(operation, what: "deleting URL map \(identity.name)")
    }

    static func list(in context: ResourceContext, detail: ListingDetail) async throws -> KindListing {
        let maps = try await context.compute.urlMaps(project: context.project)
        return try await EdgeCompute.found(maps, in: context) { map in
            guard let name = map.name else { return nil }
            let shape = map.defaultUrlRedirect != nil ? "redirect" : EdgeCompute.shortName(map.defaultService).map { "default \($0)" }
            return (ResourceIdentity(.urlMap, name), map.creationTimestamp, [shape].compactMap { $0 })
        }
    }
}

extension ResourceKind {
    public static let urlMap = ResourceKind.edge(
        id: "url-map", title: "URL map", plural: "URL maps", command: "url-map",
        after: ["target-https-proxy", "target-http-proxy"], list: URLMap.list,
        declared: { environment, _ in
            guard let edge = environment.edge else { return [] }
            return [URLMap(edge: edge, role: .routing, project: environment.project)]
                + (edge.httpsRedirect ? [URLMap(edge: edge, role: .redirect, project: environment.project)] : [])
        })
        .deleted(by: URLMap.self)
}
