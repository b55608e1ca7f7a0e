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
    /// Columns left out when the table is wider than the window, the least useful first.
    public var droppable: [String]
    /// Columns whose cells are cut (with `…`) when dropping was not enough, widest first.
    public var cuttable: [String]

    public init(columns: [String], droppable: [String] = [], cuttable: [String] = [], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
        self.droppable = droppable
        self.cuttable = cuttable
    }

    /// What fitting a table to a width left out.
    public struct Fitting: Sendable, Equatable {
        public var dropped: [String] = []
        public var cut: [String] = []

        public var isWhole: Bool { dropped.isEmpty && cut.isEmpty }
    }

    /// The lines of the table: a header, then a row each, columns two spaces apart; at most
    /// `width` columns wide when it can be (nil: as wide as it is).
    public func render(colored: Bool, width: Int? = nil) -> [String] {
        fitted(to: width).table.lines(colored: colored)
    }

    /// The table with the columns `droppable` names left out, least useful first, and then
    /// the cells of the `cuttable` ones cut, until it fits `width`.
    public func fitted(to width: Int?) -> (table: TextTable, fitting: Fitting) {
        guard let width else { return (self, Fitting()) }
        var visible = Array(columns.indices)
        var widths = columnWidths()
        func total() -> Int { visible.reduce(0) { $0 + widths[$1] } + 2 * max(visible.count - 1, 0) }
        var fitting = Fitting()
        for name in droppable where total() > width {
            guard let index = columns.firstIndex(of: name), let position = visible.firstIndex(of: index) else { continue }
            visible.remove(at: position)
            fitting.dropped.append(name)
        }
        let shrinkable = visible.filter { cuttable.contains(columns[$0]) }
        while total() > width {
            // The widest column that is still wider than its header (and a few characters).
            let candidates = shrinkable.filter { widths[$0] > max(Self.displayWidth(columns[$0]), 6) }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
            if !fitting.cut.contains(columns[widest]) { fitting.cut.append(columns[widest]) }
        }
        let kept = visible.map { index in
            (columns[index], rows.map { row -> Cell in
                var cell = index < row.count ? row[index] : Cell("")
                cell.text = DisplayWidth.fit(cell.text, to: widths[index])
                return cell
            })
        }
        var table = TextTable(columns: kept.map(\.0), droppable: droppable, cuttable: cuttable)
        table.rows = rows.indices.map { row in kept.map { $0.1[row] } }
        return (table, fitting)
    }

    private func columnWidths() -> [Int] {
        columns.indices.map { column in
            ([columns[column]] + rows.map { column < $0.count ? $0[column].text : "" }).map(Self.displayWidth).max() ?? 0
        }
    }

    private func lines(colored: Bool) -> [String] {
        let header = columns.map { Cell($0, .plain) }
        let all = [header] + rows
        let widths = columnWidths()
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
        DisplayWidth.of(text)
    }
}
