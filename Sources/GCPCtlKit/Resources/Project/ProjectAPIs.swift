import GoogleCloud

/// The APIs the environment needs, enabled in batches of at most 20 with one operation
/// each. Every other resource waits for this one.
public struct ProjectAPIs: Resource {
    public let services: [String]

    public init(services: [String]) {
        self.services = services
    }

    public static let id = ResourceID(.apis, "project")
    public var id: ResourceID { ProjectAPIs.id }

    public func observe(in context: ResourceContext) async throws -> Set<String>? {
        try await context.serviceUsage.enabledServices(project: context.project)
    }

    public func differences(from enabled: Set<String>) -> [FieldChange] {
        services.filter { !enabled.contains($0) }.map { FieldChange($0, old: "disabled", new: "enabled") }
    }

    public func create(in context: ResourceContext) async throws {
        try await enable(services, in: context)
    }

    public func update(_ enabled: Set<String>, changes: [FieldChange], in context: ResourceContext) async throws {
        try await enable(changes.map(\.field), in: context)
    }

    /// Turns the APIs off (cleanup --disable-apis). Service Usage refuses to disable a
    /// service others depend on unless told to; gcpctl does not force it.
    public func delete(in context: ResourceContext) async throws {
        for service in services where service != "serviceusage.googleapis.com" {
            let operation = try await context.serviceUsage.disable(project: context.project, service: service)
            try await context.serviceUsage.waitFor(operation, what: "disabling \(service)", poller: context.poller,
                                                   progress: context.progress)
        }
    }

    private func enable(_ missing: [String], in context: ResourceContext) async throws {
        for batch in stride(from: 0, to: missing.count, by: ServiceUsageAPI.batchLimit) {
            let services = Array(missing[batch..<min(batch + ServiceUsageAPI.batchLimit, missing.count)])
            let operation = try await context.serviceUsage.batchEnable(project: context.project, services: services)
            try await context.serviceUsage.waitFor(operation, what: "enabling \(services.count) APIs", poller: context.poller,
                                                   progress: context.progress)
        }
    }
}

extension ResourceKind {
    /// Listed as the enabled services, those the environment declares counting as its own;
    /// not deleted one by one (`cleanup --disable-apis` turns them off together).
    public static let apis: ResourceKind = ResourceKind(
        id: "api", title: "APIs", plural: "APIs", commandNames: ["api"], service: "serviceusage.googleapis.com", section: .apis,
        nameProblem: NamingRules.apiNameProblem,
        list: { context, _ in
            let declared = Set(context.environment.apis)
            return KindListing(try await context.serviceUsage.enabledServices(project: context.project).sorted().map { name in
                FoundResource(ResourceIdentity(.apis, name), ownership: declared.contains(name) ? .environment : .unmanaged)
            })
        }, setupPart: .apis,
        declared: { environment, _ in [ProjectAPIs(services: environment.apis)] })
}

extension StatusSection {
    public static let apis = StatusSection(id: "apis", title: "APIs")
}
