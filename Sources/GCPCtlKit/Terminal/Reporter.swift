import Foundation

/// Every line the user sees goes through a Reporter: the scripts' colour-coded lines, tables,
/// summaries and the JSON document. It decides where each goes and whether it shows:
///
/// - narration (`info`, `success`, `header`, `detail`) goes to stderr, hidden by `--quiet`;
///   with `--format json` too, as gcloud and kubectl do, so a CI log still shows progress;
/// - `warning` goes to stderr, hidden by `--quiet`; `error` always shows, and is kept for
///   the JSON document's `errors`;
/// - `debug` and `trace` show only with `--verbose`;
/// - results (`section`, `line`, `table`, `keyValues`, `outcome`) go to stdout and show with
///   `--quiet` too; with `--format json` the value given to `result(_:text:)` replaces them,
///   printed by `CommandRunner` inside the envelope (`CommandDocument`) as the only thing
///   on stdout.
///
/// Everything is redacted first. Colour only where `TextColor.isWanted` says so.
public final class Reporter: Sendable {
    public let settings: OutputSettings
    public let redactor: Redactor
    let channel: TerminalChannel
    let outputColor: Bool
    let diagnosticsColor: Bool
    private let jsonEmitted = Locked(false)
    private let recorded = Locked(RecordedResult())
    /// Whether a table has said it was fitted to the window.
    let narrowedTableNoted = Locked(false)

    public init(
        settings: OutputSettings = OutputSettings(),
        output: any TerminalStream = StandardStream.output,
        diagnostics: any TerminalStream = StandardStream.error,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        redactor: Redactor = Redactor(),
        resizes: TerminalResizes? = nil
    ) {
        self.settings = settings
        self.redactor = redactor
        // TERM=dumb: a terminal that cannot move its cursor gets plain appended lines.
        channel = TerminalChannel(output: output, diagnostics: diagnostics, cursorControl: environment["TERM"] != "dumb",
                                  resizes: resizes)
        outputColor = TextColor.isWanted(on: output, disabled: settings.colorDisabled, environment: environment)
        diagnosticsColor = TextColor.isWanted(on: diagnostics, disabled: settings.colorDisabled, environment: environment)
    }

    var isJSON: Bool { settings.format == .json }
    var showsNarration: Bool { settings.verbosity > .quiet }

    // MARK: Narration, on stderr

    public func info(_ message: String) {
        narrate("ℹ️  " + message, color: .blue)
    }

    public func success(_ message: String) {
        narrate("✅ " + message, color: .green)
    }

    /// `=== Title ===` after a blank line, as the scripts' log_header.
    public func header(_ title: String) {
        guard showsNarration else { return }
        diagnostic("\n" + paint("=== \(title) ===", .blue, diagnosticsColor))
    }

    /// An indented line under the previous one (`  - GCP_PROJECT_ID`).
    public func detail(_ message: String) {
        narrate("  " + message, color: nil)
    }

    public func warning(_ message: String) {
        guard settings.verbosity > .quiet else { return }
        diagnostic(isJSON ? "warning: \(message)" : paint("⚠️  " + message, .yellow, diagnosticsColor))
    }

    public func error(_ message: String) {
        recorded.withLock { $0.errors.append(redactor.redact(message)) }
        diagnostic(isJSON ? "error: \(message)" : paint("❌ " + message, .red, diagnosticsColor))
    }

    /// An indented line that explains the error after it (a failed build's last log
    /// lines): shown whenever errors are.
    public func errorDetail(_ message: String) {
        diagnostic("  " + message)
    }

    /// Shown with `--verbose` only.
    public func debug(_ message: String) {
        guard settings.verbosity == .verbose else { return }
        diagnostic(paint("debug: " + message, .dim, diagnosticsColor))
    }

    /// One line of the HTTP trace (`GET https://… → 200 (84 ms)`), with `--verbose` only;
    /// redacted like everything else, so headers and bodies may be passed as they are.
    public func trace(_ line: String) {
        guard settings.verbosity == .verbose else { return }
        diagnostic(paint("→ " + line, .dim, diagnosticsColor))
    }

    private func narrate(_ text: String, color: TextColor?) {
        guard showsNarration else { return }
        diagnostic(color.map { paint(text, $0, diagnosticsColor) } ?? text)
    }

    private func diagnostic(_ text: String) {
        channel.write(redactor.redact(text) + "\n", to: .diagnostics)
    }

    /// A question on stderr, without a newline (the answer is typed after it).
    func prompt(_ text: String) {
        channel.write(redactor.redact(text), to: .diagnostics)
    }

    func paint(_ text: String, _ color: TextColor, _ enabled: Bool) -> String {
        enabled ? color.paint(text) : text
    }

    // MARK: Results, on stdout

    func result(_ text: String) {
        guard !isJSON else { return }
        channel.write(redactor.redact(text) + "\n", to: .output)
    }

    /// The command's single JSON document, with `--format json` only; a second call is
    /// ignored (and says so with `--verbose`), so stdout always holds exactly one document.
    public func emitJSON<Value: Encodable>(_ value: Value) {
        guard isJSON, !channel.isMuted else { return }
        let first = jsonEmitted.withLock { emitted in
            defer { emitted = true }
            return !emitted
        }
        guard first else {
            debug("a second JSON document was not printed")
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        channel.write(redactor.redact(Self.compactingEmptyContainers(String(decoding: data, as: UTF8.self))) + "\n", to: .output)
    }

    /// `[]` and `{}` for what Foundation's pretty printer writes as a bracket, a blank line
    /// and a bracket. A raw newline is never inside a JSON string, so only layout changes.
    static func compactingEmptyContainers(_ json: String) -> String {
        json.replacing(/\[\n\s*\n\s*\]/, with: "[]").replacing(/\{\n\s*\n\s*\}/, with: "{}")
    }

    /// Whether the JSON document has been printed.
    public var hasEmittedJSON: Bool { jsonEmitted.current }

    /// The command's result: `value` becomes the command's fields in the JSON document
    /// with `--format json` (the first value given is kept); `text` runs either way, its
    /// results shown only as text while its errors and warnings reach stderr in both.
    /// `succeeded` overrides the document's `ok` where an exit status other than 0 is not a
    /// failure (`plan --detailed-exitcode`'s 2).
    public func result<Value: Encodable>(_ value: Value, succeeded: Bool? = nil, text: () -> Void) {
        if isJSON {
            recorded.withLock { recorded in
                guard recorded.value == nil else { return }
                recorded.value = RecordedValue(value)
                recorded.succeeded = succeeded
            }
        }
        text()
    }

    /// What `result` and `error` kept for the JSON document.
    var recordedResult: RecordedResult { recorded.current }

    struct RecordedResult: Sendable {
        var value: RecordedValue?
        var succeeded: Bool?
        var errors: [String] = []
    }

    /// A command's result, kept until the runner prints it. Results are values made for
    /// printing and never changed after, so holding one across tasks is safe.
    struct RecordedValue: @unchecked Sendable {
        var encodable: any Encodable
        init(_ encodable: any Encodable) { self.encodable = encodable }
    }
}
