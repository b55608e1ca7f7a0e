import Foundation

/// `gcpctl cost` as text: a table of every line by resource with a total, then the savings;
/// or, for `--compare`, environments side by side. Amounts are rounded to cents here only.
enum CostReport {
    static let columns = ["resource / item", "quantity", "unit", "unit price", "monthly", "price from", "note"]
    /// quantity, unit price and monthly read better right-aligned.
    static let numericColumns = [1, 3, 4]

    static func show(_ estimate: CostEstimate, on reporter: Reporter) {
        reporter.section("Monthly cost of \(estimate.environment) in \(estimate.region), \(estimate.currency)")
        reporter.keyValues(header(estimate))
        reporter.line("")
        showTable(table(estimate), on: reporter)
        showSavings([estimate], on: reporter)
    }

    static func header(_ estimate: CostEstimate) -> [(key: String, value: String)] {
        let prices = switch estimate.mode {
        case .live: "Cloud Billing Catalog; the price book \(estimate.priceBook) where it has no matching SKU"
        case .offline, .observed: "price book \(estimate.priceBook)"
        }
        let sizes = switch estimate.mode {
        case .offline: "the usage profile (offline: nothing observed)"
        case .observed, .live: "observed in project \(estimate.project ?? "?") where the resources exist, else the usage profile"
        }
        return [("prices", prices), ("usage", estimate.usage), ("sizes", sizes)]
    }

    static func table(_ estimate: CostEstimate) -> TextTable {
        var rows: [[TextTable.Cell]] = []
        for resource in estimate.resources {
            rows.append([TextTable.Cell(resource.title), "", "", "", TextTable.Cell(resource.monthlyCost.dollars), "", ""])
            for line in resource.lines {
                let free = line.quantity < 0
                rows.append([
                    TextTable.Cell("  " + line.item, free ? .good : .plain), TextTable.Cell(line.quantity.quantityText()),
                    TextTable.Cell(line.unit), TextTable.Cell(line.unitPrice.unitPriceText),
                    TextTable.Cell(line.monthlyCost.dollars, free ? .good : .plain),
                    TextTable.Cell(line.priceFrom, line.priceFrom == "catalog" ? .good : .plain), TextTable.Cell(line.note, .muted),
                ])
            }
        }
        rows.append(["Total", "", "", "", TextTable.Cell(estimate.total.dollars), "", ""])
        return TextTable(columns: columns, rows: rightAligned(rows, columns: numericColumns, headers: columns))
    }

    static func show(_ comparison: CostComparison, on reporter: Reporter) {
        let names = comparison.environments
        reporter.section("Monthly cost of \(names.joined(separator: " vs ")), USD")
        let differenceColumn = names.count == 2 ? "difference" : "\(names.last ?? "") − \(names.first ?? "")"
        var rows: [[TextTable.Cell]] = comparison.rows.map { row in
            [TextTable.Cell(row.label)] + names.map { TextTable.Cell(row.costs[$0]?.dollars ?? "-", row.costs[$0] == nil ? .muted : .plain) }
                + [TextTable.Cell(row.difference.signedDollars)]
        }
        rows.append([TextTable.Cell("Total")] + names.map { TextTable.Cell(comparison.totals[$0]?.dollars ?? "-") }
                    + [TextTable.Cell(comparison.difference.signedDollars)])
        let headers = ["resource"] + names + [differenceColumn]
        showTable(TextTable(columns: headers, rows: rightAligned(rows, columns: Array(1...(names.count + 1)), headers: headers)),
                  on: reporter)
        let sources = Set(comparison.estimates.map { header($0)[0].value })
        reporter.line("")
        reporter.keyValues([("prices", sources.sorted().joined(separator: "; "))])
        showSavings(comparison.estimates, on: reporter)
    }

    static func showSavings(_ estimates: [CostEstimate], on reporter: Reporter) {
        let savings = estimates.flatMap { estimate in estimate.savings.map { (estimate.environment, $0) } }
            .sorted { $0.1.monthlySaving > $1.1.monthlySaving }
        guard !savings.isEmpty else { return }
        reporter.section("Savings")
        let width = savings.map { $0.1.monthlySaving.dollars.count }.max() ?? 0
        for (environment, saving) in savings {
            let amount = saving.monthlySaving.dollars
            let prefix = estimates.count > 1 ? "\(environment): " : ""
            reporter.line(String(repeating: " ", count: width - amount.count) + amount + "/month  " + prefix + saving.advice)
        }
    }

    /// The table without the blanks a row with empty last cells would end in.
    static func showTable(_ table: TextTable, on reporter: Reporter) {
        var table = table
        // At a narrow window the item and its cost matter most; the note is cut before
        // the item names are.
        table.droppable = ["price from", "note", "unit price", "quantity", "unit"]
        table.cuttable = ["note", table.columns[0]]
        reporter.table(table)
    }

    /// Pads the cells of `columns` on the left so that their right edges line up with each
    /// other and with the header's.
    static func rightAligned(_ rows: [[TextTable.Cell]], columns: [Int], headers: [String]) -> [[TextTable.Cell]] {
        var rows = rows
        for column in columns {
            let cells = rows.map { column < $0.count ? TextTable.displayWidth($0[column].text) : 0 }
            let width = max(cells.max() ?? 0, TextTable.displayWidth(headers[column]))
            for index in rows.indices where column < rows[index].count {
                let text = rows[index][column].text
                rows[index][column].text = String(repeating: " ", count: width - TextTable.displayWidth(text)) + text
            }
        }
        return rows
    }
}
