import Testing
@testable import GCPCtlKit

/// Tables fitted to the window: the least useful columns left out first, then the cells
/// of the columns that may be cut, widest first; `--wide` keeps everything.
@Suite struct TableFittingTests {
    static let table = TextTable(
        columns: ["NAME", "STATE", "LOCATION", "LABELS", "DETAILS"], droppable: ["LABELS", "LOCATION"], cuttable: ["DETAILS", "NAME"],
        rows: [
            ["clone-uploads-dev", "ok", "US-CENTRAL1", "app=digitwinlive,team=platform", "12 objects, 3.4 MiB, versioned, lifecycle: delete after 30 days"],
            ["digitwinlive-sa@demo-project.iam.gserviceaccount.com", "ok", "-", "-", "DigiTwin Live runtime"],
        ])

    @Test(arguments: [
        (200, [String](), [String]()), (140, ["LABELS"], []), (115, ["LABELS", "LOCATION"], ["DETAILS"]),
        (60, ["LABELS", "LOCATION"], ["DETAILS", "NAME"]),
    ])
    func aTableFitsTheWidthByDroppingThenCutting(width: Int, dropped: [String], cut: [String]) {
        let (fitted, fitting) = Self.table.fitted(to: width)
        let lines = fitted.render(colored: false)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(lines)")
        #expect(fitting.dropped == dropped)
        #expect(fitting.cut == cut)
        #expect(fitted.columns == Self.table.columns.filter { !dropped.contains($0) })
        #expect(lines.contains { $0.contains("…") } == !cut.isEmpty)
    }

    @Test func aTableThatFitsIsUnchanged() {
        let (fitted, fitting) = Self.table.fitted(to: 500)
        #expect(fitting.isWhole)
        #expect(fitted == Self.table)
        #expect(Self.table.fitted(to: nil).table.render(colored: false) == Self.table.render(colored: false))
    }

    /// A table that names no droppable or cuttable column is never changed: a URL in the
    /// deploy summary stays whole, to be copied.
    @Test func onlyTheNamedColumnsAreTouched() {
        let table = TextTable(columns: ["SERVICE", "URL"], rows: [["api-gateway", "https://api-gateway-813766736138.us-central1.run.app"]])
        #expect(table.fitted(to: 30).table == table)
    }

    /// On a terminal (standard output's size) the reporter fits its tables and says so once;
    /// with --wide it prints them whole.
    @Test func theReporterFitsToTheWindowUnlessWide() {
        for wide in [false, true] {
            let output = CapturedStream(isTerminal: true, size: TerminalSize(columns: 50, rows: 24))
            let reporter = Reporter(settings: OutputSettings(wide: wide), output: output, diagnostics: CapturedStream(),
                                    environment: ["NO_COLOR": "1"])
            reporter.table(Self.table)
            reporter.table(Self.table)
            let notes = output.lines.filter { $0.hasPrefix("(to fit the window") }
            if wide {
                #expect(notes.isEmpty && output.lines.contains { $0.contains("app=digitwinlive,team=platform") })
            } else {
                #expect(notes == ["(to fit the window: LABELS, LOCATION left out; DETAILS, NAME cut; --wide shows everything)"])
                #expect(output.lines.filter { !$0.hasPrefix("(") }.allSatisfy { DisplayWidth.of($0) < 50 }, "\(output.lines)")
            }
        }
    }

    @Test(arguments: [
        (Int64(0), "0 B"), (1023, "1023 B"), (1024, "1.0 KiB"), (1536, "1.5 KiB"), (1_048_575, "1.0 MiB"),
        (78_432_051, "74.8 MiB"), (3_221_225_472, "3.0 GiB"), (Int64.max, "8.0 EiB"), (-5, "0 B"),
    ])
    func oneByteFormatter(bytes: Int64, text: String) {
        #expect(ByteCount.format(bytes) == text)
    }
}
