import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// `gcpctl status` on a terminal: states in colour (none with NO_COLOR), and `--watch`
/// drawing each pass over the last instead of below it.
@Suite struct StatusTerminalTests {
    static let clearScreen = "\u{1B}[H\u{1B}[2J"

    /// `text` in the table's colour for it (TextColor's codes, then a reset).
    static func painted(_ text: String, _ code: String) -> String { "\u{1B}[\(code)m\(text)\u{1B}[0m" }

    @Test func onATerminalEachStateHasItsColourAndNoColorTurnsColourOff() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            #expect(project.emulator.deleteBucket("clone-uploads-dev"))

            let run = await project.status(terminal: true)
            #expect(run.status == .unhealthy)
            let uploads = try #require(run.output.split(separator: "\n").first { $0.contains("clone-uploads-dev") }, "\(run.output)")
            #expect(uploads.contains(Self.painted("missing", "0;31")), "red: \(uploads.debugDescription)")
            let documents = try #require(run.output.split(separator: "\n").first { $0.contains("clone-documents-dev") && $0.contains("US-CENTRAL1") })
            #expect(documents.contains(Self.painted("ok", "0;32")), "green: \(documents.debugDescription)")
            let gateway = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("api-gateway") })
            #expect(gateway.contains(Self.painted("not deployed", "1;33")), "yellow: \(gateway.debugDescription)")
            #expect(run.output.contains(Self.painted("NAME", "1")), "bold headers")
            #expect(run.output.contains("\u{1B}[0;31m❌ development is not healthy: "), "a red verdict")

            project.extraEnvironment["NO_COLOR"] = "1"
            let plain = await project.status(terminal: true)
            #expect(plain.status == .unhealthy)
            #expect(!plain.output.contains("\u{1B}["), "\(plain.output.debugDescription)")
            #expect(!plain.diagnostics.contains("\u{1B}[0;3"), "no colour on stderr either")
            #expect(plain.output.contains("missing"))
        }
    }

    @Test func watchOnATerminalClearsTheScreenAndDrawsEachPassFromTheTop() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let passes = 3
            let watch = StatusWorkflow(watchInterval: .seconds(7), maxPasses: passes, sleep: { _ in })
            let run = await project.status(watch, terminal: true)
            #expect(run.status == .unhealthy)

            // Every pass starts with the cursor home and the screen cleared, and then the
            // whole report: on the screen only the last pass is left.
            let drawn = run.output.components(separatedBy: Self.clearScreen)
            #expect(drawn.count == passes + 1, "\(run.output.debugDescription)")
            #expect(drawn.first == "", "nothing before the first clear")
            for pass in drawn.dropFirst() {
                #expect(pass.hasPrefix("Status of development in project demo-project at "))
                #expect(pass.components(separatedBy: "every 7 s, Ctrl-C to stop").count == 2, "one report per pass")
                #expect(pass.contains("❌ development is not healthy"))
            }
        }
    }
}
