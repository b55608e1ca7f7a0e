import Foundation
import Yams

/// An environment file decoded for checking: the value (nil when not even its required
/// keys decode), every problem located at its file, line and column, the values left out,
/// and where everything is written.
struct DecodedEnvironmentFile {
    var file: EnvironmentFile?
    var issues: [ConfigurationIssue] = []
    var dropped: [DocumentPath] = []
    var locations = DocumentLocations()
}

extension EnvironmentLoader {
    /// Reads an environment file (and what it extends) and decodes it, going on past wrong
    /// values: type problems and unknown keys all come back, each with its location.
    static func decodeEnvironmentFile(at url: URL, shown: String, paths: DisplayPaths) throws(ConfigurationError) -> DecodedEnvironmentFile {
        decode(try EnvironmentDocument.load(url, shown: shown, paths: paths))
    }

    /// Parses an environment file's text (without `extends`): YAML errors, type errors and
    /// unknown keys all become messages naming `path` and the key.
    static func decodeEnvironmentFile(_ text: String, path: String) throws(ConfigurationError) -> (file: EnvironmentFile, unknownKeys: [ConfigurationIssue]) {
        let decoded = decode(try EnvironmentDocument.parse(text, path: path))
        let unknown = decoded.issues.filter { $0.message.hasPrefix("unknown key") }
        guard let file = decoded.file, unknown.count == decoded.issues.count else {
            throw .issues(decoded.issues.filter { !$0.message.hasPrefix("unknown key") })
        }
        return (file, unknown)
    }

    static func decode(_ document: EnvironmentDocument) -> DecodedEnvironmentFile {
        let outcome = YAMLDocumentDecoder.decode(EnvironmentFile.self, from: document.node)
        let file = document.files.first ?? ""
        let issues = located(outcome, file: file, locations: document.locations)
        return DecodedEnvironmentFile(file: outcome.value, issues: inFileOrder(issues), dropped: outcome.dropped,
                                      locations: document.locations)
    }

    /// Parses a YAML document gcpctl reads (the price book) into `T`.
    static func decodeDocument<T: Decodable>(_ type: T.Type, _ text: String, path: String) throws(ConfigurationError) -> (value: T, unknownKeys: [ConfigurationIssue]) {
        let document = try EnvironmentDocument.parse(text, path: path)
        let outcome = YAMLDocumentDecoder.decode(T.self, from: document.node)
        let all = located(outcome, file: path, locations: document.locations)
        guard let value = outcome.value, outcome.issues.isEmpty else {
            throw .issues(Array(all.prefix(outcome.issues.count)))
        }
        return (value, Array(all.dropFirst(outcome.issues.count)))
    }

    /// The decoder's findings as configuration issues: type problems, then unknown keys.
    private static func located<T>(_ outcome: YAMLDocumentDecoder.Outcome<T>, file: String,
                                   locations: DocumentLocations) -> [ConfigurationIssue] {
        let problems = outcome.issues.map { issue in
            locations.locate(ConfigurationIssue(source: file, keyPath: issue.path.description, message: issue.message), at: issue.path)
        }
        let unknown = outcome.unknownKeys.map { key in
            locations.locate(ConfigurationIssue(source: file, keyPath: key.path.description,
                                                message: "unknown key" + (key.suggestion.map { "; did you mean '\($0)'?" } ?? "")),
                             at: key.path, pointingAtKey: true)
        }
        return problems + unknown
    }
}
