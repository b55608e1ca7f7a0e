/// One project: its number, its enabled services and its resources.
///
/// Resources are JSON documents in named collections (`sqladmin.instances`,
/// `iam.serviceAccounts`, ...) keyed by resource name. Fields whose names start with `@`
/// are the emulator's own bookkeeping (a stored object's bytes, a user's password, when
/// an account becomes visible) and are never sent to clients.
public struct ProjectState: Sendable, Equatable {
    public var id: String
    public var number: String
    public var enabledServices: Set<String>
    public var collections: [String: [String: JSONValue]] = [:]

    /// What Google enables in a new project.
    public static let defaultServices: Set<String> = [
        "serviceusage", "storage", "storage-api", "storage-component", "logging", "monitoring", "cloudapis",
        "bigquery", "datastore", "sql-component", "servicemanagement", "cloudtrace", "clouddebugger",
    ].reduce(into: Set<String>()) { $0.insert($1 + ".googleapis.com") }

    public init(id: String) {
        self.id = id
        number = Self.projectNumber(for: id)
        enabledServices = Self.defaultServices
    }

    /// A deterministic 12-digit number (FNV-1a of the id), so tests can predict it.
    public static func projectNumber(for id: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(100_000_000_000 + hash % 900_000_000_000)
    }

    /// Google's rule: 6 to 30 characters, lowercase letters, digits and hyphens, starting
    /// with a letter and not ending with a hyphen.
    public static func isWellFormedID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (6...30).contains(bytes.count), let first = bytes.first, let last = bytes.last,
            (97...122).contains(first), last != UInt8(ascii: "-")
        else { return false }
        return bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
    }
}

extension JSONValue {
    /// The resource as clients see it: without the emulator's `@` bookkeeping fields (but
    /// with `@type`, which is proto JSON's own: the type of an `Any`).
    public var publicView: JSONValue {
        switch self {
        case .object(let members):
            var visible: [String: JSONValue] = [:]
            for (key, value) in members where !key.hasPrefix("@") || key == "@type" { visible[key] = value.publicView }
            return .object(visible)
        case .array(let values):
            return .array(values.map(\.publicView))
        default:
            return self
        }
    }
}
