/// One field that differs between what the environment declares and what Google holds.
public struct FieldChange: Sendable, Equatable, Codable, CustomStringConvertible {
    public var field: String
    /// nil: not set.
    public var old: String?
    public var new: String?

    public init(_ field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }

    public var description: String { "\(field): \(old ?? "(unset)") → \(new ?? "(unset)")" }
}

/// Builds the list of changes field by field, so each resource's diff reads as a list of
/// the fields it manages.
public struct FieldChanges: Sendable {
    public private(set) var all: [FieldChange] = []

    public init() {}

    public mutating func compare<Value: Equatable>(_ field: String, observed: Value?, desired: Value?,
                                                   show: (Value) -> String = { "\($0)" }) {
        guard observed != desired else { return }
        all.append(FieldChange(field, old: observed.map(show), new: desired.map(show)))
    }

    /// Labels compare key by key, so the plan shows `labels.team: a → b`, not two maps.
    public mutating func compareLabels(_ field: String = "labels", observed: [String: String]?, desired: [String: String]) {
        let observed = observed ?? [:]
        for key in Set(observed.keys).union(desired.keys).sorted() where observed[key] != desired[key] {
            all.append(FieldChange("\(field).\(key)", old: observed[key], new: desired[key]))
        }
    }

    public mutating func append(_ change: FieldChange) { all.append(change) }
}
