/// The order in which gcpctl looks for the project id and the region (docs/configuration.md):
/// the first source that has a non-empty value wins.
///
/// Project: `--project`, `$GCP_PROJECT_ID`, the environment file's `project`, the legacy .env
/// file's `GCP_PROJECT_ID`, `$GOOGLE_CLOUD_PROJECT`, `$CLOUDSDK_CORE_PROJECT`, then the
/// caller's fallbacks from the credentials (a key file's `project_id`, the metadata server).
/// Region: `--region`, `$GCP_REGION`, the environment file's `region`, the legacy .env file's
/// `GCP_REGION`.
struct ProjectResolution {
    var flagProject: String?
    var flagRegion: String?
    var processEnvironment: [String: String]
    var file: EnvironmentFile
    /// The environment file's path, or nil in legacy mode.
    var filePath: String?
    var dotEnv: DotEnvFile?

    typealias Candidate = (value: String?, source: Environment.ValueSource)

    /// What `config validate` checks `{project}` names with when no project is set.
    static let standIn = "project-id"

    /// A variable of the process environment that overrides what the environment file says
    /// (`GCP_PROJECT_ID` over `project:`, `GCP_REGION` over `region:`): worth a warning, as
    /// it is easily left set from another project. A flag is asked for on the command line.
    func overrideWarnings(project: (String, Environment.ValueSource), region: (String, Environment.ValueSource),
                          locations: DocumentLocations) -> [String] {
        [("project", file.project, project), ("region", file.region, region)].compactMap { key, written, resolved in
            guard let written, !written.trimmingBlanks().isEmpty, written.trimmingBlanks() != resolved.0,
                  case .processEnvironment(let variable) = resolved.1, let filePath else { return nil }
            let line = locations.location(of: .root.key(key))?.value.map { ":\($0.line)" } ?? ""
            return "$\(variable)=\(resolved.0) overrides \(key): \(written) written in \(filePath)\(line); gcpctl uses \(resolved.0)"
        }
    }

    func project() -> (String, Environment.ValueSource)? {
        firstValue([
            (flagProject, .flag("--project")),
            processVariable("GCP_PROJECT_ID"),
            (file.project, fileSource(key: "project")),
            dotEnvVariable("GCP_PROJECT_ID"),
            processVariable("GOOGLE_CLOUD_PROJECT"),
            processVariable("CLOUDSDK_CORE_PROJECT"),
        ])
    }

    func region() -> (String, Environment.ValueSource)? {
        firstValue([
            (flagRegion, .flag("--region")),
            processVariable("GCP_REGION"),
            (file.region, fileSource(key: "region")),
            dotEnvVariable("GCP_REGION"),
        ])
    }

    /// What was consulted, for the "missing required variables" message.
    var searchedFiles: [String] {
        [filePath, dotEnv?.path].compactMap { $0 }
    }

    private func fileSource(key: String) -> Environment.ValueSource {
        filePath.map { .environmentFile(path: $0, key: key) } ?? .builtInDefault
    }

    private func processVariable(_ name: String) -> Candidate {
        (processEnvironment[name], .processEnvironment(name))
    }

    private func dotEnvVariable(_ name: String) -> Candidate {
        (dotEnv?[name], .dotEnvFile(path: dotEnv?.path ?? ".env", variable: name))
    }

    private func firstValue(_ candidates: [Candidate]) -> (String, Environment.ValueSource)? {
        for candidate in candidates {
            if let value = candidate.value?.trimmingBlanks(), !value.isEmpty { return (value, candidate.source) }
        }
        return nil
    }
}
