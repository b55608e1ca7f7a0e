/// The end of `gcpctl cleanup`: what was deleted, kept and skipped, every failure with its
/// reason (property 33), and one line saying how it went. With `--format json`, one document.
enum CleanupSummary {
    static func show(_ report: CleanupReport, environment: Environment, on reporter: Reporter) {
        reporter.result(Document(report, environment: environment)) {
            reporter.section("Summary")
            let apisLine = report.apis.map { "\($0.services.count) project API\($0.services.count == 1 ? "" : "s")" }
            for label in ["deleted", "failed", "skipped"] {
                var titles = report.entries(label).map { entry in
                    if case .skipped(let reason) = entry.fate { "\(entry.resource.title) (\(reason))" } else { entry.resource.title }
                }
                if let apis = report.apis, apis.fate.label == label, let apisLine {
                    if case .skipped(let reason) = apis.fate { titles.append("\(apisLine) (\(reason))") } else { titles.append(apisLine) }
                }
                if !titles.isEmpty { reporter.line("\(label) (\(titles.count)): " + titles.joined(separator: ", ")) }
            }
            var kept: [String: [String]] = [:]
            for entry in report.entries("kept") {
                if case .kept(let reason) = entry.fate { kept[reason, default: []].append(entry.resource.title) }
            }
            if let apis = report.apis, case .kept(let reason) = apis.fate, let apisLine { kept[reason, default: []].append(apisLine) }
            // After a cancel everything was kept; the verdict says so.
            for reason in kept.keys.sorted() where !report.cancelled {
                reporter.line("kept, \(reason) (\(kept[reason]!.count)): " + kept[reason]!.joined(separator: ", "))
            }
            for failure in report.failures {
                reporter.error("\(failure.what): \(failure.reason)")
            }
            reporter.line(verdict(report, environment: environment))
        }
    }

    static func verdict(_ report: CleanupReport, environment: Environment) -> String {
        let deleted = report.entries("deleted").count + (report.apis?.fate == .deleted ? 1 : 0)
        let failures = report.failures.count
        if report.interrupted {
            return "Interrupted after \(deleted) deletion\(deleted == 1 ? "" : "s"); run cleanup again to finish."
        }
        if failures > 0 {
            return "\(failures) failure\(failures == 1 ? "" : "s"); everything else chosen was deleted. Fix the cause and run cleanup again."
        }
        if report.cancelled { return "Cancelled; nothing was deleted." }
        if deleted == 0 { return "Nothing was deleted." }
        return "Cleanup of \(environment.name) in project \(environment.project): \(deleted) deleted."
    }

    /// `gcpctl cleanup --format json`, beside the envelope (`CommandDocument`).
    struct Document: Encodable {
        var cancelled: Bool
        var interrupted: Bool
        var resources: [Resource]
        var apis: APIs?
        var notListed: [NotListed]

        struct Resource: Encodable {
            var kind: String
            var name: String
            var location: String?
            var created: String?
            var labels: [String: String]
            var details: [String]
            var managedBy: String
            var outcome: String
            var reason: String?
        }

        struct APIs: Encodable {
            var services: [String]
            var outcome: String
            var reason: String?
        }

        struct NotListed: Encodable {
            var kind: String
            var reason: String
        }

        init(_ report: CleanupReport, environment: Environment) {
            cancelled = report.cancelled
            interrupted = report.interrupted
            resources = report.entries.map { entry in
                Resource(kind: entry.resource.kind.id, name: entry.resource.name, location: entry.resource.location,
                         created: entry.resource.created, labels: entry.resource.labels, details: entry.resource.details,
                         managedBy: entry.resource.ownership.label(environment: environment.shortName),
                         outcome: entry.fate.label, reason: Self.reason(entry.fate))
            }
            apis = report.apis.map { APIs(services: $0.services, outcome: $0.fate.label, reason: Self.reason($0.fate)) }
            notListed = ResourceKinds.cleanable.compactMap { kind in
                if let reason = report.inventory.failures[kind] { return NotListed(kind: kind.id, reason: reason) }
                if let api = report.inventory.apisOff[kind] { return NotListed(kind: kind.id, reason: "\(api) is not enabled") }
                return nil
            }
        }

        static func reason(_ fate: CleanupReport.Fate) -> String? {
            switch fate {
            case .deleted: nil
            case .failed(let reason), .skipped(let reason), .kept(let reason): reason
            }
        }
    }
}
