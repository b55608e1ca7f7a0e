/// Target HTTPS and HTTP proxies (https://cloud.google.com/compute/docs/reference/rest/v1/targetHttpsProxies,
/// https://cloud.google.com/compute/docs/reference/rest/v1/targetHttpProxies): changed only
/// through `setUrlMap` and `setSslCertificates`, whose paths have no `/global/`
/// (`compute/v1/projects/P/targetHttpsProxies/X/setUrlMap`).
extension ComputeAPI {
    /// Either kind of proxy: the HTTP one has no certificates.
    public struct TargetProxy: Codable, Sendable {
        public var name: String?
        /// gcpctl's ownership marker: proxies take no labels.
        public var description: String?
        public var urlMap: String?
        public var sslCertificates: [String]?
        public var selfLink: String?
        public var creationTimestamp: String?

        public init(name: String, description: String?, urlMap: String, sslCertificates: [String]? = nil) {
            self.name = name
            self.description = description
            self.urlMap = urlMap
            self.sslCertificates = sslCertificates
        }
    }

    /// `targetHttpsProxies` or `targetHttpProxies`.
    public enum ProxyProtocol: String, Sendable {
        case https = "targetHttpsProxies"
        case http = "targetHttpProxies"
    }

    public func targetProxy(_ kind: ProxyProtocol, project: String, name: String) async throws -> TargetProxy? {
        try await client.getIfExists(.compute, path(project, "global/\(name: kind.rawValue)/\(name)"))
    }

    public func targetProxies(_ kind: ProxyProtocol, project: String) async throws -> [TargetProxy] {
        try await list(path(project, "global/\(name: kind.rawValue)"))
    }

    public func insertTargetProxy(_ kind: ProxyProtocol, project: String, _ proxy: TargetProxy) async throws -> CreateResult<ComputeOperation> {
        try await insert(path(project, "global/\(name: kind.rawValue)"), proxy)
    }

    /// `UrlMapReference {urlMap}`.
    public func setURLMap(_ kind: ProxyProtocol, project: String, proxy: String, urlMap: String) async throws -> ComputeOperation {
        struct Request: Encodable { var urlMap: String }
        return try await change(.post, path(project, "\(name: kind.rawValue)/\(proxy)/setUrlMap"), Request(urlMap: urlMap))
    }

    /// `TargetHttpsProxiesSetSslCertificatesRequest {sslCertificates}`.
    public func setSSLCertificates(project: String, proxy: String, certificates: [String]) async throws -> ComputeOperation {
        struct Request: Encodable { var sslCertificates: [String] }
        return try await change(.post, path(project, "targetHttpsProxies/\(proxy)/setSslCertificates"), Request(sslCertificates: certificates))
    }

    public func deleteTargetProxy(_ kind: ProxyProtocol, project: String, name: String) async throws -> ComputeOperation? {
        try await remove(path(project, "global/\(name: kind.rawValue)/\(name)"))
    }
}
