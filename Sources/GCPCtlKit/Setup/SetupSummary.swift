/// The end of `gcpctl setup`: what happened to each resource, how Cloud Run reaches the
/// database, and what to do next (the bash script's print_summary, in full).
public enum SetupSummary {
    public static func show(_ report: ExecutionReport, environment: Environment, on reporter: Reporter) {
        reporter.result(Document(report, environment: environment)) {
            reporter.section("Summary")
            for label in ["created", "updated", "deleted", "unchanged", "interrupted"] {
                let ids = report.ordered.filter { $0.outcome.label == label }.map(\.id)
                guard !ids.isEmpty else { continue }
                reporter.line("\(label) (\(ids.count)): " + ids.map(\.description).joined(separator: ", "))
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
                reporter.section("Next steps")
                reporter.line("Deploy the services: gcpctl deploy --env=\(environment.shortName)")
                if let sql = environment.cloudSQL, sql.dataAPI {
                    // Extensions are setup's own work now (SQLExtension, through the Data API).
                    reporter.line("Run SQL on \(sql.database): gcpctl sql exec --env=\(environment.shortName) \"SELECT extversion FROM pg_extension\"")
                }
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
