import Testing
import TestSupport
@testable import GCPCtlKit

/// The live progress lines as a terminal shows them: what `ProgressDisplay` writes to a
/// terminal of a given size, replayed into `TerminalScreen` (TestSupport).
@Suite struct LiveLinesOnScreenTests {
    struct Terminal {
        let stream: CapturedStream
        let resizes = TerminalResizes()
        let progress: ProgressDisplay
        let clock = ProgressDisplayTests.ManualClock()

        init(columns: Int, rows: Int = 24, term: String = "xterm") {
            stream = CapturedStream(isTerminal: true, size: TerminalSize(columns: columns, rows: rows))
            let reporter = Reporter(output: stream, diagnostics: stream, environment: ["NO_COLOR": "1", "TERM": term],
                                    resizes: resizes)
            let clock = self.clock
            progress = ProgressDisplay(reporter: reporter, now: { clock.now() })
        }

        func screen(columns: Int) -> TerminalScreen {
            var screen = TerminalScreen(columns: columns, rows: stream.size?.rows ?? 24, newlineReturns: true)
            screen.feed(Array(stream.text.utf8))
            return screen
        }
    }

    static let longActivity = "granting roles/cloudsql.client, roles/secretmanager.secretAccessor to digitwinlive-sa@demo-project.iam.gserviceaccount.com"

    /// A line wider than the window is cut with an ellipsis, keeping its elapsed time; after
    /// many redraws nothing of it is left.
    @Test(arguments: [80, 60, 20])
    func aLongLiveLineIsCutToTheWidthAndLeavesNothingBehind(columns: Int) {
        let terminal = Terminal(columns: columns)
        let handle = terminal.progress.start(Self.longActivity)
        for _ in 0..<30 {
            terminal.clock.advance(.seconds(3))
            terminal.progress.refresh()
        }
        let drawn = terminal.screen(columns: columns)
        #expect(drawn.wraps.isEmpty, "\(drawn.wraps)")
        #expect(drawn.text.count == 1 && drawn.text[0].hasSuffix("… (1m30s)") && DisplayWidth.of(drawn.text[0]) == columns - 1,
                "\(drawn.text)")
        terminal.progress.finish(handle, .succeeded(nil))
        #expect(terminal.screen(columns: columns).text.isEmpty)
    }

    /// More operations than rows: the screen cannot scroll back, so the last line counts
    /// the rest, and erasing still takes everything away.
    @Test func moreOperationsThanRowsAreCountedOnOneLine() {
        let terminal = Terminal(columns: 80, rows: 6)
        let handles = (1...12).map { terminal.progress.start("creating bucket number \($0)") }
        terminal.progress.refresh()
        let drawn = terminal.screen(columns: 80).text
        #expect(drawn.count == 5)
        #expect(drawn.last == "… 8 more under way")
        handles.forEach { terminal.progress.finish($0, .succeeded(nil)) }
        #expect(terminal.screen(columns: 80).text.isEmpty)
    }

    /// SIGWINCH: the lines are drawn again at the new width at once, and erased whole.
    @Test func aNarrowerWindowGetsItsLinesRedrawnToItsWidth() {
        let terminal = Terminal(columns: 100)
        let handle = terminal.progress.start(Self.longActivity)
        let before = terminal.stream.text.utf8.count
        terminal.stream.resize(to: TerminalSize(columns: 50, rows: 24))
        terminal.resizes.notify()
        terminal.progress.reporter.info("a line printed above them")
        terminal.progress.finish(handle, .succeeded("done"))

        var screen = TerminalScreen(columns: 100, newlineReturns: true)
        let bytes = Array(terminal.stream.text.utf8)
        screen.feed(bytes[..<before])
        screen.resize(columns: 50)
        screen.feed(bytes[before...])
        #expect(screen.wraps.isEmpty)
        #expect(screen.text == ["ℹ️  a line printed above them", "✅ done (0s)"])
    }

    /// TERM=dumb: the same operations as plain lines, no escape sequence at all.
    @Test func aDumbTerminalGetsPlainLines() {
        let terminal = Terminal(columns: 80, term: "dumb")
        let handle = terminal.progress.start("creating Cloud SQL instance db")
        terminal.clock.advance(.seconds(31))
        terminal.progress.refresh()
        terminal.progress.finish(handle, .succeeded("Cloud SQL instance db created"))
        #expect(!terminal.stream.text.contains("\u{1B}"))
        #expect(terminal.stream.lines == [
            "  … creating Cloud SQL instance db",
            "  … still creating Cloud SQL instance db (31s)",
            "✅ Cloud SQL instance db created (31s)",
        ])
    }
}
