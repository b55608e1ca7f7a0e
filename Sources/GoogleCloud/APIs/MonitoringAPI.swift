/// Cloud Monitoring v3: alert policies (here), notification channels, uptime checks and
/// the time series that say what the checks see (the `MonitoringAPI+…` files). Synchronous:
/// every answer is the resource. Google assigns the ids of all three kinds, so a create is
/// not idempotent: look for what an earlier attempt made before another (`UncertainCreate`)
/// (https://cloud.google.com/monitoring/api/ref_v3/rest).
public struct MonitoringAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct AlertPolicy: Codable, Sendable, Equatable {
        /// `projects/P/alertPolicies/ID`, assigned by Google.
        public var name: String?
        public var displayName: String?
        public var enabled: Bool?
        /// CRITICAL, ERROR, WARNING.
        public var severity: String?
        public var userLabels: [String: String]?
        /// 1 to 6; Google names each (`…/conditions/ID`).
        public var conditions: [Condition]?
        /// AND, OR, AND_WITH_MATCHING_RESOURCE; needed with more than one condition.
        public var combiner: String?
        /// `projects/P/notificationChannels/ID`, each existing.
        public var notificationChannels: [String]?
        public var alertStrategy: AlertStrategy?
        public var documentation: Documentation?
        /// When and by whom it was made; output only.
        public var creationRecord: MutationRecord?

        public var creationTime: String? { creationRecord?.mutateTime }

        public init(displayName: String, conditions: [Condition], combiner: String? = "OR", notificationChannels: [String]? = nil,
                    userLabels: [String: String]? = nil, enabled: Bool? = true, alertStrategy: AlertStrategy? = nil,
                    documentation: Documentation? = nil, severity: String? = nil) {
            self.displayName = displayName
            self.conditions = conditions
            self.combiner = combiner
            self.notificationChannels = notificationChannels
            self.userLabels = userLabels
            self.enabled = enabled
            self.alertStrategy = alertStrategy
            self.documentation = documentation
            self.severity = severity
        }
    }

    public struct Condition: Codable, Sendable, Equatable {
        /// Assigned by Google; compare conditions without it.
        public var name: String?
        public var displayName: String?
        public var conditionThreshold: MetricThreshold?
        /// The other condition kinds, passed through unmodelled.
        public var conditionAbsent: JSONValue?
        public var conditionMatchedLog: JSONValue?
        public var conditionMonitoringQueryLanguage: JSONValue?
        public var conditionPrometheusQueryLanguage: JSONValue?

        public init(displayName: String, threshold: MetricThreshold) {
            self.displayName = displayName
            conditionThreshold = threshold
        }
    }

    public struct MetricThreshold: Codable, Sendable, Equatable {
        public var filter: String?
        public var aggregations: [Aggregation]?
        /// For a ratio: the denominator's filter and aggregations.
        public var denominatorFilter: String?
        public var denominatorAggregations: [Aggregation]?
        /// COMPARISON_GT, COMPARISON_LT, …
        public var comparison: String?
        public var thresholdValue: Double?
        /// A JSON Duration the condition must hold for.
        public var duration: String?
        public var trigger: Trigger?

        public init(filter: String, aggregations: [Aggregation]? = nil, denominatorFilter: String? = nil,
                    denominatorAggregations: [Aggregation]? = nil, comparison: String, thresholdValue: Double,
                    duration: String, trigger: Trigger? = nil) {
            self.filter = filter
            self.aggregations = aggregations
            self.denominatorFilter = denominatorFilter
            self.denominatorAggregations = denominatorAggregations
            self.comparison = comparison
            self.thresholdValue = thresholdValue
            self.duration = duration
            self.trigger = trigger
        }
    }

    public struct Aggregation: Codable, Sendable, Equatable {
        public var alignmentPeriod: String?
        public var perSeriesAligner: String?
        public var crossSeriesReducer: String?
        public var groupByFields: [String]?

        public init(alignmentPeriod: String? = nil, perSeriesAligner: String? = nil, crossSeriesReducer: String? = nil,
                    groupByFields: [String]? = nil) {
            self.alignmentPeriod = alignmentPeriod
            self.perSeriesAligner = perSeriesAligner
            self.crossSeriesReducer = crossSeriesReducer
            self.groupByFields = groupByFields
        }
    }

    public struct Trigger: Codable, Sendable, Equatable {
        public var count: Int?
        public var percent: Double?
        public init(count: Int? = nil, percent: Double? = nil) {
            self.count = count
            self.percent = percent
        }
    }

    public struct AlertStrategy: Codable, Sendable, Equatable {
        /// A JSON Duration after which an incident closes without data.
        public var autoClose: String?
        public init(autoClose: String?) { self.autoClose = autoClose }
    }

    /// Who changed a policy or channel, and when (RFC 3339).
    public struct MutationRecord: Codable, Sendable, Equatable {
        public var mutateTime: String?
        public var mutatedBy: String?
    }

    public struct Documentation: Codable, Sendable, Equatable {
        public var content: String?
        /// `text/markdown`.
        public var mimeType: String?
        public init(content: String, mimeType: String = "text/markdown") {
            self.content = content
            self.mimeType = mimeType
        }
    }

    public func alertPolicies(project: String) async throws -> [AlertPolicy] {
        struct Page: Decodable, Sendable { var alertPolicies: [AlertPolicy]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, .monitoring, "v3/projects/\(project)/alertPolicies", query: [("pageSize", "1000")]),
                                        items: { (page: Page) in page.alertPolicies ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    /// `name` is the policy's full name, `projects/P/alertPolicies/ID`.
    public func alertPolicy(name: String) async throws -> AlertPolicy? {
        try await client.getIfExists(.monitoring, "v3/\(name: name)")
    }

    /// Not idempotent: Google assigns the id, so a repeat makes a second policy. 404 when a
    /// named notification channel does not exist.
    public func createAlertPolicy(project: String, _ policy: AlertPolicy) async throws -> AlertPolicy {
        try await client.decode(GoogleCall(.post, .monitoring, "v3/projects/\(project)/alertPolicies", json: policy))
    }

    /// Changes the fields `updateMask` names (`conditions`, `notificationChannels`, …);
    /// with none, the whole policy.
    public func patchAlertPolicy(name: String, _ policy: AlertPolicy, updateMask: [String]) async throws -> AlertPolicy {
        try await client.decode(GoogleCall(.patch, .monitoring, "v3/\(name: name)", query: Self.mask(updateMask), json: policy))
    }

    /// Deletes the policy (404 counts as done).
    public func deleteAlertPolicy(name: String) async throws {
        _ = try await client.delete(GoogleCall(.delete, .monitoring, "v3/\(name: name)"), as: EmptyResponse.self)
    }

    static func mask(_ fields: [String]) -> [(String, String)] {
        fields.isEmpty ? [] : [("updateMask", fields.joined(separator: ","))]
    }
}
