import Foundation
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

extension ConfigurationError {
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
