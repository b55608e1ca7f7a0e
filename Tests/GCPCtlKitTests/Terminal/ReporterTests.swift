import Foundation
import Testing
@testable import GCPCtlKit

/// Where each kind of line goes, and how it looks, in every output mode.
@Suite struct ReporterTests {
    struct Capture {
        let output: CapturedStream
        let diagnostics: CapturedStream
        let reporter: Reporter

        init(_ settings: OutputSettings = OutputSettings(), terminal: Bool = false, environment: [String: String] = [:]) {
            output = CapturedStream(isTerminal: terminal)
            diagnostics = CapturedStream(isTerminal: terminal)
            reporter = Reporter(settings: settings, output: output, diagnostics: diagnostics, environment: environment)
        }

        func everyKindOfLine() {
            reporter.header("Buckets")
            reporter.info("checking buckets")
            reporter.success("bucket created")
            reporter.detail("- GCP_PROJECT_ID")
            reporter.warning("bucket has no lifecycle")
            reporter.error("bucket failed")
            reporter.debug("cache miss")
            reporter.trace("GET https://storage.googleapis.com/storage/v1/b → 200 (12 ms)")
            reporter.section("Status")
            reporter.line("https://api.run.app")
            reporter.keyValues([("project", "p"), ("region", "us-central1")])
            reporter.outcome("done")
        }
    }

    @Test func plainTextWhenNotATerminal() {
        let capture = Capture()
        capture.everyKindOfLine()
        #expect(capture.diagnostics.lines == [
            "", "=== Buckets ===", "ℹ️  checking buckets", "✅ bucket created", "  - GCP_PROJECT_ID",
            "⚠️  bucket has no lifecycle", "❌ bucket failed",
        ])
        #expect(capture.output.lines == ["", "=== Status ===", "https://api.run.app", "project:  p", "region:   us-central1", "✅ done"])
        #expect(!capture.output.text.contains("\u{1B}") && !capture.diagnostics.text.contains("\u{1B}"))
    }

    @Test func scriptColoursOnATerminal() {
        let capture = Capture(terminal: true, environment: ["TERM": "xterm-256color"])
        capture.everyKindOfLine()
        let text = capture.diagnostics.text
        #expect(text.contains("\u{1B}[0;34mℹ️  checking buckets\u{1B}[0m"))
        #expect(text.contains("\u{1B}[0;32m✅ bucket created\u{1B}[0m"))
        #expect(text.contains("\u{1B}[1;33m⚠️  bucket has no lifecycle\u{1B}[0m"))
        #expect(text.contains("\u{1B}[0;31m❌ bucket failed\u{1B}[0m"))
        #expect(text.contains("\u{1B}[0;34m=== Buckets ===\u{1B}[0m"))
    }

    @Test(arguments: [
        (["NO_COLOR": "1"], false), (["TERM": "dumb"], false), (["NO_COLOR": ""], true), ([:], true),
    ])
    func colourFollowsTheEnvironment(environment: [String: String], colored: Bool) {
        let capture = Capture(terminal: true, environment: environment)
        capture.reporter.error("x")
        #expect(capture.diagnostics.text.contains("\u{1B}[") == colored)
    }

    @Test func noColorFlagWins() {
        let capture = Capture(OutputSettings(colorDisabled: true), terminal: true)
        capture.everyKindOfLine()
        #expect(!capture.diagnostics.text.contains("\u{1B}") && !capture.output.text.contains("\u{1B}"))
    }

    /// As gcloud and kubectl: the document alone on stdout, the narration still on stderr
    /// (a CI log shows progress), warnings and errors with plain prefixes.
    @Test func jsonModePrintsExactlyOneDocumentOnStdoutAndNarratesOnStderr() throws {
        let capture = Capture(OutputSettings(format: .json, colorDisabled: true))
        capture.everyKindOfLine()
        capture.reporter.emitJSON(["services": ["api": "https://api.run.app"]])
        capture.reporter.emitJSON(["second": "ignored"])
        let document = try JSONSerialization.jsonObject(with: Data(capture.output.text.utf8)) as? [String: Any]
        #expect((document?["services"] as? [String: String])?["api"] == "https://api.run.app")
        #expect(document?["second"] == nil)
        #expect(capture.diagnostics.lines == [
            "", "=== Buckets ===", "ℹ️  checking buckets", "✅ bucket created", "  - GCP_PROJECT_ID",
            "warning: bucket has no lifecycle", "error: bucket failed",
        ])
    }

    @Test func emptyListsAndObjectsAreWrittenAsBrackets() {
        struct Document: Encodable {
            var services: [String] = []
            var labels: [String: String] = [:]
            var note = "a [\n\n] in a string stays"
        }
        let capture = Capture(OutputSettings(format: .json))
        capture.reporter.emitJSON(Document())
        #expect(capture.output.text.contains("\"services\" : []"))
        #expect(capture.output.text.contains("\"labels\" : {}"))
        #expect(capture.output.text.contains(#""note" : "a [\n\n] in a string stays""#))
    }

    /// Text mode prints the lines; JSON mode keeps the value for the runner's document, and
    /// the text's errors reach stderr (and the document's errors) in both.
    @Test func resultHelperChoosesByFormat() {
        let text = Capture()
        text.reporter.result(["a": 1]) {
            text.reporter.line("human")
            text.reporter.error("api: failed")
        }
        #expect(text.output.lines == ["human"])
        #expect(text.reporter.recordedResult.value == nil)
        let json = Capture(OutputSettings(format: .json))
        json.reporter.result(["a": 1], succeeded: true) {
            json.reporter.line("human")
            json.reporter.error("api: failed")
        }
        json.reporter.result(["b": 2]) {}
        #expect(json.output.text.isEmpty)
        #expect(json.diagnostics.lines == ["error: api: failed"])
        let recorded = json.reporter.recordedResult
        #expect(recorded.value?.encodable as? [String: Int] == ["a": 1])
        #expect(recorded.succeeded == true)
        #expect(recorded.errors == ["api: failed"])
    }

    @Test func quietShowsOnlyErrorsAndTheResult() {
        let capture = Capture(OutputSettings(verbosity: .quiet))
        capture.everyKindOfLine()
        #expect(capture.diagnostics.lines == ["❌ bucket failed"])
        #expect(capture.output.lines.last == "✅ done")
    }

    @Test func verboseAddsDebugAndTrace() {
        let capture = Capture(OutputSettings(verbosity: .verbose))
        capture.everyKindOfLine()
        #expect(capture.diagnostics.lines.contains("debug: cache miss"))
        #expect(capture.diagnostics.lines.contains("→ GET https://storage.googleapis.com/storage/v1/b → 200 (12 ms)"))
        #expect(!Capture().diagnostics.text.contains("debug"))
    }

    @Test func tablesAlignColumnsAndColourCells() {
        let table = TextTable(columns: ["NAME", "STATE"], rows: [
            [.init("api-gateway"), .init("ready", .good)],
            [.init("ws"), .init("missing", .bad)],
        ])
        #expect(table.render(colored: false) == ["NAME         STATE", "api-gateway  ready", "ws           missing"])
        let colored = table.render(colored: true)
        #expect(colored[1].contains("\u{1B}[0;32mready\u{1B}[0m"))
        #expect(colored[2].contains("\u{1B}[0;31mmissing\u{1B}[0m"))
        #expect(TextTable.displayWidth("✅ ok") == 5)
    }
}
