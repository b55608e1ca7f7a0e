/// The two output streams and the live progress lines drawn at the bottom of the
/// diagnostics stream. Every write goes through here, one at a time, so that a line printed
/// while progress is showing lands above the live lines instead of through them.
final class TerminalChannel: Sendable {
    let output: any TerminalStream
    let diagnostics: any TerminalStream
    /// The live lines currently drawn (only ever non-empty on a terminal).
    private let live = Locked<[String]>([])
    /// While set, nothing is written (`Reporter.muted(while:)`).
    private let muted = Locked(false)

    init(output: any TerminalStream, diagnostics: any TerminalStream) {
        self.output = output
        self.diagnostics = diagnostics
    }

    enum Destination {
        case output
        case diagnostics
    }

    /// Writes `text` (whole lines, newline included) to `destination`.
    func write(_ text: String, to destination: Destination) {
        guard !isMuted else { return }
        let stream = destination == .output ? output : diagnostics
        live.withLock { lines in
            // Standard output usually shares the terminal with standard error.
            let mustClear = !lines.isEmpty && (destination == .diagnostics || stream.isTerminal)
            if mustClear { diagnostics.write(Self.erase(lines.count)) }
            stream.write(text)
            if mustClear { diagnostics.write(Self.draw(lines)) }
        }
    }

    /// Replaces the live lines with `lines` (empty removes them).
    func setLiveLines(_ newLines: [String]) {
        guard diagnostics.isTerminal, !isMuted else { return }
        live.withLock { lines in
            diagnostics.write(Self.erase(lines.count) + Self.draw(newLines))
            lines = newLines
        }
    }

    var isMuted: Bool { muted.current }

    func setMuted(_ on: Bool) {
        if on { setLiveLines([]) }
        muted.withLock { $0 = on }
    }

    /// Moves up over `count` drawn lines, clearing each.
    private static func erase(_ count: Int) -> String {
        String(repeating: "\u{1B}[1A\u{1B}[2K", count: count) + (count > 0 ? "\r" : "")
    }

    private static func draw(_ lines: [String]) -> String {
        lines.map { $0 + "\n" }.joined()
    }
}
