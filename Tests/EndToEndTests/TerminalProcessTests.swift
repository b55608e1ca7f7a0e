import Foundation
import GCPEmulator
import Testing
import TestSupport

/// gcpctl at a real terminal (a pseudo-terminal from openpty), its bytes replayed into
/// `TerminalScreen`: Ctrl-C typed at each kind of question, live progress at 80 and 60
/// columns and on TERM=dumb, tables that fit the window.
@Suite struct TerminalProcessTests {
    struct Question: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        /// What the terminal shows once the question waits for its answer.
        var prompt: String
        /// Whether setup runs first (cleanup and delete ask only about what exists).
        var afterSetup: Bool

        var testDescription: String { name }
    }

    static let questions = [
        Question(name: "setup's y/N", arguments: ["setup", "--env=dev"], prompt: "[y/N]", afterSetup: false),
        Question(name: "cleanup's menu", arguments: ["cleanup", "--env=dev"], prompt: "Choose (", afterSetup: true),
        Question(name: "cleanup's typed DELETE ALL", arguments: ["cleanup", "--env=dev", "--all"],
                 prompt: "Type DELETE ALL to confirm:", afterSetup: true),
        Question(name: "cleanup --selective's y/N per kind", arguments: ["cleanup", "--env=dev", "--selective"],
                 prompt: "[y/N]", afterSetup: true),
        Question(name: "delete's typed instance name", arguments: ["delete", "sql", "digitwinlive-db-dev", "--env=dev"],
                 prompt: "Type digitwinlive-db-dev to confirm:", afterSetup: true),
    ]

    /// One Ctrl-C, and gcpctl is gone: exit 130, the reason on the screen, and nothing
    /// changed at Google. (Before, the first Ctrl-C was swallowed while a thread waited on
    /// the answer, and the test's watchdog would kill it after a minute: status 137.)
    @Test(arguments: questions)
    func oneCtrlCAtAQuestionEndsGcpctlAt130AndChangesNothing(_ question: Question) async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            if question.afterSetup {
                let setup = try await gcpctl.run(["setup", "--env=dev", "--yes"])
                try #require(setup.status == 0, "\(setup.all)")
            }
            let asked = LogMark()
            asked.mark(emulator)
            let terminal = try gcpctl.onTerminal(question.arguments, columns: 80)
            defer { terminal.kill() }
            try await terminal.waitForOutput(question.prompt)
            terminal.type("\u{03}")
            let status = await terminal.waitForExit(killingAfter: .seconds(60))

            #expect(status == 130, "\(terminal.text)")
            #expect(asked.mutatingAfter(emulator).isEmpty, "changed after the question: \(asked.mutatingAfter(emulator))")
            var screen = TerminalScreen(columns: 80)
            screen.feed(terminal.output)
            #expect(screen.logicalLines.contains { $0.contains("❌ interrupted at") && $0.hasSuffix("nothing was changed") },
                    "\(screen.text.joined(separator: "\n"))")
        }
    }

    /// End of input (Ctrl-D) still answers "no".
    @Test func endOfInputAtAQuestionStillMeansNo() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            let terminal = try gcpctl.onTerminal(["setup", "--env=dev"], columns: 80)
            defer { terminal.kill() }
            try await terminal.waitForOutput("[y/N]")
            terminal.type("\u{04}")
            let status = await terminal.waitForExit(killingAfter: .seconds(60))
            #expect(status == 1, "\(terminal.text)")
            #expect(terminal.text.contains("Cancelled; nothing was changed."))
            #expect(emulator.requests().filter(\.mutating).isEmpty)
        }
    }

    /// setup with a Cloud SQL instance that takes ten (emulated) minutes: while it waits,
    /// its live lines are redrawn every second; at the end none is left on the screen, and
    /// none was ever wider than the window.
    @Test(arguments: [80, 60])
    func liveProgressFitsTheWindowAndLeavesNoStaleLines(columns: Int) async throws {
        try await GCPCtlProcess.withDemoProject({ $0.operationSeconds = ["sql": 600] }) { emulator, gcpctl in
            let terminal = try gcpctl.onTerminal(["setup", "--env=dev", "--yes"], columns: columns)
            defer { terminal.kill() }
            try await emulator.waitForLog(timeout: .seconds(120), where: setupWaitsOnlyOnCloudSQL)
            // Redrawn at least once after the first second, while only Cloud SQL runs.
            try await terminal.waitUntil { $0.contains("⏳ creating Cloud SQL") && $0.contains("(1s)") }
            emulator.advanceClock(seconds: 601)
            let status = await terminal.waitForExit(killingAfter: .seconds(120))

            #expect(status == 0, "\(terminal.text)")
            var screen = TerminalScreen(columns: columns)
            screen.feed(terminal.output)
            let shown = screen.text.joined(separator: "\n")
            #expect(screen.unknownSequences.isEmpty, "\(screen.unknownSequences)")
            #expect(!screen.text.contains { $0.contains("⏳") }, "stale live lines:\n\(shown)")
            #expect(!screen.wraps.contains { $0.contains("⏳") }, "live lines wider than \(columns) columns: \(screen.wraps)")
            #expect(shown.contains("Setup of development complete"), "\(shown)")
        }
    }

    /// TERM=dumb: no cursor movement and no colour, only lines appended one after another.
    @Test func aDumbTerminalGetsPlainAppendedLines() async throws {
        try await GCPCtlProcess.withDemoProject({ $0.operationSeconds = ["sql": 600] }) { emulator, gcpctl in
            let terminal = try gcpctl.onTerminal(["setup", "--env=dev", "--yes"], columns: 80, term: "dumb")
            defer { terminal.kill() }
            try await emulator.waitForLog(timeout: .seconds(120), where: setupWaitsOnlyOnCloudSQL)
            try await terminal.waitForOutput("… creating Cloud SQL instance digitwinlive-db-dev")
            emulator.advanceClock(seconds: 601)
            let status = await terminal.waitForExit(killingAfter: .seconds(120))

            #expect(status == 0, "\(terminal.text)")
            #expect(!terminal.text.contains("\u{1B}"), "an escape sequence on a dumb terminal")
            #expect(!terminal.text.contains("⏳"))
            #expect(terminal.text.contains("Setup of development complete"))
        }
    }

    /// status, cost and cleanup's inventory at 60 columns: no table row is wider than the
    /// window (only sentences wrap: the explanations and the verdict); --wide prints every
    /// column however wide.
    @Test func tablesFitTheWindowUnlessWide() async throws {
        try await GCPCtlProcess.withDemoProject { _, gcpctl in
            try #require(try await gcpctl.run(["setup", "--env=dev", "--yes"]).status == 0)
            let runs = [["status", "--env=dev"], ["cost", "--env=dev", "--offline"], ["cleanup", "--env=dev"], ["status", "--env=dev", "--wide"]]
            for arguments in runs {
                let terminal = try gcpctl.onTerminal(arguments, columns: 60)
                defer { terminal.kill() }
                if arguments[0] == "cleanup" {
                    // The inventory, then the menu: Ctrl-C there.
                    try await terminal.waitForOutput("Choose (")
                    terminal.type("\u{03}")
                }
                let status = await terminal.waitForExit(killingAfter: .seconds(120))
                #expect(status == ["status": 3, "cost": 0, "cleanup": 130][arguments[0]], "\(terminal.text)")
                var screen = TerminalScreen(columns: 60)
                screen.feed(terminal.output)
                let shown = screen.logicalLines.joined(separator: "\n")
                let wrappedRows = screen.wrappedLogicalLines.filter(Self.isTableRow)
                if arguments.contains("--wide") {
                    #expect(!wrappedRows.isEmpty && shown.contains("LIFECYCLE"), "\(shown)")
                } else {
                    #expect(wrappedRows.isEmpty, "table rows wider than 60 columns: \(wrappedRows)\n\(shown)")
                    #expect(shown.contains("--wide shows everything"))
                }
            }
        }
    }

    /// A row of a table: columns two or more spaces apart. Sentences (headings, the
    /// explanations under a table, the verdict, `key:  value` lines, cost's savings) may wrap.
    static func isTableRow(_ line: String) -> Bool {
        let text = line.drop { $0 == " " }
        let sentences = ["❌", "⚠️", "ℹ️", "✅", "$", "(to fit"]
        return !sentences.contains { text.hasPrefix($0) } && !text.contains(":  ") && text.contains(/\S {2,}\S/)
    }
}

extension GCPCtlProcess {
    /// gcpctl on a pseudo-terminal of `columns` columns: colour on (no NO_COLOR), TERM as given.
    func onTerminal(_ arguments: [String], columns: Int, rows: Int = 24, term: String = "xterm-256color") throws -> PseudoTerminalProcess {
        var environment = self.environment
        environment["NO_COLOR"] = nil
        environment["TERM"] = term
        return try PseudoTerminalProcess(executable: GCPCtlProcess.binary, arguments: arguments, environment: environment,
                                         directory: directory, columns: columns, rows: rows)
    }
}
