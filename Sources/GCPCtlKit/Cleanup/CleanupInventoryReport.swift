/// What discovery found, kind by kind, as tables on stdout: name, location, creation
/// time, who manages it, details and labels. What cleanup will not offer is dimmed.
enum CleanupInventoryReport {
    static func show(_ inventory: CleanupInventory, environment: Environment, includeUnmanaged: Bool, on reporter: Reporter) {
        reporter.section("Resources in project \(environment.project)")
        for kind in ResourceKinds.cleanable {
            let found = inventory.resources(of: kind)
            let heading = kind.listingScope == .region ? "\(kind.plural) in \(environment.region)" : kind.plural
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
        if let shared = sharedNote(inventory, environment: environment, includeUnmanaged: includeUnmanaged) { reporter.info(shared) }
    }

    /// One project, several environments: what another environment's labels claim is shared
    /// by name, and deleting it for this one would take it from that one too.
    static func sharedNote(_ inventory: CleanupInventory, environment: Environment, includeUnmanaged: Bool) -> String? {
        var owners: [String: Int] = [:]
        for resource in inventory.resources {
            if case .otherEnvironment(let owner?) = resource.ownership { owners[owner, default: 0] += 1 }
        }
        guard !owners.isEmpty else { return nil }
        let named = owners.keys.sorted().map { "\(owners[$0]!) labelled for \($0)" }.joined(separator: ", ")
        return "Shared project: \(named). Environments in one project share what has the same name; deleting these for \(environment.shortName) "
            + "would delete them for the other environment too, so cleanup keeps them"
            + (includeUnmanaged ? " unless you choose them (--include-unmanaged)." : " (--include-unmanaged offers them).")
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
