import GoogleCloud

/// `gcpctl list`: the resources gcpctl manages in the project, kind by kind, every kind
/// listed at once and every page followed. A kind whose API is off has none.
public struct ListWorkflow: Sendable {
    /// Empty: every kind.
    public var kinds: [ResourceKind]
    /// `--all`: also what gcpctl did not make.
    public var includeUnmanaged: Bool

    public init(kinds: [ResourceKind] = [], includeUnmanaged: Bool = false) {
        self.kinds = kinds
        self.includeUnmanaged = includeUnmanaged
    }

    /// Beside the envelope (`CommandDocument`), whose `errors` name each kind that could not be listed.
    struct Document: Encodable {
        var includesUnmanaged: Bool
        var resources: [ListedResource]
    }

    enum Listing: Sendable {
        case found([ListedResource])
        case apiDisabled(String)
        case failed(any Error)
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        let reporter = context.reporter
        let resourceContext = try await connector.resourceContext(for: context)
        let kinds = self.kinds.isEmpty ? ResourceKinds.listable : ResourceKinds.listable.filter(self.kinds.contains)
        reporter.info("Listing \(kinds.map(\.commandName).joined(separator: ", ")) in project \(environment.project)…")
        let listings = await withTaskGroup(of: (ResourceKind, Listing).self) { group in
            for kind in kinds {
                group.addTask {
                    do {
                        return (kind, .found(try await ListWorkflow.listed(kind, in: resourceContext)))
                    } catch let error as GoogleAPIError where error.disabledService != nil {
                        return (kind, .apiDisabled(error.disabledService ?? "its API"))
                    } catch {
                        return (kind, .failed(error))
                    }
                }
            }
            return await group.reduce(into: [ResourceKind: Listing]()) { $0[$1.0] = $1.1 }
        }
        // Every kind failing is one cause (no such project, no access, no network): said once.
        let failures = kinds.compactMap { kind -> (any Error)? in
            if case .failed(let error)? = listings[kind] { return error } else { return nil }
        }
        if let first = failures.first, failures.count == kinds.count { throw first }
        var all: [ListedResource] = []
        var errors: [String] = []
        for kind in kinds {
            switch listings[kind] {
            case .found(let found)?: all += found.filter { includeUnmanaged || $0.managed }
            case .failed(let error)?: errors.append("\(Self.title(of: kind)): \(error)")
            case .apiDisabled, nil: break
            }
        }
        reporter.result(Document(includesUnmanaged: includeUnmanaged, resources: all)) {
            for kind in kinds { show(kind, listings[kind], shown: all.filter { $0.kind == kind.commandName }, on: reporter) }
            reporter.line("")
            reporter.line("\(all.count) \(includeUnmanaged ? "" : "gcpctl-managed ")resource\(all.count == 1 ? "" : "s") in project \(environment.project)"
                          + (includeUnmanaged ? "" : " (--all shows the others too)"))
        }
        errors.forEach(reporter.error)
        return errors.isEmpty ? .success : .operationFailed
    }

    /// Everything of `kind` in the project (its `list`), as this command shows it.
    static func listed(_ kind: ResourceKind, in context: ResourceContext) async throws -> [ListedResource] {
        guard let list = kind.list else { return [] }
        return try await list(context, .brief).found.map { found in
            ListedResource(kind: kind.commandName, name: found.identity.name, environment: found.labels[Environment.environmentLabelKey],
                           location: found.identity.location, managed: found.ownership.isGcpctls, created: found.created)
        }
    }

    /// `Cloud SQL instances`, `Buckets`: a section's heading.
    static func title(of kind: ResourceKind) -> String { kind.plural.prefix(1).uppercased() + kind.plural.dropFirst() }

    func show(_ kind: ResourceKind, _ listing: Listing?, shown: [ListedResource], on reporter: Reporter) {
        reporter.section("\(Self.title(of: kind)) (\(shown.count))")
        switch listing {
        case .apiDisabled(let service)?:
            reporter.line("none: \(service) is not enabled")
        case .failed(let error)?:
            reporter.line("could not be listed: \(error)")
        case .found?, nil:
            guard !shown.isEmpty else { return reporter.line("none") }
            // Columns no resource of this kind has a value for (an API's location) are left out.
            let showsEnvironment = shown.contains { $0.environment != nil }
            let showsLocation = shown.contains { $0.location != nil }
            var columns = ["NAME"]
            if showsEnvironment { columns.append("ENVIRONMENT") }
            if showsLocation { columns.append("LOCATION") }
            if includeUnmanaged { columns.append("MANAGED") }
            reporter.table(TextTable(columns: columns, rows: shown.map { resource in
                var row: [TextTable.Cell] = [.init(resource.name)]
                if showsEnvironment { row.append(.init(resource.environment ?? "-")) }
                if showsLocation { row.append(.init(resource.location ?? "-")) }
                if includeUnmanaged { row.append(resource.managed ? .init("yes", .good) : .init("no", .muted)) }
                return row
            }))
        }
    }
}
