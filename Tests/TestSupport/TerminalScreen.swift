/// A small model of a terminal (VT100/xterm-like, no reflow on resize), to replay what a
/// program wrote to a pseudo-terminal and look at the screen a person would see at the
/// end: which lines are left, which of them the terminal had to wrap because they were
/// wider than the window, and any escape sequence the model does not know (so that a
/// test cannot pass by the model ignoring what the program did).
///
/// Understood: printable text (emoji and wide characters take two columns; autowrap at the
/// right margin, xterm's way: the wrap happens at the next character), CR, LF, BS, TAB, BEL,
/// and CSI sequences for cursor movement (A B C D G H f), erasing (J K: 0, 1, 2, 3) and
/// modes that change nothing here (m for colours, ?25 h/l for the cursor).
public struct TerminalScreen: Sendable {
    public private(set) var columns: Int
    public let rows: Int
    /// Every line, the scrollback above the screen included; a cell is nil until written,
    /// "" for the second half of a wide character.
    private var lines: [[String?]] = [[]]
    /// The first line of the screen: the cursor cannot go above it.
    private var top = 0
    private var row = 0
    private var column = 0
    /// The cursor is past the last column: the next character goes to the next line.
    private var wrapPending = false
    /// Lines that exist because the one before them was too long (autowrap).
    private var wrapped: Set<Int> = []
    /// Every line the terminal had to wrap, as it stood when it did.
    public private(set) var wraps: [String] = []
    /// Escape sequences the model does not understand.
    public private(set) var unknownSequences: [String] = []

    /// LF also returns the carriage, as a terminal's line discipline makes it (ONLCR):
    /// for text captured before it reached a terminal.
    private let newlineReturns: Bool

    public init(columns: Int, rows: Int = 24, newlineReturns: Bool = false) {
        self.columns = columns
        self.rows = rows
        self.newlineReturns = newlineReturns
    }

    /// Replays `bytes` (UTF-8 text with control characters and escape sequences).
    public mutating func feed(_ bytes: some Sequence<UInt8>) {
        var characters = Array(String(decoding: Array(bytes), as: UTF8.self))[...]
        while let character = characters.popFirst() {
            switch character {
            case "\u{1B}": escape(&characters)
            case "\r\n": carriageReturn(); lineFeed()
            case "\r": carriageReturn()
            case "\n": if newlineReturns { carriageReturn() }; lineFeed()
            case "\u{08}": column = max(min(column, columns - 1) - 1, 0); wrapPending = false
            case "\t": column = min((column / 8 + 1) * 8, columns - 1)
            case "\u{07}": break
            default: put(character)
            }
        }
    }

    /// The window was resized: lines already drawn stay as they are.
    public mutating func resize(columns: Int) {
        self.columns = columns
        column = min(column, columns - 1)
        wrapPending = false
    }

    /// The lines as they read now, without trailing blanks, and without the empty lines
    /// below the last written one.
    public var text: [String] {
        var result = lines.map { cells in
            var line = cells.map { $0 ?? " " }.joined()
            while line.last == " " { line.removeLast() }
            return line
        }
        while result.last == "" { result.removeLast() }
        return result
    }

    /// The lines as the program wrote them: a line the terminal wrapped is joined again.
    public var logicalLines: [String] {
        joinedLines().map(\.text)
    }

    /// The lines on the screen now that take more than one row (the terminal wrapped them).
    public var wrappedLogicalLines: [String] {
        joinedLines().filter(\.wrapped).map(\.text)
    }

    private func joinedLines() -> [(text: String, wrapped: Bool)] {
        var result: [(text: String, wrapped: Bool)] = []
        for index in lines.indices {
            let line = text(of: index)
            if wrapped.contains(index), !result.isEmpty {
                result[result.count - 1].text += line
                result[result.count - 1].wrapped = true
            } else {
                result.append((line, false))
            }
        }
        result = result.map { line in
            var line = line
            while line.text.last == " " { line.text.removeLast() }
            return line
        }
        while result.last?.text == "" { result.removeLast() }
        return result
    }

    /// The lines that still show only because the line above them did not fit the width.
    public var wrappedLines: [String] {
        let text = self.text
        return wrapped.sorted().filter { $0 < text.count && !text[$0].isEmpty }.map { text[$0] }
    }

    // MARK: Text

    private mutating func put(_ character: Character) {
        let width = Self.width(of: character)
        guard width > 0 else { return }
        if wrapPending || column + width > columns {
            wraps.append(text(of: row))
            lineFeed()
            column = 0
            wrapped.insert(row)
            wrapPending = false
        }
        setCell(column, String(character))
        if width == 2 { setCell(column + 1, "") }
        column += width
        if column >= columns {
            column = columns - 1
            wrapPending = true
        }
    }

    private mutating func setCell(_ index: Int, _ value: String?) {
        while lines[row].count <= index { lines[row].append(nil) }
        lines[row][index] = value
    }

    private mutating func carriageReturn() {
        column = 0
        wrapPending = false
    }

    private mutating func lineFeed() {
        row += 1
        wrapPending = false
        while lines.count <= row { lines.append([]) }
        if row >= top + rows { top = row - rows + 1 }
    }

    private func text(of index: Int) -> String {
        lines[index].map { $0 ?? " " }.joined()
    }

    // MARK: Escape sequences

    private mutating func escape(_ characters: inout ArraySlice<Character>) {
        guard characters.first == "[" else {
            let next = characters.popFirst().map(String.init) ?? ""
            unknownSequences.append("ESC " + next)
            return
        }
        characters.removeFirst()
        var parameters = ""
        while let next = characters.first, next.isASCII, let value = next.asciiValue, (0x30...0x3F).contains(value) {
            parameters.append(next)
            characters.removeFirst()
        }
        guard let final = characters.popFirst() else {
            unknownSequences.append("CSI \(parameters) (unterminated)")
            return
        }
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = numbers.first.flatMap { $0 } ?? 0
        let count = max(first, 1)
        if parameters == "?25" && (final == "h" || final == "l") { return }
        switch (final, parameters.hasPrefix("?")) {
        case ("m", false): break
        case ("A", false): row = max(row - count, top); wrapPending = false
        case ("B", false): row = min(row + count, top + rows - 1); while lines.count <= row { lines.append([]) }; wrapPending = false
        case ("C", false): column = min(column + count, columns - 1); wrapPending = false
        case ("D", false): column = max(min(column, columns - 1) - count, 0); wrapPending = false
        case ("G", false): column = min(count - 1, columns - 1); wrapPending = false
        case ("H", false), ("f", false):
            let line = max(first, 1), position = max(numbers.count > 1 ? numbers[1] ?? 1 : 1, 1)
            row = top + min(line, rows) - 1
            while lines.count <= row { lines.append([]) }
            column = min(position - 1, columns - 1)
            wrapPending = false
        case ("K", false): eraseInLine(first)
        case ("J", false): eraseInDisplay(first)
        default: unknownSequences.append("CSI \(parameters)\(final)")
        }
    }

    private mutating func eraseInLine(_ mode: Int) {
        let here = min(column, columns - 1)
        switch mode {
        case 0: if lines[row].count > here { lines[row].removeSubrange(here...) }
        case 1: for index in 0...here where index < lines[row].count { lines[row][index] = nil }
        default: lines[row] = []
        }
        if mode != 1 && (mode == 2 || here == 0) { wrapped.remove(row) }
    }

    private mutating func eraseInDisplay(_ mode: Int) {
        switch mode {
        case 0:
            eraseInLine(0)
            for index in (row + 1)..<max(lines.count, row + 1) {
                lines[index] = []
                wrapped.remove(index)
            }
        case 1:
            for index in top..<row {
                lines[index] = []
                wrapped.remove(index)
            }
            eraseInLine(1)
        case 2:
            for index in top..<lines.count {
                lines[index] = []
                wrapped.remove(index)
            }
        default:
            lines.removeSubrange(0..<top)
            wrapped = Set(wrapped.compactMap { $0 >= top ? $0 - top : nil })
            row -= top
            top = 0
        }
    }

    /// Columns a character takes: two for emoji and wide East Asian characters, none for
    /// other control characters.
    static func width(of character: Character) -> Int {
        let scalar = character.unicodeScalars.first!
        if scalar.value < 0x20 || scalar.value == 0x7F { return 0 }
        let wide = scalar.properties.isEmojiPresentation
            || (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
            || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
            || (0xFF00...0xFF60).contains(scalar.value)
        return wide ? 2 : 1
    }
}
