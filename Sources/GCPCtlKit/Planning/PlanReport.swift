/// How a plan reads: on a terminal, one line per resource that changes with its fields
/// beneath; with `--format json`, one document.
public enum PlanReport {
    /// `adoptions`: what the plan uses instead of creating it (`ScriptsSQLInstance.sentence`).
    public static func show(_ plan: Plan, environment: Environment, on reporter: Reporter, showUnchanged: Bool = false,
                            adoptions: [String] = [], undeclared: [UndeclaredResource] = []) {
        reporter.section("Plan for \(environment.name) in project \(environment.project)")
        for adoption in adoptions { reporter.line("  ⇐ \(adoption)") }
        for item in plan.items {
            switch item.action {
            case .create:
                reporter.line("  + create \(item.id)")
            case .createIfMissing(let reason):
                reporter.line("  + create \(item.id) (\(reason))")
            case .update(let changes):
                reporter.line("  ~ update \(item.id)")
                if let adoption = item.adoption { reporter.line("      \(adoption.line)") }
                for change in changes where !(item.adoption?.changes.contains(change) ?? false) { reporter.line("      \(change)") }
            case .delete:
                reporter.line("  - delete \(item.id)")
            case .blocked(let reason):
                reporter.line("  ! cannot plan \(item.id): \(reason)")
            case .unchanged:
                if showUnchanged { reporter.line("    unchanged \(item.id)") }
            }
        }
        for resource in undeclared {
            reporter.line("  ? \(resource.title): \(UndeclaredResource.note) (gcpctl cleanup --env=\(environment.shortName))")
        }
        reporter.line(summary(plan))
        warnAboutSharedResources(plan, environment: environment, on: reporter)
    }

    /// Environments in one project share what has the same name (the repository, the
    /// service account, the secrets); the plan would hand each over to this environment.
    static func warnAboutSharedResources(_ plan: Plan, environment: Environment, on reporter: Reporter) {
        let field = "labels.\(Environment.environmentLabelKey)"
        let taken = plan.items.filter { item in
            guard case .update(let changes) = item.action else { return false }
            return changes.contains { $0.field == field && $0.old != nil }
        }
        guard !taken.isEmpty else { return }
        reporter.warning("\(taken.map(\.id.description).joined(separator: ", ")) \(taken.count == 1 ? "belongs" : "belong") to another environment in project \(environment.project). "
                         + "Environments that share a project share these resources; use one project per environment, or give them distinct names.")
    }

    public static func summary(_ plan: Plan) -> String {
        let counts = Counts(plan)
        if !plan.hasChanges && counts.blocked == 0 {
            return "No changes: all \(counts.unchanged) resources match the environment."
        }
        var parts = ["\(counts.create) to create", "\(counts.update) to update", "\(counts.unchanged) unchanged"]
        if counts.delete > 0 { parts.insert("\(counts.delete) to delete", at: 2) }
        if counts.blocked > 0 { parts.append("\(counts.blocked) cannot be planned") }
        return "Plan: " + parts.joined(separator: ", ") + "."
    }

    struct Counts {
        var create = 0, update = 0, unchanged = 0, delete = 0, blocked = 0

        init(_ plan: Plan) {
            for item in plan.items {
                switch item.action {
                case .create, .createIfMissing: create += 1
                case .update: update += 1
                case .unchanged: unchanged += 1
                case .delete: delete += 1
                case .blocked: blocked += 1
                }
            }
        }
    }

    /// The plan as `gcpctl plan --format json` prints it (beside the envelope, `CommandDocument`).
    public struct Document: Encodable {
        public var changesPending: Bool
        public var resources: [Resource]
        /// Existing resources used instead of creating the declared ones.
        public var adoptions: [String]?
        public var summary: String
        /// This environment's resources that it no longer declares (cleanup offers them).
        public var notDeclared: [UndeclaredResource]?

        public struct Resource: Encodable {
            public var kind: String
            public var name: String
            public var action: String
            public var changes: [FieldChange]?
            /// `managed-by=gcpctl`, …: what adopting it adds (`Adoption`).
            public var adopt: [String]?
            public var reason: String?
        }

        public init(_ plan: Plan, adoptions: [String] = [], undeclared: [UndeclaredResource] = []) {
            self.adoptions = adoptions.isEmpty ? nil : adoptions
            notDeclared = undeclared.isEmpty ? nil : undeclared
            changesPending = plan.hasChanges
            summary = PlanReport.summary(plan)
            resources = plan.items.map { item in
                var resource = Resource(kind: item.id.kind.id, name: item.id.name, action: item.action.verb)
                switch item.action {
                case .update(let changes):
                    resource.changes = changes
                    resource.adopt = item.adoption?.marks
                case .createIfMissing(let reason), .blocked(let reason): resource.reason = reason
                default: break
                }
                return resource
            }
        }
    }
}
