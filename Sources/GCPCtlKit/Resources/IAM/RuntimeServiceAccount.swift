import GoogleCloud

/// A service account gcpctl manages: the runtime account the Cloud Run services run as, and
/// the build account Cloud Build runs deploy's builds as.
public struct RuntimeServiceAccount: KindResource {
    public let account: Environment.ServiceAccount

    public init(_ account: Environment.ServiceAccount) {
        self.account = account
    }

    public var identity: ResourceIdentity { ResourceIdentity(.serviceAccount, account.email) }

    /// `identity.name` is the account's email.
    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> IAMAPI.ServiceAccount? {
        try await context.iam.serviceAccount(project: context.project, email: identity.name)
    }

    public func differences(from state: IAMAPI.ServiceAccount) -> [FieldChange] {
        var changes = FieldChanges()
        changes.compare("displayName", observed: state.displayName ?? "", desired: account.displayName)
        changes.compare("disabled", observed: state.disabled ?? false, desired: false)
        // Accounts take no labels: this description is what makes one gcpctl's (`Ownership`).
        changes.compare("description", observed: state.description.flatMap { $0.isEmpty ? nil : $0 }, desired: Ownership.serviceAccountDescription)
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        _ = try await context.iam.createServiceAccount(project: context.project, accountID: account.id,
                                                       displayName: account.displayName, description: Ownership.serviceAccountDescription)
    }

    public func update(_ state: IAMAPI.ServiceAccount, changes: [FieldChange], in context: ResourceContext) async throws {
        if changes.contains(where: { $0.field == "disabled" }) {
            context.note("\(account.email) is disabled; gcpctl does not re-enable accounts. Enable it in the console if that was a mistake.")
        }
        let displayName = changes.contains { $0.field == "displayName" } ? account.displayName : nil
        let description = changes.contains { $0.field == "description" } ? Ownership.serviceAccountDescription : nil
        if displayName != nil || description != nil {
            _ = try await context.iam.patchServiceAccount(project: context.project, email: account.email,
                                                          displayName: displayName, description: description)
        }
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        try await context.iam.deleteServiceAccount(project: context.project, email: identity.name)
    }
}

extension ResourceKind {
    /// Named by its email; `gcpctl delete service-account ID` completes it in the project.
    public static let serviceAccount: ResourceKind = ResourceKind(
        id: "service-account", title: "service account", plural: "service accounts", commandNames: ["service-account"],
        service: "iam.googleapis.com", section: .serviceAccount, teardown: Teardown(companionsReviewed: "its project roles first",
                                                                                      after: ["cloud-run-service", "project-roles", "pubsub-subscription", "scheduler-job"]),
        nameProblem: NamingRules.serviceAccountProblem,
        identify: { name, environment in
            ResourceIdentity(.serviceAccount, name.contains("@") ? name : IAMAPI.email(accountID: name, project: environment.project))
        },
        list: { context, detail in try await RuntimeServiceAccount.list(in: context, detail) }, setupPart: .serviceAccount,
        declared: { environment, _ in [RuntimeServiceAccount(environment.serviceAccount), RuntimeServiceAccount(environment.buildServiceAccount)] })
        .deleted(by: RuntimeServiceAccount.self)
}

extension StatusSection {
    public static let serviceAccount = StatusSection(id: "serviceAccount", title: "Service account")
}
