/// One problem with the configuration, located precisely enough to fix it without searching:
/// `environments/development.yaml: services.api-gateway.memory: '512MB' is not a valid
/// memory size; use a value like 512Mi or 1Gi`.
public struct ConfigurationIssue: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Where the value came from: a file (`environments/development.yaml`, `.env.production`),
    /// a flag (`--project`) or a process environment variable (`$GCP_REGION`).
    public var source: String
    /// The key inside the source (`services.api-gateway.memory`, `buckets[2].name`); empty
    /// when the source is a single value such as a flag.
    public var keyPath: String
    /// What is wrong and, where it helps, what to write instead.
    public var message: String
    /// Where in `source` the value is written (1-based), when it is a file.
    public var line: Int?
    public var column: Int?

    public init(source: String, keyPath: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.source = source
        self.keyPath = keyPath
        self.message = message
        self.line = line
        self.column = column
    }

    /// `file:line:column: key.path: message`, as compilers write it (editors jump there).
    public var description: String {
        let position = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
        let text = keyPath.isEmpty ? "\(source)\(position): \(message)" : "\(source)\(position): \(keyPath): \(message)"
        return LongValues.cut(text)
    }
}

/// Everything that can be wrong before gcpctl talks to Google: a missing or malformed
/// environment file, invalid values, missing required variables. Always exit status 1.
public enum ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Every problem found, collected so the user fixes them in one pass.
    case issues([ConfigurationIssue])
    /// No environment file or legacy .env file answers to the name given with `--env`.
    case environmentNotFound(name: String, searched: [String], available: [String])
    /// A file exists but could not be read.
    case unreadableFile(path: String, reason: String)
    /// A file could not be written (an updated .env file).
    case unwritableFile(path: String, reason: String)
    /// The YAML itself does not parse.
    case invalidYAML(file: String, line: Int?, column: Int? = nil, reason: String)
    /// A line of a legacy .env file does not parse.
    case dotEnvSyntax(file: String, line: Int, reason: String)
    /// Property 28: the variables without which nothing can run, all of them at once.
    case missingRequiredVariables([String], searched: [String])

    /// One line per problem, each understandable on its own, with long values cut.
    public var lines: [String] {
        if case .issues(let issues) = self { return issues.map(\.description) }  // cut already
        return uncutLines.map(LongValues.cut)
    }

    private var uncutLines: [String] {
        switch self {
        case .issues(let issues):
            return issues.map(\.description)
        case .environmentNotFound(let name, let searched, let available):
            var line = "no environment named '\(name)': looked for \(searched.joined(separator: ", "))"
            if let suggestion = Suggestion.closest(to: name, in: available) {
                line += "; did you mean '\(suggestion)'?"
            } else if !available.isEmpty {
                line += "; available: \(available.joined(separator: ", "))"
            }
            return [line]
        case .unreadableFile(let path, let reason):
            return ["\(path): cannot be read: \(reason)"]
        case .unwritableFile(let path, let reason):
            return ["\(path): cannot be written: \(reason)"]
        case .invalidYAML(let file, let line, let column, let reason):
            let position = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return ["\(file)\(position): not valid YAML: \(reason)"]
        case .dotEnvSyntax(let file, let line, let reason):
            return ["\(file):\(line): \(reason)"]
        case .missingRequiredVariables(let names, let searched):
            let whereLooked = searched.isEmpty ? "" : " (looked in \(searched.joined(separator: ", ")))"
            let hints = names.map { name in
                switch name {
                case "GCP_PROJECT_ID": "--project or GCP_PROJECT_ID"
                case "GCP_REGION": "--region or GCP_REGION"
                default: name
                }
            }
            return ["missing required environment variables: \(names.joined(separator: ", "))\(whereLooked); "
                + "set \(hints.joined(separator: " and ")), or add \(names.count == 1 ? "it" : "them") to the environment file"]
        }
    }

    public var description: String { lines.joined(separator: "\n") }
}
