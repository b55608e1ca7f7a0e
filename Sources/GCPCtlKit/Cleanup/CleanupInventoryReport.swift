/// What discovery found, kind by kind, as tables on stdout: name, location, creation
/// time, who manages it, details and labels. What cleanup will not offer is dimmed.
enum CleanupInventoryReport {
    static func show(_ inventory: CleanupInventory, environment: Environment, includeUnmanaged: Bool, on reporter: Reporter) {
        reporter.section("Resources in project \(environment.project)")
        for kind in CleanupKind.allCases {
            let found = inventory.resources(of: kind)
            let heading = kind == .cloudRunService ? "\(kind.plural) in \(environment.region)" : kind.plural
            if let reason = inventory.failures[kind] {
                reporter.line("\(heading): could not be listed: \(reason)")
            } else if let api = inventory.apisOff[kind] {
                reporter.line("\(heading): not listed, \(api) is not enabled")
            } else if found.isEmpty {
                reporter.line("\(heading): none")
            } else {
                reporter.line("\(heading) (\(found.count)):")
                var table = TextTable(columns: ["  NAME", "LOCATION", "CREATED", "MANAGED BY", "DETAILS", "LABELS"],
                                      droppable: ["LABELS", "CREATED", "LOCATION"], cuttable: ["DETAILS", "  NAME"])
                for resource in found {
                    let offered = resource.ownership.isOffered(includeUnmanaged: includeUnmanaged)
                    let managedBy = resource.ownership.label(environment: environment.shortName)
                    let state: TextTable.CellState = offered ? .plain : .muted
                    table.rows.append([
                        TextTable.Cell("  " + resource.name, state), TextTable.Cell(resource.location ?? "-", state),
                        TextTable.Cell(createdText(resource.created), state),
                        TextTable.Cell(managedBy, resource.ownership == .environment ? .good : offered ? .bad : .muted),
                        TextTable.Cell(resource.details.isEmpty ? "-" : resource.details.joined(separator: ", "), state),
                        TextTable.Cell(labelsText(resource.labels), state),
                    ])
                }
                reporter.table(table)
            }
        }
        inventory.notes.forEach(reporter.warning)
    }

    /// `2025-06-01 12:00` from RFC 3339.
    static func createdText(_ created: String?) -> String {
        guard let created, created.count >= 16 else { return "-" }
        return created.prefix(16).replacingOccurrences(of: "T", with: " ")
    }

    /// The labels other than gcpctl's own two, which MANAGED BY already says.
    static func labelsText(_ labels: [String: String]) -> String {
        let own: Set = [Environment.managedByLabel.key, Environment.environmentLabelKey]
        let rest = labels.keys.filter { !own.contains($0) }.sorted().map { "\($0)=\(labels[$0] ?? "")" }
        return rest.isEmpty ? "-" : rest.joined(separator: ",")
    }
}
