/// `setup --only KIND` and `plan --only KIND`: the part of setup a run touches, as the bash
/// scripts split it (gcp-create-sql.sh made only the database: `gcpctl setup --only sql`).
public struct SetupKind: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// What `--only` calls it: `service-account`.
    public let rawValue: String
    /// What `--only` accepts besides the name.
    public let synonyms: [String]
    /// APIs its resources call beyond their kinds' own.
    let alsoCalls: [String]

    public init(_ name: String, synonyms: [String] = [], alsoCalls: [String] = []) {
        rawValue = name
        self.synonyms = synonyms
        self.alsoCalls = alsoCalls
    }

    public static let apis = SetupKind("apis", synonyms: ["api"])
    public static let registry = SetupKind("registry", synonyms: ["repository", "artifact-registry"])
    public static let buckets = SetupKind("buckets", synonyms: ["bucket"])
    /// The build account's roles are bindings on the staging bucket and the repository too.
    public static let serviceAccount = SetupKind("service-account", synonyms: ["iam", "service-accounts"],
                                                 alsoCalls: ["storage.googleapis.com", "artifactregistry.googleapis.com"])
    public static let secrets = SetupKind("secrets", synonyms: ["secret"])
    public static let sql = SetupKind("sql", synonyms: ["cloud-sql", "database"])

    /// Every part, in the registry's order of the kinds that belong to it.
    public static var allCases: [SetupKind] {
        var parts: [SetupKind] = []
        for part in ResourceKinds.all.compactMap(\.setupPart) where !parts.contains(part) { parts.append(part) }
        return parts
    }

    /// The kinds `text` names (`sql`, `sql,secrets`, in any case), or the error that lists them.
    public static func parse(_ text: [String]) throws(SetupSelectionError) -> Set<SetupKind> {
        var kinds: Set<SetupKind> = []
        for word in text.flatMap({ $0.split(separator: ",") }) {
            let name = word.trimmingBlanks().lowercased()
            guard let kind = allCases.first(where: { $0.rawValue == name || $0.synonyms.contains(name) }) else {
                throw .unknownKind(name, suggestion: Suggestion.closest(to: name, in: allCases.map(\.rawValue)))
            }
            kinds.insert(kind)
        }
        guard !kinds.isEmpty else { throw .empty }
        return kinds
    }

    public static func == (lhs: SetupKind, rhs: SetupKind) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public static func < (lhs: SetupKind, rhs: SetupKind) -> Bool {
        (allCases.firstIndex(of: lhs) ?? .max) < (allCases.firstIndex(of: rhs) ?? .max)
    }

    public var description: String { rawValue }
}

extension SetupKind {
    /// The resources of `kinds` only, with the APIs they need (of those the environment
    /// declares). `sql` includes the secret its password comes from: the database user
    /// cannot be given a password without it.
    public static func selecting(_ kinds: Set<SetupKind>, from resources: [any Resource], environment: Environment) -> [any Resource] {
        let passwordSecret = kinds.contains(.sql) ? environment.cloudSQL?.passwordSecret : nil
        var selected = resources.filter { resource in
            guard resource.id.kind != .apis else { return false }
            if resource.id.kind == .secret, resource.id.name == passwordSecret { return true }
            return resource.id.kind.setupPart.map(kinds.contains) ?? false
        }
        // The APIs the chosen resources call: their kinds' own, and what their parts call besides.
        let needed = kinds.contains(.apis) ? Set(environment.apis)
            : Set(selected.map(\.id.kind.service) + kinds.flatMap(\.alsoCalls))
        let apis = environment.apis.filter(needed.contains)
        if !apis.isEmpty { selected.insert(ProjectAPIs(services: apis), at: 0) }
        return selected
    }
}

public enum SetupSelectionError: Error, Equatable, Sendable, CustomStringConvertible, ExitStatusProviding {
    case unknownKind(String, suggestion: String?)
    case empty

    public var description: String {
        let kinds = SetupKind.allCases.map(\.rawValue).joined(separator: ", ")
        switch self {
        case .unknownKind(let name, let suggestion):
            return "--only: '\(name)' is not a part of setup" + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + " Use one or more of \(kinds)."
        case .empty:
            return "--only needs a part of setup: one or more of \(kinds), separated by commas"
        }
    }

    public var exitStatus: ExitStatus { .configurationError }
}
