import Foundation

/// `gcpctl init`: leaves legacy mode in one step. For each environment the bash scripts'
/// .env files describe, writes `environments/<name>.yaml` saying what legacy mode would do
/// (the scripts' settings, the .env file's names, the Dockerfiles the repository has), so
/// nothing changes but where it is written down. The .env file stays: it is still the
/// services' variables and the project and region (`envFile`). Works offline.
public struct InitWorkflow: Sendable {
    /// Canonical names; nil: every built-in environment that has a .env file.
    public var environments: [String]?
    /// `--force`: replace environment files that exist.
    public var overwrite: Bool

    public init(environments: [String]? = nil, overwrite: Bool = false) {
        self.environments = environments
        self.overwrite = overwrite
    }

    struct Document: Encodable {
        var written: [Written]
        var kept: [String]

        struct Written: Encodable {
            var environment: String
            var file: String
            var from: String
            var services: [String: String]
        }
    }

    public func run(directory: URL, workingDirectory: URL, reporter: Reporter) throws -> ExitStatus {
        let paths = DisplayPaths(workingDirectory: workingDirectory)
        var document = Document(written: [], kept: [])
        let sources = legacyFiles(in: directory)
        guard !sources.isEmpty else { throw InitError.nothingToConvert(directory: paths.display(directory), names: environments) }
        for (name, dotEnvURL) in sources {
            let target = directory.appendingPathComponent("environments/\(name).yaml")
            let shownTarget = paths.display(target)
            if FileManager.default.fileExists(atPath: target.path), !overwrite {
                reporter.warning("\(shownTarget) exists; kept it (--force replaces it)")
                document.kept.append(shownTarget)
                continue
            }
            let dotEnvName = dotEnvURL.lastPathComponent
            let dotEnv = try DotEnvFile.parse(try EnvironmentLoader.read(dotEnvURL, shown: paths.display(dotEnvURL)), path: paths.display(dotEnvURL))
            var (file, _) = LegacyVariables.environmentFile(name, dotEnv: dotEnv, directory: directory)
            file.envFile = dotEnvName
            let text = try EnvironmentFileWriter.text(file, header: InitWorkflow.header(name: name, dotEnv: dotEnvName))
            try write(text, to: target)
            let services = Dictionary((file.services?.entries ?? []).map { entry in
                (entry.name, entry.value.source == "." ? entry.value.dockerfile ?? "Dockerfile" : "\(entry.value.source)/\(entry.value.dockerfile ?? "Dockerfile")")
            }, uniquingKeysWith: { $1 })
            document.written.append(.init(environment: name, file: shownTarget, from: paths.display(dotEnvURL), services: services))
        }
        reporter.result(document) {
            for written in document.written {
                reporter.line("wrote \(written.file) from \(written.from); the services build from:")
                for (service, dockerfile) in written.services.sorted(by: { $0.key < $1.key }) {
                    reporter.line("    \(service): \(dockerfile)")
                }
            }
            if !document.written.isEmpty {
                reporter.outcome("gcpctl now reads environments/ for \(document.written.map(\.environment).joined(separator: ", ")); "
                                 + "the .env files stay the services' variables. Check with: gcpctl plan --env=\(EnvironmentName.shortName(of: document.written[0].environment))")
            }
        }
        return document.written.isEmpty ? .configurationError : .success
    }

    /// The .env file of each environment to write, as legacy mode would pick it.
    func legacyFiles(in directory: URL) -> [(name: String, url: URL)] {
        let names = environments ?? ["development", "staging", "production"]
        return names.compactMap { name in
            var candidates = [".env.\(name)"]
            // `.env` alone is the development file; a named environment takes it only when asked for.
            if environments != nil || (name == "development") { candidates.append(".env") }
            return candidates.map { directory.appendingPathComponent($0) }
                .first { FileManager.default.fileExists(atPath: $0.path) }.map { (name, $0) }
        }
    }

    static func header(name: String, dotEnv: String) -> [String] {
        [
            "The \(name) environment, written by `gcpctl init` from \(dotEnv) and the repository's layout:",
            "the bash scripts' settings, which legacy mode used. Every key is in docs/configuration.md.",
            "The project and region still come from \(dotEnv) (GCP_PROJECT_ID, GCP_REGION) unless set here.",
        ]
    }

    private func write(_ text: String, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileReplacement.write(Data(text.utf8), to: url.path, mode: .keep(newFile: 0o644))
        } catch let error as FileReplacement.Failure {
            throw InitError.unwritable(path: url.path, reason: error.reason)
        } catch {
            throw InitError.unwritable(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }
}

public enum InitError: Error, Sendable, CustomStringConvertible, ExitStatusProviding {
    case nothingToConvert(directory: String, names: [String]?)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .nothingToConvert(let directory, let names):
            let looked = (names ?? ["development", "staging", "production"]).map { ".env.\($0)" } + [".env"]
            return "no .env file to start from in \(directory.isEmpty ? "." : directory) (looked for \(looked.joined(separator: ", "))); run gcpctl init where the bash scripts' .env files are, or use --config-dir"
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason); check the directory's permissions"
        }
    }

    public var exitStatus: ExitStatus { .configurationError }
}
