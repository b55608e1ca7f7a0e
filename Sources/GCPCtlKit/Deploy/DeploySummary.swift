/// The end of `gcpctl deploy`: each service's outcome, revision and URL (property 22), the
/// .env file written (property 35), and the verdict; or all of it as one JSON document.
public enum DeploySummary {
    public struct EnvFileUpdate: Sendable, Encodable, Equatable {
        public var path: String
        public var variables: [String]
        /// False when the file held these URLs already (and was left untouched).
        public var changed: Bool
    }

    public static func show(_ results: [ServiceDeployResult], environment: Environment, envFile: EnvFileUpdate?,
                            on reporter: Reporter) {
        reporter.result(Document(results, envFile: envFile)) {
            reporter.section("Deployed services")
            reporter.table(TextTable(columns: ["SERVICE", "RESULT", "REVISION", "HEALTH", "URL"], rows: results.map { result in
                [
                    TextTable.Cell(result.name),
                    TextTable.Cell(result.error == nil ? result.outcome.rawValue : "failed", result.succeeded ? .good : .bad),
                    TextTable.Cell(result.revision ?? "-"),
                    TextTable.Cell(result.health ?? "-", result.health == "ok" ? .good : result.health == "failed" ? .bad : .plain),
                    TextTable.Cell(result.url ?? "-"),
                ]
            }))
            for result in results {
                if let hashURL = result.hashURL { reporter.line("\(result.name) also answers at \(hashURL)") }
                if let tagURL = result.tagURL { reporter.line("\(result.name) new revision: \(tagURL)") }
            }
            if let envFile {
                reporter.line(envFile.changed ? "Wrote \(envFile.variables.joined(separator: ", ")) to \(envFile.path)"
                                              : "\(envFile.path) has these URLs already")
            }
            let failed = results.filter { !$0.succeeded }
            if failed.isEmpty {
                reporter.outcome("Deployed \(results.count) service\(results.count == 1 ? "" : "s") to \(environment.name)")
            } else {
                reporter.error("\(failed.count) of \(results.count) services failed: \(failed.map(\.name).joined(separator: ", "))"
                               + (failed.count < results.count ? "; the others were deployed" : ""))
            }
        }
    }

    /// Beside the envelope (`CommandDocument`), which says whether every service succeeded.
    struct Document: Encodable {
        var services: [ServiceDeployResult]
        var envFile: EnvFileUpdate?

        init(_ results: [ServiceDeployResult], envFile: EnvFileUpdate?) {
            services = results
            self.envFile = envFile
        }
    }
}
