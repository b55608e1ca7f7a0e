/// `setup --only KIND` and `plan --only KIND`: the part of setup a run touches, as the bash
/// scripts split it (gcp-create-sql.sh made only the database: `gcpctl setup --only sql`).
public enum SetupKind: String, CaseIterable, Sendable, Comparable {
    case apis
    case registry
    case buckets
    case serviceAccount = "service-account"
    case secrets
    case sql
    /// Pub/Sub topics and subscriptions, Cloud Scheduler jobs.
    case messaging

    /// What `--only` accepts besides the names above.
    static let synonyms: [String: SetupKind] = [
        "api": .apis, "repository": .registry, "artifact-registry": .registry, "bucket": .buckets,
        "iam": .serviceAccount, "service-accounts": .serviceAccount, "secret": .secrets, "cloud-sql": .sql, "database": .sql,
        "pubsub": .messaging, "scheduler": .messaging,
    ]

    /// The kinds `text` names (`sql`, `sql,secrets`, in any case), or the error that lists them.
    public static func parse(_ text: [String]) throws(SetupSelectionError) -> Set<SetupKind> {
        var kinds: Set<SetupKind> = []
        for word in text.flatMap({ $0.split(separator: ",") }) {
            let name = word.trimmingBlanks().lowercased()
            guard let kind = SetupKind(rawValue: name) ?? synonyms[name] else {
                throw .unknownKind(name, suggestion: Suggestion.closest(to: name, in: allCases.map(\.rawValue)))
            }
            kinds.insert(kind)
        }
        guard !kinds.isEmpty else { throw .empty }
        return kinds
    }

    /// The APIs this part calls, so `--only` enables just those.
    func apis(for environment: Environment) -> Set<String> {
        switch self {
        case .apis: Set(environment.apis)
        case .registry: ["artifactregistry.googleapis.com"]
        case .buckets: ["storage.googleapis.com"]
        // The build account's roles are bindings on the staging bucket and the repository.
        case .serviceAccount: ["iam.googleapis.com", "cloudresourcemanager.googleapis.com", "storage.googleapis.com",
                               "artifactregistry.googleapis.com"]
        case .secrets: ["secretmanager.googleapis.com"]
        case .sql: environment.cloudSQL?.passwordSecret == nil ? ["sqladmin.googleapis.com"]
            : ["sqladmin.googleapis.com", "secretmanager.googleapis.com"]
        case .messaging: ["pubsub.googleapis.com", "cloudscheduler.googleapis.com"]
        }
    }

    public static func < (lhs: SetupKind, rhs: SetupKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
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
        let needed = kinds.reduce(into: Set<String>()) { $0.formUnion($1.apis(for: environment)) }
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
