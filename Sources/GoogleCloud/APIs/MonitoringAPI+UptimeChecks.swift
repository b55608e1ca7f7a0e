/// Uptime checks (https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.uptimeCheckConfigs).
extension MonitoringAPI {
    public struct UptimeCheckConfig: Codable, Sendable, Equatable {
        /// `projects/P/uptimeCheckConfigs/ID`, assigned by Google; ID is the `check_id` of
        /// the check's metrics and alert filters.
        public var name: String?
        public var displayName: String?
        /// Fixed at creation.
        public var monitoredResource: MonitoredResource?
        public var httpCheck: HTTPCheck?
        /// `60s`, `300s`, `600s` or `900s` (Google answers 60s when none was given).
        public var period: String?
        /// 1 to 60 s; required.
        public var timeout: String?
        /// USA, EUROPE, SOUTH_AMERICA, ASIA_PACIFIC, …: at least three locations; none: all.
        public var selectedRegions: [String]?
        /// STATIC_IP_CHECKERS (Google's answer when none was given) or VPC_CHECKERS; fixed at creation.
        public var checkerType: String?
        public var userLabels: [String: String]?
        public var disabled: Bool?

        public init(displayName: String, monitoredResource: MonitoredResource, httpCheck: HTTPCheck, period: String? = "60s",
                    timeout: String = "10s", selectedRegions: [String]? = nil, userLabels: [String: String]? = nil) {
            self.displayName = displayName
            self.monitoredResource = monitoredResource
            self.httpCheck = httpCheck
            self.period = period
            self.timeout = timeout
            self.selectedRegions = selectedRegions
            self.userLabels = userLabels
        }

        /// The check's id, the last segment of `name`.
        public var id: String { name?.split(separator: "/").last.map(String.init) ?? "" }
    }

    public struct MonitoredResource: Codable, Sendable, Equatable {
        public var type: String?
        public var labels: [String: String]?
        public init(type: String, labels: [String: String]) {
            self.type = type
            self.labels = labels
        }

        /// `uptime_url` for `host` (Google adds `project_id`).
        public static func uptimeURL(host: String, project: String) -> MonitoredResource {
            MonitoredResource(type: "uptime_url", labels: ["host": host, "project_id": project])
        }
    }

    public struct HTTPCheck: Codable, Sendable, Equatable {
        /// Google prefixes a `/` when missing; `/` when none.
        public var path: String?
        /// Google answers 443 with SSL, else 80, when none was given.
        public var port: Int?
        public var useSsl: Bool?
        public var validateSsl: Bool?
        /// GET (Google's answer when none was given) or POST.
        public var requestMethod: String?
        public var acceptedResponseStatusCodes: [JSONValue]?

        public init(path: String, port: Int? = 443, useSsl: Bool = true, validateSsl: Bool = true, requestMethod: String? = "GET") {
            self.path = path
            self.port = port
            self.useSsl = useSsl
            self.validateSsl = validateSsl
            self.requestMethod = requestMethod
        }
    }

    public func uptimeChecks(project: String) async throws -> [UptimeCheckConfig] {
        struct Page: Decodable, Sendable { var uptimeCheckConfigs: [UptimeCheckConfig]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, .monitoring, "v3/projects/\(project)/uptimeCheckConfigs", query: [("pageSize", "100")]),
                                        items: { (page: Page) in page.uptimeCheckConfigs ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    /// `name` is the check's full name.
    public func uptimeCheck(name: String) async throws -> UptimeCheckConfig? {
        try await client.getIfExists(.monitoring, "v3/\(name: name)")
    }

    /// Not idempotent: Google assigns the id.
    public func createUptimeCheck(project: String, _ check: UptimeCheckConfig) async throws -> UptimeCheckConfig {
        try await client.decode(GoogleCall(.post, .monitoring, "v3/projects/\(project)/uptimeCheckConfigs", json: check))
    }

    /// Changes the fields `updateMask` names (`displayName`, `httpCheck`, `timeout`,
    /// `period`, `selectedRegions`, `userLabels`); with none, the whole check. The monitored
    /// resource and checker type cannot change: delete and create.
    public func patchUptimeCheck(name: String, _ check: UptimeCheckConfig, updateMask: [String]) async throws -> UptimeCheckConfig {
        try await client.decode(GoogleCall(.patch, .monitoring, "v3/\(name: name)", query: Self.mask(updateMask), json: check))
    }

    /// Deletes the check (404 counts as done). Google refuses while an alert policy refers
    /// to the check (400 FAILED_PRECONDITION): delete the policy first.
    public func deleteUptimeCheck(name: String) async throws {
        _ = try await client.delete(GoogleCall(.delete, .monitoring, "v3/\(name: name)"), as: EmptyResponse.self)
    }
}
