/// An existing resource that is not gcpctl's (`Ownership.unmanaged`: made by the bash
/// scripts, or by hand) but has a name the environment declares: setup and `gcpctl adopt`
/// take it over by adding what marks it as the environment's, the labels
/// (`managed-by=gcpctl`, `gcpctl-env=dev`, the environment's own) or, for a service account,
/// gcpctl's description. The plan says so on a line of its own, never silently; afterwards
/// cleanup, list and delete treat it as gcpctl's.
public struct Adoption: Sendable, Equatable {
    /// The label changes or the description change that mark it: `managed-by`, `gcpctl-env`,
    /// then the environment's own labels.
    public var changes: [FieldChange]

    public init(changes: [FieldChange]) {
        self.changes = changes.sorted { (Adoption.rank($0), $0.field) < (Adoption.rank($1), $1.field) }
    }

    /// The adoption among `changes`, when `state` shows the resource is not gcpctl's.
    public static func of(_ state: some Sendable, changes: [FieldChange], environment: Environment) -> Adoption? {
        guard let evident = state as? any OwnershipEvident,
              Ownership.of(evident.ownershipEvidence, in: environment, projectNumber: nil) == .unmanaged else { return nil }
        let marks = changes.filter(isMark)
        return marks.isEmpty ? nil : Adoption(changes: marks)
    }

    /// `managed-by` and `gcpctl-env` set whatever they were; other labels only added, not
    /// changed (a changed label is an update, shown as one).
    static func isMark(_ change: FieldChange) -> Bool {
        if change.field == "description" { return change.new == Ownership.serviceAccountDescription }
        guard change.field.hasPrefix("labels."), change.new != nil else { return false }
        return rank(change) < 2 || change.old == nil
    }

    static func rank(_ change: FieldChange) -> Int {
        switch change.field {
        case "labels.\(Environment.managedByLabel.key)": 0
        case "labels.\(Environment.environmentLabelKey)": 1
        default: 2
        }
    }

    /// `managed-by=gcpctl`, `description 'Managed by gcpctl'`.
    public var marks: [String] {
        changes.map { change in
            change.field.hasPrefix("labels.") ? "\(change.field.dropFirst("labels.".count))=\(change.new ?? "")"
                : "\(change.field) '\(change.new ?? "")'"
        }
    }

    /// `adopt: add managed-by=gcpctl, gcpctl-env=dev, app=digitwinlive`.
    public var line: String {
        changes.first?.field == "description" ? "adopt: set " + marks.joined(separator: ", ") : "adopt: add " + marks.joined(separator: ", ")
    }
}
