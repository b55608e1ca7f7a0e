/// The end of `gcpctl setup`: how many resources each outcome had ("13 created, 1
/// updated"), which ones changed (not the unchanged ones), how Cloud Run reaches the
/// database, and the next steps, when some remain.
public enum SetupSummary {
    /// What is left to do after a successful setup: enabling pgvector in a database made
    /// now, and deploying services that are not deployed (nil: could not be checked).
    public struct Remaining: Sendable, Equatable {
        public var pgvector: Bool
        public var undeployedServices: [String]?

        public init(pgvector: Bool = false, undeployedServices: [String]? = []) {
            self.pgvector = pgvector
            self.undeployedServices = undeployedServices
        }

        var deploy: Bool { undeployedServices.map { !$0.isEmpty } ?? true }
        var isEmpty: Bool { !pgvector && !deploy }
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
            } else if !report.failures.isEmpty {
                let others = report.failures.count == report.outcomes.count ? "" : "; the others were applied"
                reporter.error("\(report.failures.count) of \(report.outcomes.count) resources failed\(others). Fix the cause and run setup again.")
            }
        }
    }

    static func showNextSteps(_ remaining: Remaining, environment: Environment, on reporter: Reporter) {
        guard !remaining.isEmpty else { return }
        reporter.section("Next steps")
        var steps: [[String]] = []
        if remaining.pgvector, let sql = environment.cloudSQL {
            steps.append([
                "Enable pgvector once, as \(sql.user):",
                "     gcloud sql connect \(sql.instance) --user=\(sql.user) --database=\(sql.database) --project=\(environment.project)",
                "     CREATE EXTENSION IF NOT EXISTS vector;",
                "   (or: cloud-sql-proxy \(sql.connectionName) --port 5432, then psql \"host=127.0.0.1 port=5432 dbname=\(sql.database) user=\(sql.user)\" -c 'CREATE EXTENSION IF NOT EXISTS vector;')",
            ])
        }
        if remaining.deploy {
            let services = remaining.undeployedServices ?? []
            let all = services.isEmpty || Set(services) == Set(environment.services.map(\.name))
            steps.append(["Deploy the services: " + (["gcpctl deploy"] + (all ? [] : services) + ["--env=\(environment.shortName)"]).joined(separator: " ")])
        }
        for (index, step) in steps.enumerated() {
            reporter.line((steps.count == 1 ? "" : "\(index + 1). ") + step[0])
            step.dropFirst().forEach(reporter.line)
        }
    }

    /// The unix-socket form deploy gives Cloud Run services (property 9). The password is
    /// not in it: Cloud Run does not expand `${…}`, so deploy mounts the secret as
    /// DATABASE_PASSWORD and PGPASSWORD, which PostgreSQL clients read.
    public static func databaseURL(_ sql: Environment.CloudSQL) -> String {
        ServiceVariables.databaseURL(sql)
    }

    struct Document: Encodable {
        var environment: String
        var project: String
        var ok: Bool
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
            self.environment = environment.name
            project = environment.project
            ok = report.succeeded
            interrupted = report.wasInterrupted
            resources = report.ordered.map { entry in
                var resource = Resource(kind: entry.id.kind.rawValue, name: entry.id.name, outcome: entry.outcome.label)
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
