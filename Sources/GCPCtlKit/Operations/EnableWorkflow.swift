import GoogleCloud

/// `gcpctl enable [API…]`: enables the APIs named (or the environment's), through the same
/// `ProjectAPIs` resource setup uses: one read of what is enabled, then batches of at most
/// 20 per operation for what is not. Already enabled: nothing is sent.
public struct EnableWorkflow: Sendable {
    /// As typed: `sqladmin`, `sqladmin.googleapis.com`. Empty: the environment's list.
    public var apis: [String]

    public init(apis: [String] = []) {
        self.apis = apis
    }

    /// `run` → `run.googleapis.com`; full names stay as they are.
    public static func serviceName(_ api: String) -> String {
        let trimmed = api.trimmingCharacters(in: .whitespaces).lowercased()
        return trimmed.contains(".") ? trimmed : trimmed + ".googleapis.com"
    }

    struct Document: Encodable {
        var enabled: [String]
        var alreadyEnabled: [String]
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        let reporter = context.reporter
        let requested = apis.map(EnableWorkflow.serviceName)
        RenamedAPIs.notes(requested, source: "the command line").forEach(reporter.info)
        let names = RenamedAPIs.current(apis.isEmpty ? environment.apis : requested)
        let resource = ProjectAPIs(services: names)
        let resourceContext = try await connector.resourceContext(
            for: context, events: .showing(on: context.progress, reporter: reporter)).working(on: resource.id)
        let enabled = try await resource.observe(in: resourceContext) ?? []
        let changes = resource.differences(from: enabled)
        let missing = changes.map(\.field)
        if !missing.isEmpty {
            reporter.info("Enabling \(missing.count) API\(missing.count == 1 ? "" : "s") in project \(environment.project)…")
            try await resourceContext.tracking(.update(changes), endsAs: .updated(changes)) {
                try await resource.update(enabled, changes: changes, in: resourceContext)
            }
        }
        let already = names.filter { !missing.contains($0) }
        reporter.result(Document(enabled: missing, alreadyEnabled: already)) {
            reporter.table(TextTable(columns: ["API", "STATE"], rows: names.map { name in
                missing.contains(name) ? [.init(name), .init("enabled now", .good)] : [.init(name), .init("already enabled", .muted)]
            }))
            reporter.outcome(missing.isEmpty
                ? (names.count == 1 ? "\(names[0]) was" : "All \(names.count) APIs were") + " already enabled in project \(environment.project); nothing was sent"
                : "Enabled \(missing.count) of \(names.count) APIs in project \(environment.project)")
        }
        return .success
    }
}
