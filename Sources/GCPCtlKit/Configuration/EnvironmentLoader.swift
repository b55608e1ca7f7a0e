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
    /// `config validate`: with no project anywhere, check with a stand-in id instead of
    /// asking for one (nothing is sent to Google).
    public var projectOptional: Bool

    public init(name: String = "development", project: String? = nil, region: String? = nil, configDirectory: String? = nil,
                projectOptional: Bool = false) {
        self.name = name
        self.project = project
        self.region = region
        self.configDirectory = configDirectory
        self.projectOptional = projectOptional
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
        var decoded = DecodedEnvironmentFile()
        var overrides: [String: Environment.ValueSource] = [:]

        switch try locator.locate(request.name) {
        case .environmentFile(let url):
            let shown = paths.display(url)
            decoded = try Self.decodeEnvironmentFile(at: url, shown: shown, paths: paths)
            guard let value = decoded.file else { throw .issues(decoded.issues) }
            (file, filePath) = (value, shown)
            envFile = locator.resolve(file.envFile ?? ".env.\(file.name)")
            if let envURL = locator.dotEnvFile(declared: file.envFile, name: file.name) {
                dotEnv = try DotEnvFile.parse(try SourceText.read(envURL, shown: paths.display(envURL)), path: paths.display(envURL))
                envFile = envURL
            }
        case .legacy(let name, let url):
            let loaded = try DotEnvFile.parse(try SourceText.read(url, shown: paths.display(url)), path: paths.display(url))
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
        if project == nil, request.projectOptional {
            project = (ProjectResolution.standIn, .standIn)
        }
        let region = resolution.region()
        guard let project, let region else {
            if !decoded.issues.isEmpty { throw .issues(decoded.issues) }
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
        environment.warnings += resolution.overrideWarnings(project: project, region: region, locations: decoded.locations)
        if filePath != nil, let dotEnv {
            environment.warnings += LegacyVariables.disagreements(dotEnv, with: environment)
        }
        if let secrets = environment.literalSecretsWarning { environment.warnings.append(secrets) }
        environment.warnings += RenamedAPIs.notes(file.apis ?? [], source: filePath.map { "\($0): apis" } ?? origin.file)
        let issues = decoded.issues + EnvironmentValidator.check(environment, dropped: decoded.dropped).map { found in
            found.path.map { decoded.locations.locate(found.issue, at: $0) } ?? found.issue
        }
        guard issues.isEmpty else { throw .issues(Self.inFileOrder(issues)) }
        return environment
    }

    /// Problems of flags and variables first, then each file's in the order of its lines.
    static func inFileOrder(_ issues: [ConfigurationIssue]) -> [ConfigurationIssue] {
        let files = issues.filter { $0.line != nil }.map(\.source).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return issues.enumerated().sorted { first, second in
            let a = first.element, b = second.element
            let fileA = a.line == nil ? -1 : files.firstIndex(of: a.source) ?? -1
            let fileB = b.line == nil ? -1 : files.firstIndex(of: b.source) ?? -1
            if fileA != fileB { return fileA < fileB }
            if (a.line ?? 0, a.column ?? 0) != (b.line ?? 0, b.column ?? 0) { return (a.line ?? 0, a.column ?? 0) < (b.line ?? 0, b.column ?? 0) }
            return first.offset < second.offset
        }.map(\.element)
    }

    static func read(_ url: URL, shown: String) throws(ConfigurationError) -> String {
        try SourceText.read(url, shown: shown)
    }
}
