import Testing
@testable import GCPCtlKit

/// Progress lines, driven by a hand-moved clock: no sleeps.
@Suite struct ProgressDisplayTests {
    final class ManualClock: Sendable {
        let start = ContinuousClock.now
        let offset = Locked(Duration.zero)
        func advance(_ duration: Duration) { offset.withLock { $0 += duration } }
        func now() -> ContinuousClock.Instant { start + offset.current }
    }

    func display(terminal: Bool, verbosity: Verbosity = .normal) -> (ProgressDisplay, CapturedStream, ManualClock) {
        let diagnostics = CapturedStream(isTerminal: terminal)
        let reporter = Reporter(settings: OutputSettings(verbosity: verbosity), output: CapturedStream(), diagnostics: diagnostics, environment: ["NO_COLOR": "1"])
        let clock = ManualClock()
        return (ProgressDisplay(reporter: reporter, reportInterval: .seconds(30), now: { clock.now() }), diagnostics, clock)
    }

    @Test func plainPeriodicLinesWhenNotATerminal() {
        let (progress, diagnostics, clock) = display(terminal: false)
        let handle = progress.start("creating Cloud SQL instance digitwinlive-db-dev")
        clock.advance(.seconds(20)); progress.refresh()
        clock.advance(.seconds(70)); progress.refresh()
        clock.advance(.seconds(5)); progress.refresh()
        clock.advance(.seconds(40)); progress.finish(handle, .succeeded("Cloud SQL instance digitwinlive-db-dev created"))
        #expect(diagnostics.lines == [
            "  … creating Cloud SQL instance digitwinlive-db-dev",
            "  … still creating Cloud SQL instance digitwinlive-db-dev (1m30s)",
            "✅ Cloud SQL instance digitwinlive-db-dev created (2m15s)",
        ])
    }

    /// An operation's error names what failed already; the failure line says it once.
    @Test func aFailureNamesTheActivityOnce() async {
        struct Failure: Error, CustomStringConvertible { let description: String }
        let (progress, diagnostics, _) = display(terminal: false)
        let activity = "stopping Cloud SQL instance db"
        await #expect(throws: Failure.self) {
            try await progress.track(activity) { throw Failure(description: activity + " failed: INTERNAL_ERROR: boom") }
        }
        await #expect(throws: Failure.self) {
            try await progress.track(activity) { throw Failure(description: "the connection was reset") }
        }
        #expect(diagnostics.lines.filter { $0.hasPrefix("❌") } == [
            "❌ stopping Cloud SQL instance db failed: INTERNAL_ERROR: boom (0s)",
            "❌ stopping Cloud SQL instance db failed: the connection was reset (0s)",
        ])
    }

    @Test func liveLinesRedrawOnATerminalAndLinesLandAboveThem() {
        let (progress, diagnostics, clock) = display(terminal: true)
        let sql = progress.start("creating Cloud SQL instance db")
        _ = progress.start("building api-gateway")
        clock.advance(.seconds(65)); progress.refresh()
        #expect(progress.liveLines() == ["⏳ creating Cloud SQL instance db (1m05s)", "⏳ building api-gateway (1m05s)"])
        progress.reporter.info("bucket created")
        progress.finish(sql, .failed("Cloud SQL instance db failed"))
        let text = diagnostics.text
        #expect(text.contains("\r\u{1B}[2A\u{1B}[J"), "back over both lines, then clear to the end of the screen")
        // The info line is printed after erasing the live lines, and they are drawn again.
        let info = text.range(of: "ℹ️  bucket created\n")!
        #expect(text[info.upperBound...].hasPrefix("⏳ creating Cloud SQL instance db (1m05s)\n⏳ building api-gateway (1m05s)\n"))
        #expect(text.contains("❌ Cloud SQL instance db failed (1m05s)"))
        #expect(progress.liveLines() == ["⏳ building api-gateway (1m05s)"])
    }

    @Test func quietShowsNoProgress() {
        let (progress, diagnostics, clock) = display(terminal: false, verbosity: .quiet)
        let handle = progress.start("creating x")
        clock.advance(.seconds(120)); progress.refresh()
        progress.finish(handle, .succeeded("x created"))
        #expect(diagnostics.text.isEmpty)
    }

    @Test func trackReportsFailuresAndRethrows() async {
        struct Boom: Error, CustomStringConvertible { var description: String { "quota exceeded" } }
        let (progress, diagnostics, _) = display(terminal: false)
        await #expect(throws: Boom.self) {
            try await progress.track("enabling run.googleapis.com") { throw Boom() }
        }
        #expect(diagnostics.lines.last == "❌ enabling run.googleapis.com failed: quota exceeded (0s)")
    }

    @Test func manyConcurrentOperations() async {
        let (progress, _, clock) = display(terminal: true)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask {
                    let handle = progress.start("operation \(index)")
                    clock.advance(.milliseconds(10))
                    progress.refresh()
                    progress.finish(handle, index.isMultiple(of: 2) ? .succeeded("operation \(index) done") : .abandoned)
                }
            }
        }
        #expect(progress.liveLines().isEmpty)
    }

    @Test func elapsedTimeFormat() {
        #expect(ProgressDisplay.format(.seconds(45)) == "45s")
        #expect(ProgressDisplay.format(.seconds(90)) == "1m30s")
        #expect(ProgressDisplay.format(.seconds(3725)) == "1h02m")
    }
}
