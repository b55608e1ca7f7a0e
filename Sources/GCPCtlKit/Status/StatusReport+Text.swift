import Foundation

extension StatusReport {
    /// One table per section (green ok, yellow drift or not deployed, red missing,
    /// unhealthy or unknown), what is wrong beneath each, and a verdict.
    /// With `--quiet`, the verdict line alone.
    public func show(on reporter: Reporter) {
        let quiet = reporter.settings.verbosity == .quiet
        for section in ResourceKinds.sections where !quiet {
            let rows = rows(in: section)
            guard !rows.isEmpty else { continue }
            reporter.section(section.title)
            reporter.table(StatusReport.table(rows))
            for row in rows where row.state != .ok { StatusReport.explain(row, on: reporter) }
        }
        if !quiet { reporter.line("") }
        let timing = String(format: "%.2f s, %d requests", elapsed.inSeconds, requestsSent)
        if isHealthy {
            reporter.outcome("\(environment) is healthy: \(countsLine) (\(timing))")
            return
        }
        let verdict = exitStatus == .operationFailed ? "could not be fully checked" : "is not healthy"
        reporter.line(reporter.paint("❌ \(environment) \(verdict): \(countsLine) (\(timing))", .red, reporter.outputColor))
        if !fixes.isEmpty && !quiet { reporter.line("To fix: " + fixes.joined(separator: "; ")) }
    }

    /// Left out first when a table is wider than the window: what a health check needs
    /// least (NAME, STATE, HEALTH and what says why a row is not ok always stay).
    static let droppable = [
        "DEPLOYED", "REVISION", "CONNECTION", "ACTIVATION", "BACKUPS", "VERSION", "LIFECYCLE", "CLASS", "FORMAT",
        "LOCATION", "TIER", "ENABLED", "OBJECTS", "IMAGES", "SIZE", "TRAFFIC", "URL",
    ]

    static func table(_ rows: [StatusRow]) -> TextTable {
        var columns: [String] = []
        for row in rows {
            // A detail without a column is for the JSON document only.
            for detail in row.details where !detail.column.isEmpty && !columns.contains(detail.column) { columns.append(detail.column) }
        }
        return TextTable(columns: ["NAME", "STATE"] + columns, droppable: droppable, cuttable: ["DETAILS", "NAME"], rows: rows.map { row in
            let cells = columns.map { column -> TextTable.Cell in
                TextTable.Cell(row.details.first { $0.column == column }?.text ?? "")
            }
            return [TextTable.Cell(row.label), TextTable.Cell(row.state.label, row.state.cellState)] + cells
        })
    }

    /// `  clone-documents-dev: does not exist → gcpctl setup --env=dev`, with the drifted
    /// fields beneath (as Google has it → as the environment file says).
    static func explain(_ row: StatusRow, on reporter: Reporter) {
        guard let reason = row.reason ?? (row.changes.isEmpty ? nil : "differs") else { return }
        reporter.line("  \(row.label): \(reason)" + (row.fix.map { " → \($0)" } ?? ""))
        for change in row.changes { reporter.line("      \(change)") }
    }
}
