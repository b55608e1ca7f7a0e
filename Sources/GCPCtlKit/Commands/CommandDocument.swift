/// What every command prints with `--format json`: one envelope, the same for every command,
/// and the command's own fields beside it at the top level. A CI job reads `ok` and
/// `exitCode` the same way whatever it ran, and the command's fields (`services`,
/// `resources`, `total`…) where docs/commands.md says.
///
/// A command never builds this: it hands its own fields to `Reporter.result`, and
/// `CommandRunner` adds the envelope once the exit status is known. A command added later
/// gets the envelope by going through the runner like the others.
public struct CommandDocument: Encodable {
    /// Raised when a field changes meaning or goes away; new fields do not raise it.
    public static let schemaVersion = 1

    /// `status`, `sql start`, `config show`…
    public var command: String
    public var exitCode: Int32
    /// The command did what it was asked and found nothing wrong: exit 0, or `plan
    /// --detailed-exitcode`'s 2 ("changes pending").
    public var ok: Bool
    /// The environment's, once it was loaded; before that, what the command line gave (or null).
    public var project: String?
    public var environment: String?
    public var region: String?
    /// Every error line the command printed on stderr, in order, redacted like them.
    public var errors: [String]
    /// The command's own fields (nil when it stopped before it had any). Encoded as an
    /// object whose keys sit beside the envelope's; the envelope's win where both have one.
    public var result: (any Encodable)?

    public init(command: String, exitCode: Int32, ok: Bool, project: String? = nil, environment: String? = nil,
                region: String? = nil, errors: [String] = [], result: (any Encodable)? = nil) {
        self.command = command
        self.exitCode = exitCode
        self.ok = ok
        self.project = project
        self.environment = environment
        self.region = region
        self.errors = errors
        self.result = result
    }

    enum EnvelopeKey: String, CodingKey, CaseIterable {
        case schemaVersion, ok, exitCode, command, project, environment, region, errors
    }

    /// The keys every command's document has.
    public static var envelopeKeys: Set<String> { Set(EnvelopeKey.allCases.map(\.rawValue)) }

    public func encode(to encoder: any Encoder) throws {
        try result?.encode(to: encoder)
        var container = encoder.container(keyedBy: EnvelopeKey.self)
        try container.encode(Self.schemaVersion, forKey: .schemaVersion)
        try container.encode(ok, forKey: .ok)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(command, forKey: .command)
        // Always present, null when unknown, so a reader never has to ask whether a key exists.
        try container.encode(project, forKey: .project)
        try container.encode(environment, forKey: .environment)
        try container.encode(region, forKey: .region)
        try container.encode(errors, forKey: .errors)
    }
}
