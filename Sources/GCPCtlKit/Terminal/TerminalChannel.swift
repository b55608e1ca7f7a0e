/// The two output streams and the live progress lines drawn at the bottom of the
/// diagnostics stream. Every write goes through here, one at a time, so that a line printed
/// while progress is showing lands above the live lines instead of through them.
///
/// Live lines are cut to the terminal's width (a wrapped line takes two rows, and erasing
/// one row per line then leaves the rest behind) and to its height (the cursor cannot move
/// above the top of the screen), and are erased by moving up over the rows drawn and
/// clearing to the end of the screen.
final class TerminalChannel: Sendable {
    let output: any TerminalStream
    let diagnostics: any TerminalStream
    /// Whether live lines are drawn: standard error is a terminal that understands cursor
    /// movement (not TERM=dumb).
    let drawsLiveLines: Bool
    /// Whether standard output is a terminal that understands cursor movement (`status
    /// --watch` clears it between passes).
    let outputRedraws: Bool
    /// While set, nothing is written (`Reporter.muted(while:)`).
    private let muted = Locked(false)

    private struct Live {
        var lines: [LiveLine] = []
        /// Rows on the screen the drawn lines take now.
        var drawnRows = 0
    }

    private let live = Locked(Live())

    init(output: any TerminalStream, diagnostics: any TerminalStream, cursorControl: Bool = true,
         resizes: TerminalResizes? = nil) {
        self.output = output
        self.diagnostics = diagnostics
        drawsLiveLines = diagnostics.isTerminal && cursorControl
        outputRedraws = output.isTerminal && cursorControl
        if drawsLiveLines {
            resizes?.onResize { [weak self] in self?.redraw() }
        }
    }

    enum Destination {
        case output
        case diagnostics
    }

    /// Writes `text` (whole lines, newline included) to `destination`.
    func write(_ text: String, to destination: Destination) {
        guard !isMuted else { return }
        let stream = destination == .output ? output : diagnostics
        live.withLock { live in
            // Standard output usually shares the terminal with standard error.
            let mustClear = live.drawnRows > 0 && (destination == .diagnostics || stream.isTerminal)
            if mustClear { diagnostics.write(Self.erase(live.drawnRows)) }
            stream.write(text)
            if mustClear {
                let drawn = render(live.lines)
                diagnostics.write(drawn.text)
                live.drawnRows = drawn.rows
            }
        }
    }

    /// Replaces the live lines with `lines` (empty removes them).
    func setLiveLines(_ lines: [LiveLine]) {
        guard drawsLiveLines, !isMuted else { return }
        live.withLock { live in
            let drawn = render(lines)
            let text = Self.erase(live.drawnRows) + drawn.text
            if !text.isEmpty { diagnostics.write(text) }
            live = Live(lines: lines, drawnRows: drawn.rows)
        }
    }

    /// Draws the live lines again at the terminal's current size (after SIGWINCH).
    func redraw() {
        live.withLock { live in
            guard live.drawnRows > 0 else { return }
            let drawn = render(live.lines)
            diagnostics.write(Self.erase(live.drawnRows) + drawn.text)
            live.drawnRows = drawn.rows
        }
    }

    var isMuted: Bool { muted.current }

    func setMuted(_ on: Bool) {
        if on { setLiveLines([]) }
        muted.withLock { $0 = on }
    }

    /// The lines as drawn: one column short of the width (a line that fills the last column
    /// leaves some terminals about to wrap), and no more rows than the screen has above the
    /// cursor's line.
    private func render(_ lines: [LiveLine]) -> (text: String, rows: Int) {
        guard !lines.isEmpty else { return ("", 0) }
        let size = diagnostics.size
        var shown = lines
        if let rows = size?.rows, lines.count > rows - 1 {
            let room = max(rows - 2, 0)
            shown = Array(lines.prefix(room)) + [LiveLine("… \(lines.count - room) more under way")]
        }
        let width = size.map { max($0.columns - 1, 1) }
        let text = shown.map { ($0.fitted(to: width)) + "\n" }.joined()
        return (text, shown.count)
    }

    /// Back to the first drawn row, then clear to the end of the screen.
    private static func erase(_ rows: Int) -> String {
        rows > 0 ? "\r\u{1B}[\(rows)A\u{1B}[J" : ""
    }
}

/// One live progress line: what is happening, and a tail (the elapsed time) that stays
/// when the line is cut to the terminal's width.
struct LiveLine: Equatable, Sendable {
    var text: String
    var tail: String

    init(_ text: String, tail: String = "") {
        self.text = text
        self.tail = tail
    }

    func fitted(to width: Int?) -> String {
        guard let width else { return text + tail }
        return DisplayWidth.fit(text, keeping: tail, to: width)
    }
}
