import GoogleCloud

/// A service account gcpctl manages: the runtime account the Cloud Run services run as, and
/// the build account Cloud Build runs deploy's builds as.
public struct RuntimeServiceAccount: Resource {
    public let account: Environment.ServiceAccount

    public init(_ account: Environment.ServiceAccount) {
        self.account = account
    }

    public var id: ResourceID { ResourceID(.serviceAccount, account.email) }

    public func observe(in context: ResourceContext) async throws -> IAMAPI.ServiceAccount? {
        try await context.iam.serviceAccount(project: context.project, email: account.email)
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

    public func delete(in context: ResourceContext) async throws {
        try await context.iam.deleteServiceAccount(project: context.project, email: account.email)
    }
}
