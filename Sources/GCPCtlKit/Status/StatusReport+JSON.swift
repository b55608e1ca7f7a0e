import Foundation
import GoogleCloud

extension StatusReport {
    /// `gcpctl status --format json` (docs/commands.md documents every field).
    public struct Document: Encodable {
        var report: StatusReport

        struct Row: Encodable {
            var kind: String
            var name: String
            var state: String
            var details: [String: JSONValue]
            var changes: [FieldChange]
            var reason: String?
            var fix: String?
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ string: String) { stringValue = string }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        public func encode(to encoder: any Encoder) throws {
            // environment, project, region and exitCode are the envelope's (CommandDocument).
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(report.isHealthy, forKey: Key("healthy"))
            try container.encode(ISO8601DateFormatter().string(from: report.checkedAt), forKey: Key("checkedAt"))
            try container.encode(report.elapsedSeconds, forKey: Key("elapsedSeconds"))
            try container.encode(report.requestsSent, forKey: Key("requests"))
            let counts = report.counts
            try container.encode(Dictionary(uniqueKeysWithValues: StatusState.allCases.map { ($0.rawValue, counts[$0] ?? 0) }),
                                 forKey: Key("counts"))
            try container.encode(report.fixes, forKey: Key("fixes"))
            for section in ResourceKinds.sections {
                try container.encode(report.rows(in: section).map(Document.row), forKey: Key(section.id))
            }
        }

        static func row(_ row: StatusRow) -> Row {
            Row(kind: row.kind, name: row.name, state: row.state.rawValue,
                details: Dictionary(row.details.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }),
                changes: row.changes, reason: row.reason, fix: row.fix?.description)
        }
    }

    public var document: Document { Document(report: self) }
}
