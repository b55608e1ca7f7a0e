/// The end of `gcpctl setup`: how many resources each outcome had ("13 created, 1
/// updated"), which ones changed (not the unchanged ones), how Cloud Run reaches the
/// database, and the next steps, when some remain.
public enum SetupSummary {
    /// What is left to do after a successful setup: looking into a database made now (its
    /// extensions are setup's own work, through the Data API), and deploying services that
    /// are not deployed (nil: could not be checked).
    public struct Remaining: Sendable, Equatable {
        public var newDatabase: Bool
        public var undeployedServices: [String]?

        public init(newDatabase: Bool = false, undeployedServices: [String]? = []) {
            self.newDatabase = newDatabase
            self.undeployedServices = undeployedServices
        }

        var deploy: Bool { undeployedServices.map { !$0.isEmpty } ?? true }
        var isEmpty: Bool { !newDatabase && !deploy }
    }

    /// The outcomes in the order they are counted.
    static let labels = ["created", "updated", "deleted", "unchanged", "failed", "skipped", "interrupted"]

    /// `13 created, 1 updated`.
    public static func counts(_ report: ExecutionReport) -> String {
        labels.compactMap { label in
            let count = report.count(label)
            return count == 0 ? nil : "\(count) \(label)"
        }.joined(separator: ", ")
    }

    public static func show(_ report: ExecutionReport, environment: Environment, remaining: Remaining = Remaining(), on reporter: Reporter) {
        reporter.result(Document(report, environment: environment)) {
            reporter.section("Summary")
            reporter.line(counts(report))
            for (id, outcome) in report.ordered {
                switch outcome {
                case .created: reporter.line("  + created \(id)")
                case .updated: reporter.line("  ~ updated \(id)")
                case .deleted: reporter.line("  - deleted \(id)")
                default: break
                }
            }
            // What an interruption left unfinished is what the next run does: named, on one line.
            let interrupted = report.ordered.filter { $0.outcome.label == "interrupted" }.map(\.id.description)
            if !interrupted.isEmpty {
                reporter.line("interrupted (\(interrupted.count)): " + interrupted.joined(separator: ", "))
            }
            for failure in report.failures {
                reporter.error("\(failure.id): \(failure.reason)")
            }
            if let sql = environment.cloudSQL {
                reporter.keyValues([
                    ("Cloud SQL connection name", sql.connectionName),
                    ("DATABASE_URL on Cloud Run", databaseURL(sql) + " (password: DATABASE_PASSWORD / PGPASSWORD from \(sql.passwordSecret ?? "the password secret"))"),
                ])
            }
            if report.succeeded {
                showNextSteps(remaining, environment: environment, on: reporter)
                reporter.outcome("Setup of \(environment.name) complete")
            } else if report.wasInterrupted {
                let stopped = report.count("interrupted")
                let failed = report.failures.isEmpty ? "" : "; \(report.failures.count) failed (above)"
                reporter.warning("Setup was interrupted: \(stopped) of \(report.outcomes.count) resources were not finished\(failed). "
                                 + "Run setup again to finish; it picks up what is already there.")
            } else if !report.failures.isEmpty {
                let others = report.failures.count == report.outcomes.count ? "" : "; the others were applied"
                reporter.error("\(report.failures.count) of \(report.outcomes.count) resources failed\(others). Fix the cause and run setup again.")
            }
        }
    }

    static func showNextSteps(_ remaining: Remaining, environment: Environment, on reporter: Reporter) {
        let sql = remaining.newDatabase ? environment.cloudSQL.flatMap { $0.dataAPI ? $0 : nil } : nil
        guard remaining.deploy || sql != nil else { return }
        reporter.section("Next steps")
        if remaining.deploy {
            let services = remaining.undeployedServices ?? []
            let all = services.isEmpty || Set(services) == Set(environment.services.map(\.name))
            reporter.line("Deploy the services: " + (["gcpctl deploy"] + (all ? [] : services) + ["--env=\(environment.shortName)"]).joined(separator: " "))
        }
        if let sql {
            // Extensions are setup's own work now (SQLExtension, through the Data API).
            reporter.line("Run SQL on \(sql.database): gcpctl sql exec --env=\(environment.shortName) \"SELECT extversion FROM pg_extension\"")
        }
    }

    /// The unix-socket form deploy gives Cloud Run services (property 9). The password is
    /// not in it: Cloud Run does not expand `${…}`, so deploy mounts the secret as
    /// DATABASE_PASSWORD and PGPASSWORD, which PostgreSQL clients read.
    public static func databaseURL(_ sql: Environment.CloudSQL) -> String {
        ServiceVariables.databaseURL(sql)
    }

    /// Beside the envelope (`CommandDocument`).
    struct Document: Encodable {
        var interrupted: Bool
        var resources: [Resource]
        var cloudSQL: CloudSQL?

        struct Resource: Encodable {
            var kind: String
            var name: String
            var outcome: String
            var reason: String?
            var changes: [FieldChange]?
        }

        struct CloudSQL: Encodable {
            var connectionName: String
            var databaseURL: String
        }

        init(_ report: ExecutionReport, environment: Environment) {
            interrupted = report.wasInterrupted
            resources = report.ordered.map { entry in
                var resource = Resource(kind: entry.id.kind.id, name: entry.id.name, outcome: entry.outcome.label)
                switch entry.outcome {
                case .failed(let reason): resource.reason = reason
                case .skipped(let dependency): resource.reason = "\(dependency) failed"
                case .updated(let changes): resource.changes = changes
                default: break
                }
                return resource
            }
            cloudSQL = environment.cloudSQL.map { CloudSQL(connectionName: $0.connectionName, databaseURL: SetupSummary.databaseURL($0)) }
        }
    }
}
