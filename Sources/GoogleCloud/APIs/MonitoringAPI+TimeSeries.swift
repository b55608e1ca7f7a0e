import Foundation

/// Time series (https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.timeSeries/list),
/// and what an uptime check sees: `monitoring.googleapis.com/uptime_check/check_passed`, one
/// BOOL series per checker location.
extension MonitoringAPI {
    public struct TimeSeries: Codable, Sendable, Equatable {
        public var metric: Metric?
        public var resource: MonitoredResource?
        public var metricKind: String?
        public var valueType: String?
        /// Newest first.
        public var points: [Point]?
    }

    public struct Metric: Codable, Sendable, Equatable {
        public var type: String?
        public var labels: [String: String]?
    }

    public struct Point: Codable, Sendable, Equatable {
        public var interval: Interval?
        public var value: TypedValue?
    }

    public struct Interval: Codable, Sendable, Equatable {
        public var startTime: String?
        public var endTime: String?
    }

    public struct TypedValue: Codable, Sendable, Equatable {
        public var boolValue: Bool?
        public var int64Value: String?
        public var doubleValue: Double?
        public var stringValue: String?
    }

    /// The latest result of an uptime check at one checker location (`usa-iowa`, …).
    public struct UptimeCheckResult: Sendable, Equatable {
        public var location: String
        public var passed: Bool
        /// RFC 3339, when the check ran.
        public var time: String

        public init(location: String, passed: Bool, time: String) {
            self.location = location
            self.passed = passed
            self.time = time
        }
    }

    /// Raw points of the series `filter` selects (it must name one `metric.type`) in
    /// (`start`, `end`].
    public func timeSeries(project: String, filter: String, start: Date, end: Date) async throws -> [TimeSeries] {
        struct Page: Decodable, Sendable { var timeSeries: [TimeSeries]?; var nextPageToken: String? }
        let formatter = ISO8601DateFormatter()
        // Milliseconds: a point written within the current second is still in the interval.
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let query = [("filter", filter), ("interval.startTime", formatter.string(from: start)), ("interval.endTime", formatter.string(from: end))]
        return try await client.listAll(GoogleCall(.get, .monitoring, "v3/projects/\(project)/timeSeries", query: query),
                                        items: { (page: Page) in page.timeSeries ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    /// What the uptime check `checkID` saw last at each location within `window` before
    /// `now`, sorted by location; empty when it has not run in that window (a new check
    /// takes a period to report).
    public func uptimeCheckResults(project: String, checkID: String, window: Duration = .seconds(900),
                                   now: Date = Date()) async throws -> [UptimeCheckResult] {
        let filter = #"metric.type = "monitoring.googleapis.com/uptime_check/check_passed" AND metric.labels.check_id = "\#(checkID)""#
        let start = now.addingTimeInterval(-Double(window.components.seconds))
        var latest: [String: UptimeCheckResult] = [:]
        for series in try await timeSeries(project: project, filter: filter, start: start, end: now) {
            let location = series.metric?.labels?["checker_location"] ?? "unknown"
            for point in series.points ?? [] {
                guard let passed = point.value?.boolValue, let time = point.interval?.endTime else { continue }
                if let known = latest[location], known.time >= time { continue }
                latest[location] = UptimeCheckResult(location: location, passed: passed, time: time)
            }
        }
        return latest.values.sorted { $0.location < $1.location }
    }
}
