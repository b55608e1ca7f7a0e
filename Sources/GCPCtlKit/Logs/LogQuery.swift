import Foundation

/// What `gcpctl logs` asks Cloud Logging for, as a filter in the Logging query language.
public struct LogQuery: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// A Cloud Run service's revisions (`cloud_run_revision`) in the region.
        case service(String)
        /// One Cloud Build build (`build`, by `build_id`).
        case build(String)
        /// Every build's lines.
        case builds
    }

    public var source: Source
    public var region: String
    /// Entries at or after this moment.
    public var since: Date?
    /// At least this severity (`WARNING`, `ERROR`, …).
    public var severity: String?

    public static let severities = ["DEFAULT", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL", "ALERT", "EMERGENCY"]

    public init(source: Source, region: String, since: Date? = nil, severity: String? = nil) {
        self.source = source
        self.region = region
        self.since = since
        self.severity = severity
    }

    /// The filter, `since` replaced by `after` when following.
    public func filter(after: String? = nil) -> String {
        var terms: [String]
        switch source {
        case .service(let name):
            terms = ["resource.type=\"cloud_run_revision\"", "resource.labels.service_name=\(Self.quote(name))",
                     "resource.labels.location=\(Self.quote(region))"]
        case .build(let id):
            terms = ["resource.type=\"build\"", "resource.labels.build_id=\(Self.quote(id))"]
        case .builds:
            terms = ["resource.type=\"build\""]
        }
        if let after {
            terms.append("timestamp>=\(Self.quote(after))")
        } else if let since {
            terms.append("timestamp>=\(Self.quote(Self.timestamp(since)))")
        }
        if let severity { terms.append("severity>=\(severity)") }
        return terms.joined(separator: " AND ")
    }

    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// `30s`, `10m`, `2h`, `7d` → seconds; nil when malformed.
    public static func duration(_ text: String) -> Int? {
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0 else { return nil }
        switch unit {
        case "s": return count
        case "m": return count * 60
        case "h": return count * 3600
        case "d": return count * 86400
        default: return nil
        }
    }
}
