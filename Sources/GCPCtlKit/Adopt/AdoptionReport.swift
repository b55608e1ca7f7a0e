/// How `gcpctl adopt` shows what it would do and what it did.
enum AdoptionReport {
    static func show(_ findings: [AdoptionFinding], instance: ScriptsSQLInstance?, environment: Environment, on reporter: Reporter) {
        reporter.section("Adoption plan for \(environment.name) in project \(environment.project)")
        if let instance { reporter.line("  ⇐ \(instance.sentence)") }
        var counts = (adopt: 0, ours: 0, missing: 0, others: 0)
        for finding in findings {
            switch finding.kind {
            case .adopt(let changes):
                counts.adopt += 1
                reporter.line("  ~ \(finding.id): \(Adoption(changes: changes).line)")
            case .ours:
                counts.ours += 1
            case .missing:
                counts.missing += 1
            case .otherEnvironment(let owner):
                counts.others += 1
                reporter.line("  ! \(finding.id) is \(owner.map { "labelled for \($0)" } ?? "not this environment's to take"); adopt leaves it alone")
            case .failed(let error):
                reporter.line("  ! cannot look at \(finding.id): \(error)")
            }
        }
        var parts = ["\(counts.adopt) to adopt", "\(counts.ours) already \(environment.shortName)'s"]
        if counts.missing > 0 { parts.append("\(counts.missing) not there (gcpctl setup creates them)") }
        if counts.others > 0 { parts.append("\(counts.others) another environment's") }
        reporter.line("Adoption: " + parts.joined(separator: ", ") + ".")
    }

    static func summarise(_ report: ExecutionReport, on reporter: Reporter) {
        let adopted = report.ordered.filter { $0.outcome.succeeded }.map(\.id.description)
        for failure in report.failures { reporter.error("\(failure.id): \(failure.reason)") }
        if !adopted.isEmpty {
            reporter.outcome("Adopted \(adopted.count) resource\(adopted.count == 1 ? "" : "s"); gcpctl plan shows what setup would still change in their settings")
        }
    }

    /// Beside the envelope (`CommandDocument`), which names the environment and project.
    struct Document: Encodable {
        var instance: String?
        var adopt: [Entry]
        var alreadyOurs: [String]
        var missing: [String]
        var otherEnvironment: [String]

        struct Entry: Encodable {
            var kind: String
            var name: String
            var changes: [FieldChange]
        }

        init(findings: [AdoptionFinding], instance: ScriptsSQLInstance?) {
            self.instance = instance?.sentence
            adopt = findings.compactMap { finding in
                guard case .adopt(let changes) = finding.kind else { return nil }
                return Entry(kind: finding.id.kind.id, name: finding.id.name, changes: changes)
            }
            func names(_ matches: (AdoptionFinding.Kind) -> Bool) -> [String] { findings.filter { matches($0.kind) }.map(\.id.description) }
            alreadyOurs = names { if case .ours = $0 { true } else { false } }
            missing = names { if case .missing = $0 { true } else { false } }
            otherEnvironment = names { if case .otherEnvironment = $0 { true } else { false } }
        }
    }
}
