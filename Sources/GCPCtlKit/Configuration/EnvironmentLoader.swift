import Foundation
import Yams

/// What the command line asks for: `--env`, `--project`, `--region`, `--config-dir`.
public struct EnvironmentRequest: Sendable {
    /// A name or alias: development/dev, staging/stage, production/prod, in any case.
    public var name: String
    public var project: String?
    public var region: String?
    /// The directory that holds `environments/` and the .env files; default: the working
    /// directory.
    public var configDirectory: String?

    public init(name: String = "development", project: String? = nil, region: String? = nil, configDirectory: String? = nil) {
        self.name = name
        self.project = project
        self.region = region
        self.configDirectory = configDirectory
    }
}

/// The last places to look for a project id, supplied by the caller from its credentials
/// (a service account key's `project_id`, the metadata server) so that configuration does
/// not depend on authentication. Called only when no other source names a project.
public typealias ProjectFallback = @Sendable () async -> (project: String, source: String)?

/// Loads, resolves and validates an environment (docs/configuration.md).
public struct EnvironmentLoader: Sendable {
    public var workingDirectory: URL
    public var processEnvironment: [String: String]

    public init(
        workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
        processEnvironment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.workingDirectory = workingDirectory
        self.processEnvironment = processEnvironment
    }

    /// The environment `request` names, resolved and validated, or every problem found.
    public func load(
        _ request: EnvironmentRequest, projectFallbacks: [ProjectFallback] = []
    ) async throws(ConfigurationError) -> Environment {
        let paths = DisplayPaths(workingDirectory: workingDirectory)
        let directory = request.configDirectory.map {
            $0.hasPrefix("/") ? URL(fileURLWithPath: $0, isDirectory: true) : workingDirectory.appendingPathComponent($0, isDirectory: true)
        } ?? workingDirectory
        if let configDirectory = request.configDirectory, !FileManager.default.fileExists(atPath: directory.path) {
            throw .issues([ConfigurationIssue(source: "--config-dir", keyPath: "", message: "'\(configDirectory)' does not exist; give the directory that holds environments/ and the .env files")])
        }
        let locator = EnvironmentLocator(directory: directory, paths: paths)
        var file: EnvironmentFile
        var filePath: String?
        var dotEnv: DotEnvFile?
        var envFile: URL
        var issues: [ConfigurationIssue] = []
        var overrides: [String: Environment.ValueSource] = [:]

        switch try locator.locate(request.name) {
        case .environmentFile(let url):
            let shown = paths.display(url)
            let decoded = try Self.decodeEnvironmentFile(try Self.read(url, shown: shown), path: shown)
            (file, filePath, issues) = (decoded.file, shown, decoded.unknownKeys)
            envFile = locator.resolve(file.envFile ?? ".env.\(file.name)")
            if let envURL = locator.dotEnvFile(declared: file.envFile, name: file.name) {
                dotEnv = try DotEnvFile.parse(try Self.read(envURL, shown: paths.display(envURL)), path: paths.display(envURL))
                envFile = envURL
            }
        case .legacy(let name, let url):
            let loaded = try DotEnvFile.parse(try Self.read(url, shown: paths.display(url)), path: paths.display(url))
            (file, overrides) = LegacyVariables.environmentFile(name, dotEnv: loaded, directory: directory)
            envFile = url
            dotEnv = loaded
        }

        let resolution = ProjectResolution(
            flagProject: request.project, flagRegion: request.region, processEnvironment: processEnvironment,
            file: file, filePath: filePath, dotEnv: dotEnv
        )
        var project = resolution.project()
        if project == nil {
            for fallback in projectFallbacks {
                if let found = await fallback() { project = (found.project, .credentials(found.source)); break }
            }
        }
        let region = resolution.region()
        guard let project, let region else {
            if !issues.isEmpty { throw .issues(issues) }
            let missing = [project == nil ? "GCP_PROJECT_ID" : nil, region == nil ? "GCP_REGION" : nil].compactMap { $0 }
            throw .missingRequiredVariables(missing, searched: resolution.searchedFiles)
        }

        let origin = Environment.Origin(
            file: filePath ?? "built-in \(file.name) defaults", isLegacy: filePath == nil,
            project: project.1, region: region.1, overrides: overrides
        )
        var environment = EnvironmentResolver(
            file: file, origin: origin, project: project.0, region: region.0, dotEnv: dotEnv
        ).resolve()
        environment.configDirectory = directory.standardizedFileURL.path
        environment.envFile = envFile.standardizedFileURL.path
        if filePath != nil, let dotEnv {
            environment.warnings += LegacyVariables.disagreements(dotEnv, with: environment)
        }
        if let secrets = environment.literalSecretsWarning { environment.warnings.append(secrets) }
        environment.warnings += RenamedAPIs.notes(file.apis ?? [], source: filePath.map { "\($0): apis" } ?? origin.file)
        issues += EnvironmentValidator.issues(in: environment)
        guard issues.isEmpty else { throw .issues(issues) }
        return environment
    }

    /// Parses an environment file's text: YAML errors, type errors and unknown keys all
    /// become messages naming `path` and the key.
    static func decodeEnvironmentFile(_ text: String, path: String) throws(ConfigurationError) -> (file: EnvironmentFile, unknownKeys: [ConfigurationIssue]) {
        let decoded = try decodeDocument(EnvironmentFile.self, text, path: path)
        return (decoded.value, decoded.unknownKeys)
    }

    /// Parses a YAML document gcpctl reads (an environment file, the price book) into `T`.
    static func decodeDocument<T: Decodable>(_ type: T.Type, _ text: String, path: String) throws(ConfigurationError) -> (value: T, unknownKeys: [ConfigurationIssue]) {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw Self.yamlError(error, path: path)
        }
        guard let node else {
            throw .issues([ConfigurationIssue(source: path, keyPath: "", message: "the file is empty")])
        }
        do {
            let decoded = try YAMLDocumentDecoder.decode(T.self, from: node)
            let unknown = decoded.unknownKeys.map { key in
                ConfigurationIssue(source: path, keyPath: key.path.description,
                                   message: "unknown key" + (key.suggestion.map { "; did you mean '\($0)'?" } ?? ""))
            }
            return (decoded.value, unknown)
        } catch let issue as DocumentDecodingIssue {
            throw .issues([ConfigurationIssue(source: path, keyPath: issue.path.description, message: issue.message)])
        } catch {
            throw .issues([ConfigurationIssue(source: path, keyPath: "", message: "\(error)")])
        }
    }

    private static func yamlError(_ error: any Error, path: String) -> ConfigurationError {
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .invalidYAML(file: path, line: mark.line, reason: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .invalidYAML(file: path, line: context.mark.line, reason: "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return .invalidYAML(file: path, line: nil, reason: "\(error)")
        }
    }

    static func read(_ url: URL, shown: String) throws(ConfigurationError) -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: shown, reason: (error as NSError).localizedDescription)
        }
    }
}
