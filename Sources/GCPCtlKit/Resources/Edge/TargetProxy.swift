import GoogleCloud

/// The edge's target proxies (https://cloud.google.com/load-balancing/docs/target-proxies):
/// the HTTPS one (routing URL map, managed certificate) and the HTTP one (redirect URL map).
/// Changed only through `setUrlMap` and `setSslCertificates`. One type, two kinds: the
/// identity's kind says which collection it is in.
public struct TargetProxy: KindResource {
    public let edge: Environment.Edge
    public let proto: ComputeAPI.ProxyProtocol
    public let project: String

    public var identity: ResourceIdentity {
        proto == .https ? ResourceIdentity(.targetHTTPSProxy, edge.httpsProxyName) : ResourceIdentity(.targetHTTPProxy, edge.httpProxyName)
    }

    var urlMapName: String { proto == .https ? edge.urlMapName : edge.redirectMapName }
    var certificates: [String] { proto == .https ? [EdgeCompute.global(project, "sslCertificates", edge.certificateName)] : [] }

    public var dependencies: [ResourceID] {
        [ResourceID(.urlMap, urlMapName)] + (proto == .https ? [ResourceID(.sslCertificate, edge.certificateName)] : [])
    }

    static func proto(of identity: ResourceIdentity) -> ComputeAPI.ProxyProtocol {
        identity.kind == .targetHTTPSProxy ? .https : .http
    }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> ComputeAPI.TargetProxy? {
        try await context.compute.targetProxy(proto(of: identity), project: context.project, name: identity.name)
    }

    public func differences(from state: ComputeAPI.TargetProxy) throws -> [FieldChange] {
        var changes = FieldChanges()
        changes.compare("urlMap", observed: EdgeCompute.shortName(state.urlMap), desired: urlMapName)
        if proto == .https {
            changes.compare("sslCertificates", observed: (state.sslCertificates ?? []).map(ComputeAPI.Reference.name).joined(separator: ", "),
                            desired: edge.certificateName)
        }
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        let proxy = ComputeAPI.TargetProxy(name: id.name, description: Ownership.description(for: context.environment),
                                           urlMap: EdgeCompute.global(project, "urlMaps", urlMapName),
                                           sslCertificates: proto == .https ? certificates : nil)
        let result = try await context.compute.insertTargetProxy(proto, project: context.project, proxy)
        try await EdgeCompute.created(result, "creating target proxy \(id.name)", in: context)
    }

    /// A new certificate is taken before the old one is let go, so HTTPS never stops.
    public func update(_ state: ComputeAPI.TargetProxy, changes: [FieldChange], in context: ResourceContext) async throws {
        for change in changes {
            let operation = change.field == "urlMap"
                ? try await context.compute.setURLMap(proto, project: context.project, proxy: id.name, urlMap: EdgeCompute.global(project, "urlMaps", urlMapName))
                : try await context.compute.setSSLCertificates(project: context.project, proxy: id.name, certificates: certificates)
            try await EdgeCompute.finished(operation, "changing \(change.field) of target proxy \(id.name)", in: context)
        }
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let operation = try await context.compute.deleteTargetProxy(proto(of: identity), project: context.project, name: identity.name)
        try await context.waitForComputeDeletion(operation, what: "deleting target proxy \(identity.name)")
    }

    static func list(_ proto: ComputeAPI.ProxyProtocol) -> @Sendable (ResourceContext, ListingDetail) async throws -> KindListing {
        { context, _ in
            let proxies = try await context.compute.targetProxies(proto, project: context.project)
            return try await EdgeCompute.found(proxies, in: context) { proxy in
                guard let name = proxy.name else { return nil }
                return (ResourceIdentity(proto == .https ? .targetHTTPSProxy : .targetHTTPProxy, name), proxy.creationTimestamp,
                        [EdgeCompute.shortName(proxy.urlMap).map { "URL map \($0)" }].compactMap { $0 })
            }
        }
    }
}

extension ResourceKind {
    public static let targetHTTPSProxy = ResourceKind.edge(
        id: "target-https-proxy", title: "target HTTPS proxy", plural: "target HTTPS proxies", command: "https-proxy",
        after: ["forwarding-rule"], list: TargetProxy.list(.https),
        declared: { environment, _ in environment.edge.map { [TargetProxy(edge: $0, proto: .https, project: environment.project)] } ?? [] })
        .deleted(by: TargetProxy.self)

    public static let targetHTTPProxy = ResourceKind.edge(
        id: "target-http-proxy", title: "target HTTP proxy", plural: "target HTTP proxies", command: "http-proxy",
        after: ["forwarding-rule"], list: TargetProxy.list(.http),
        declared: { environment, _ in
            guard let edge = environment.edge, edge.httpsRedirect else { return [] }
            return [TargetProxy(edge: edge, proto: .http, project: environment.project)]
        })
        .deleted(by: TargetProxy.self)
}
