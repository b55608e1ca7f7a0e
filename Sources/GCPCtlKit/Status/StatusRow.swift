import GoogleCloud

/// What `gcpctl status` concluded about one thing it checked. Ordered from fine to worst,
/// so a row with several findings keeps the worst.
public enum StatusState: String, Sendable, Codable, Comparable, CaseIterable {
    /// Shown for information; never makes the environment unhealthy (alert policies
    /// when Cloud Monitoring is off).
    case info
    case ok
    /// A Cloud Run service the environment declares that has not been deployed yet.
    case notDeployed = "not-deployed"
    /// Exists, but a field differs from the environment file.
    case drift
    /// Exists, but is not serving: a stopped database, a failing health check.
    case unhealthy
    case missing
    /// Could not be observed (permission denied, an API error, a timeout): unknown.
    case failed

    public static func < (lhs: StatusState, rhs: StatusState) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Whether this finding makes the environment not healthy (exit status 3).
    public var isProblem: Bool { self >= .notDeployed && self != .failed }

    public var label: String {
        switch self {
        case .info: "info"
        case .ok: "ok"
        case .notDeployed: "not deployed"
        case .drift: "drift"
        case .unhealthy: "unhealthy"
        case .missing: "missing"
        case .failed: "unknown"
        }
    }

    var cellState: TextTable.CellState {
        switch self {
        case .info: .muted
        case .ok: .good
        case .notDeployed, .drift: .warning
        case .unhealthy, .missing, .failed: .bad
        }
    }
}

/// One value shown for a row: a column in the text table, a field in the JSON document.
public struct StatusDetail: Sendable, Equatable {
    /// The JSON field name (`objectCount`).
    public var key: String
    /// The table column (`OBJECTS`).
    public var column: String
    public var value: JSONValue
    /// How the value reads in the table (`1.2 MiB`).
    public var text: String

    public init(_ key: String, column: String, _ value: JSONValue, text: String? = nil) {
        self.key = key
        self.column = column
        self.value = value
        self.text = text ?? StatusDetail.text(of: value)
    }

    public init(_ key: String, column: String, _ text: String?) {
        self.init(key, column: column, text.map(JSONValue.string) ?? .null, text: text ?? "-")
    }

    public init(_ key: String, column: String, _ number: Int) {
        self.init(key, column: column, .number(Double(number)), text: String(number))
    }

    static func text(of value: JSONValue) -> String {
        switch value {
        case .null: "-"
        case .bool(let flag): flag ? "yes" : "no"
        case .number(let number): number.rounded() == number ? String(Int64(number)) : String(number)
        case .string(let text): text
        case .array(let items): items.map(text(of:)).joined(separator: ", ")
        case .object: "…"
        }
    }
}

/// One thing `status` checked: a resource of the environment, one API, the alert policies.
public struct StatusRow: Sendable {
    public var section: StatusSection
    /// The resource kind (`bucket`, `api`, `cloud-run-service`, `alert-policies`).
    public var kind: String
    public var name: String
    /// The table's first column (default: `name`).
    public var label: String
    public var state: StatusState
    public var details: [StatusDetail]
    /// Where the resource differs from the environment file: the plan's field changes
    /// (`old` is what Google holds, `new` what the file says).
    public var changes: [FieldChange]
    /// Why the row is not ok, in a sentence.
    public var reason: String?
    /// The command that would make it right (`gcpctl setup --env=dev`).
    public var fix: StatusFix?

    public init(section: StatusSection, kind: String, name: String, state: StatusState, details: [StatusDetail] = [],
                changes: [FieldChange] = [], reason: String? = nil, fix: StatusFix? = nil) {
        self.section = section
        self.kind = kind
        self.name = name
        self.label = name
        self.state = state
        self.details = details
        self.changes = changes
        self.reason = reason
        self.fix = fix
    }

    /// Keeps the worse of the current state and `state`, with its reason and fix.
    mutating func worsen(to state: StatusState, reason: String?, fix: StatusFix?) {
        guard state > self.state else { return }
        self.state = state
        self.reason = reason
        self.fix = fix
    }
}
