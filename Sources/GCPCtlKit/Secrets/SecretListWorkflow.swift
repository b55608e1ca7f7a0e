import Foundation
import GoogleCloud

/// `gcpctl secret list`: every secret in the project with its versions and when it last
/// changed, and what in the environment reads it. Never a value: nothing here accesses one.
public struct SecretListWorkflow: Sendable {
    public init() {}

    struct Entry: Encodable {
        var name: String
        var declared: Bool
        var latestEnabledVersion: Int?
        var versions: Counts
        var lastChange: String?
        var usedBy: [String]

        struct Counts: Encodable {
            var enabled = 0
            var disabled = 0
            var destroyed = 0
        }
    }

    /// The secrets; the project and the environment are the envelope's (CommandDocument).
    struct Document: Encodable {
        var secrets: [Entry]
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        let resourceContext = try await connector.resourceContext(for: context)
        let api = resourceContext.secretManager
        let project = environment.project
        let secrets = try await api.secrets(project: project)
        let versions = try await withThrowingTaskGroup(of: (String, [SecretManagerAPI.SecretVersion]).self) { group in
            for secret in secrets {
                group.addTask { (secret.id, try await api.versions(project: project, id: secret.id)) }
            }
            return try await group.reduce(into: [String: [SecretManagerAPI.SecretVersion]]()) { $0[$1.0] = $1.1 }
        }
        let declared = Set(environment.secrets.map(\.id))
        let entries = secrets.map(\.id).sorted().map { id in
            let list = versions[id] ?? []
            var counts = Entry.Counts()
            for version in list {
                switch version.state {
                case "ENABLED": counts.enabled += 1
                case "DISABLED": counts.disabled += 1
                default: counts.destroyed += 1
                }
            }
            return Entry(name: id, declared: declared.contains(id),
                         latestEnabledVersion: list.filter { $0.state == "ENABLED" }.compactMap(\.number).max(),
                         versions: counts, lastChange: list.compactMap { $0.destroyTime ?? $0.createTime }.max(),
                         usedBy: SecretListWorkflow.readers(of: id, in: environment))
        }
        let reporter = context.reporter
        reporter.result(Document(secrets: entries)) {
            guard !entries.isEmpty else {
                reporter.line("No secrets in project \(project); gcpctl setup --env=\(environment.shortName) creates the declared ones.")
                return
            }
            reporter.table(TextTable(columns: ["SECRET", "LATEST", "VERSIONS", "LAST CHANGE", "USED BY"], rows: entries.map { entry in
                [TextTable.Cell(entry.name),
                 entry.latestEnabledVersion.map { TextTable.Cell(String($0)) } ?? TextTable.Cell("none enabled", .bad),
                 TextTable.Cell(SecretListWorkflow.describe(entry.versions)),
                 TextTable.Cell(entry.lastChange.map(SecretListWorkflow.shortTime) ?? "-"),
                 entry.declared ? TextTable.Cell(entry.usedBy.isEmpty ? "declared, unused" : entry.usedBy.joined(separator: ", "))
                                : TextTable.Cell("not in \(environment.name)", .muted)]
            }))
        }
        return .success
    }

    /// `2 enabled, 1 disabled`.
    static func describe(_ counts: Entry.Counts) -> String {
        [(counts.enabled, "enabled"), (counts.disabled, "disabled"), (counts.destroyed, "destroyed")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ").nonEmpty ?? "none"
    }

    /// `2025-01-31T10:00:00.123456Z` → `2025-01-31 10:00 UTC`.
    static func shortTime(_ timestamp: String) -> String {
        guard timestamp.count >= 16 else { return timestamp }
        return timestamp.prefix(10) + " " + timestamp.dropFirst(11).prefix(5) + " UTC"
    }

    /// What reads a secret: the services that mount it, and the database user whose
    /// password it holds.
    static func readers(of id: String, in environment: Environment) -> [String] {
        var readers = environment.services.filter { $0.secrets.values.contains(id) }.map(\.name)
        if let sql = environment.cloudSQL, sql.passwordSecret == id { readers.append("Cloud SQL user \(sql.user)") }
        return readers
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
