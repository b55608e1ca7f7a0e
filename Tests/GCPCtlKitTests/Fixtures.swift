import Foundation
import Testing
@testable import GCPCtlKit

/// A directory of files that exists for one test and is removed afterwards.
final class ScratchDirectory {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("gcpctl-tests-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    @discardableResult
    func write(_ path: String, _ text: String) -> URL {
        let file = url.appendingPathComponent(path)
        try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    func read(_ path: String) -> String {
        try! String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    func loader(_ variables: [String: String] = [:]) -> EnvironmentLoader {
        EnvironmentLoader(workingDirectory: url, processEnvironment: variables)
    }
}

enum Repository {
    /// The checkout this test file belongs to.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func environmentText(_ name: String) -> String {
        try! String(contentsOf: root.appendingPathComponent("environments/\(name).yaml"), encoding: .utf8)
    }

    /// The files `name`'s environment file is made of: itself and what it extends
    /// (staging extends development; production extends staging).
    static let environmentChain = [
        "development": ["development"], "staging": ["staging", "development"], "production": ["production", "staging", "development"],
    ]

    /// Writes `name`'s environment file, edited, and the files it extends, as they are, into
    /// `directory`'s `folder`.
    static func writeEnvironment(_ name: String, to directory: ScratchDirectory, folder: String = "environments",
                                 edit: (String) -> String = { $0 }) {
        for file in environmentChain[name] ?? [name] {
            directory.write("\(folder)/\(file).yaml", file == name ? edit(environmentText(file)) : environmentText(file))
        }
    }
}

/// Loads production.yaml with `original` replaced, expecting the loader to refuse it with
/// `message`, at a key that starts with `key` (`pubsub.`, `scheduler.jobs[`).
func expectProductionRefused(replacing original: String, with replacement: String, message: String, key: String,
                             sourceLocation: SourceLocation = #_sourceLocation) async {
    let directory = ScratchDirectory()
    Repository.writeEnvironment("production", to: directory) {
        #expect($0.contains(original), "\(original)", sourceLocation: sourceLocation)
        return $0.replacingOccurrences(of: original, with: replacement)
    }
    do {
        _ = try await directory.loader(["GCP_PROJECT_ID": "my-project-123"]).load(EnvironmentRequest(name: "prod"))
        Issue.record("loaded", sourceLocation: sourceLocation)
    } catch {
        #expect("\(error)".contains(message), "\(error)", sourceLocation: sourceLocation)
        #expect("\(error)".contains(key), "\(error)", sourceLocation: sourceLocation)
    }
}

/// A minimal valid environment file; tests replace lines to break one rule at a time.
let minimalEnvironment = """
name: development
aliases: [dev]
project: my-project-123
region: us-central1
artifactRegistry:
  repository: images
serviceAccount:
  id: runtime-sa
"""

/// `line` without the `:LINE:COLUMN` after a file name, for tests about the message
/// itself (where a problem is, is tested on its own: ConfigurationErrorsAtOnceTests).
func withoutPosition(_ line: String) -> String {
    line.replacing(/(\.yaml|\.yml):\d+(:\d+)?:/) { "\($0.output.1):" }
}

extension ConfigurationError {
    /// `lines`, without positions.
    var linesWithoutPositions: [String] { lines.map(withoutPosition) }

    /// The issues of an `.issues` error, for assertions.
    var issueList: [ConfigurationIssue] {
        if case .issues(let issues) = self { return issues }
        return []
    }
}

/// Loads `yaml` as environments/development.yaml in a fresh directory.
func loadEnvironment(_ yaml: String, variables: [String: String] = [:], request: EnvironmentRequest = EnvironmentRequest()) async throws(ConfigurationError) -> Environment {
    let directory = ScratchDirectory()
    directory.write("environments/development.yaml", yaml)
    return try await directory.loader(variables).load(request)
}

/// The error loading `yaml` throws (or nil).
func loadingError(_ yaml: String, variables: [String: String] = [:]) async -> ConfigurationError? {
    do {
        _ = try await loadEnvironment(yaml, variables: variables)
        return nil
    } catch {
        return error
    }
}
