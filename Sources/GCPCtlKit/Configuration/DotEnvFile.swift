/// A legacy `.env` file as the bash scripts read it: `KEY=VALUE` lines, `export KEY=…`,
/// `#` comments, blank lines, single quotes (literal), double quotes (with `\n \t \r \" \\ \$`
/// escapes, and able to span lines, e.g. for PEM keys), ` #` comments after unquoted values,
/// and CRLF line endings. `$VAR` is not expanded: the value is kept as written.
///
/// Property 27: a value of the form `${SECRET_…}` is a placeholder for a Secret Manager
/// secret; it is not loaded but recorded in `secretPlaceholders`.
public struct DotEnvFile: Codable, Equatable, Sendable {
    /// One assignment, with the lines it spans (1-based, inclusive) for error messages and
    /// for rewriting it in place.
    public struct Variable: Equatable, Sendable, Codable {
        public var name: String
        public var value: String
        public var firstLine: Int
        public var lastLine: Int
    }

    /// The path as shown to the user (relative to the config directory when it is inside it).
    public var path: String
    /// Loaded assignments in file order; a later assignment of a name wins, as in bash.
    public var variables: [Variable]
    /// Names whose value is a `${SECRET_*}` placeholder: provided by Secret Manager.
    public var secretPlaceholders: [String]

    public init(path: String, variables: [Variable] = [], secretPlaceholders: [String] = []) {
        self.path = path
        self.variables = variables
        self.secretPlaceholders = secretPlaceholders
    }

    /// The effective value of `name`, or nil if the file does not set it (or sets it to a
    /// placeholder).
    public subscript(name: String) -> String? {
        variables.last { $0.name == name }?.value
    }

    /// Effective values by name.
    public var values: [String: String] {
        Dictionary(variables.map { ($0.name, $0.value) }, uniquingKeysWith: { _, later in later })
    }

    /// Whether `value` is a Secret Manager placeholder such as `${SECRET_JWT}`.
    public static func isSecretPlaceholder(_ value: String) -> Bool {
        value.hasPrefix("${SECRET_") && value.hasSuffix("}")
    }

    /// Whether `name` can be a variable name: a letter or underscore, then letters, digits
    /// and underscores (what bash accepts).
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.isASCIILetter || $0.isASCIIDigit }
    }

    public static func parse(_ text: String, path: String) throws(ConfigurationError) -> DotEnvFile {
        var file = DotEnvFile(path: path)
        var reader = DotEnvReader(lines: DotEnvLines(text).lines, path: path)
        while let assignment = try reader.nextAssignment() {
            if isSecretPlaceholder(assignment.value) {
                file.secretPlaceholders.append(assignment.name)
            } else {
                file.variables.append(assignment)
            }
        }
        return file
    }

    /// `KEY=VALUE` written so that `parse` reads back exactly `value`: bare when it is plain,
    /// double-quoted with escapes otherwise.
    public static func assignment(name: String, value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { scalar in
            scalar.isASCIILetter || scalar.isASCIIDigit || "_-.,:/@+=%{}~^*?!".unicodeScalars.contains(scalar)
        }
        if plain || value.isEmpty { return "\(name)=\(value)" }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "$": quoted += "\\$"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return "\(name)=\(quoted)\""
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isBlank: Bool { self == " " || self == "\t" }
}
