/// A table of results: aligned columns, each cell coloured by what it says about the resource.
public struct TextTable: Sendable, Equatable {
    public enum CellState: String, Sendable, Codable {
        case plain, good, warning, bad, muted

        var color: TextColor? {
            switch self {
            case .plain: nil
            case .good: .green
            case .warning: .yellow
            case .bad: .red
            case .muted: .dim
            }
        }
    }

    public struct Cell: Sendable, Equatable, ExpressibleByStringLiteral {
        public var text: String
        public var state: CellState

        public init(_ text: String, _ state: CellState = .plain) {
            self.text = text
            self.state = state
        }

        public init(stringLiteral text: String) {
            self.init(text)
        }
    }

    public var columns: [String]
    public var rows: [[Cell]]

    public init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The lines of the table: a header, then a row each, columns two spaces apart.
    public func render(colored: Bool) -> [String] {
        let header = columns.map { Cell($0, .plain) }
        let all = [header] + rows
        let widths = columns.indices.map { column in
            all.map { row in column < row.count ? Self.displayWidth(row[column].text) : 0 }.max() ?? 0
        }
        return all.enumerated().map { index, row in
            let cells = columns.indices.map { column -> String in
                let cell = column < row.count ? row[column] : Cell("")
                let padding = String(repeating: " ", count: widths[column] - Self.displayWidth(cell.text))
                let isLast = column == columns.count - 1
                var text = cell.text
                if colored, index == 0 { text = TextColor.bold.paint(text) }
                else if colored, let color = cell.state.color { text = color.paint(text) }
                return isLast ? text : text + padding
            }
            return cells.joined(separator: "  ")
        }
    }

    /// Columns a string takes on a terminal: emoji and wide East Asian characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.reduce(0) { width, character in
            let scalar = character.unicodeScalars.first!
            let wide = scalar.properties.isEmojiPresentation
                || (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value)
            return width + (wide ? 2 : 1)
        }
    }
}
