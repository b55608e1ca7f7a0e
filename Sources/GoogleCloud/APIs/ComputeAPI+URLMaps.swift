/// URL maps (https://cloud.google.com/compute/docs/reference/rest/v1/urlMaps,
/// https://cloud.google.com/load-balancing/docs/url-map-concepts): a routing map by host and
/// path to backend services, or a map whose default is a redirect (HTTP → HTTPS). `update`
/// replaces the whole map and needs the current `fingerprint`.
extension ComputeAPI {
    public struct URLMap: Codable, Sendable {
        public var name: String?
        /// gcpctl's ownership marker: URL maps take no labels.
        public var description: String?
        /// A backend service's URL, for what no rule matches.
        public var defaultService: String?
        public var defaultUrlRedirect: Redirect?
        public var hostRules: [HostRule]?
        public var pathMatchers: [PathMatcher]?
        /// Output; `update` must carry the current one (412 when stale).
        public var fingerprint: String?
        public var selfLink: String?
        public var creationTimestamp: String?

        public struct HostRule: Codable, Sendable, Equatable {
            public var hosts: [String]?
            public var pathMatcher: String?
            public init(hosts: [String], pathMatcher: String) {
                self.hosts = hosts
                self.pathMatcher = pathMatcher
            }
        }

        public struct PathMatcher: Codable, Sendable {
            public var name: String?
            public var defaultService: String?
            public var pathRules: [PathRule]?
            public init(name: String, defaultService: String, pathRules: [PathRule]) {
                self.name = name
                self.defaultService = defaultService
                self.pathRules = pathRules
            }
        }

        public struct PathRule: Codable, Sendable {
            public var paths: [String]?
            public var service: String?
            public init(paths: [String], service: String) {
                self.paths = paths
                self.service = service
            }
        }

        /// `HttpRedirectAction`.
        public struct Redirect: Codable, Sendable, Equatable {
            public var httpsRedirect: Bool?
            /// MOVED_PERMANENTLY_DEFAULT (301) by default.
            public var redirectResponseCode: String?
            public var stripQuery: Bool?
            public init(httpsRedirect: Bool, redirectResponseCode: String, stripQuery: Bool) {
                self.httpsRedirect = httpsRedirect
                self.redirectResponseCode = redirectResponseCode
                self.stripQuery = stripQuery
            }
        }

        public init(name: String, description: String?, defaultService: String? = nil, defaultUrlRedirect: Redirect? = nil,
                    hostRules: [HostRule]? = nil, pathMatchers: [PathMatcher]? = nil) {
            self.name = name
            self.description = description
            self.defaultService = defaultService
            self.defaultUrlRedirect = defaultUrlRedirect
            self.hostRules = hostRules
            self.pathMatchers = pathMatchers
        }
    }

    public func urlMap(project: String, name: String) async throws -> URLMap? {
        try await client.getIfExists(.compute, path(project, "global/urlMaps/\(name)"))
    }

    public func urlMaps(project: String) async throws -> [URLMap] {
        try await list(path(project, "global/urlMaps"))
    }

    public func insertURLMap(project: String, _ map: URLMap) async throws -> CreateResult<ComputeOperation> {
        try await insert(path(project, "global/urlMaps"), map)
    }

    /// Replaces the whole map (`urlMaps.update`, PUT); `map.fingerprint` must be the observed one.
    public func updateURLMap(project: String, name: String, _ map: URLMap) async throws -> ComputeOperation {
        try await change(.put, path(project, "global/urlMaps/\(name)"), map)
    }

    public func deleteURLMap(project: String, name: String) async throws -> ComputeOperation? {
        try await remove(path(project, "global/urlMaps/\(name)"))
    }
}
