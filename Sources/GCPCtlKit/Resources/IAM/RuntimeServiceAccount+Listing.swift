import GoogleCloud

extension RuntimeServiceAccount {
    /// Accounts take no labels: one described as setup describes its accounts is gcpctl's
    /// (the environment's when the environment names it, else another environment's); any
    /// other is not gcpctl's, even when the environment names it; Google's own
    /// (`…@developer.gserviceaccount.com`, `…@appspot.gserviceaccount.com`) are never offered.
    /// In full, with its project roles, which are removed before it.
    static func list(in context: ResourceContext, _ detail: ListingDetail) async throws -> KindListing {
        guard detail == .full else {
            return KindListing(try await context.iam.serviceAccounts(project: context.project).asyncCompactMap { account in
                guard let email = account.email else { return nil }
                return FoundResource(ResourceIdentity(.serviceAccount, email), ownership: try await Ownership.of(account, in: context))
            })
        }
        async let policy = context.resourceManager.iamPolicy(project: context.project)
        let accounts = try await context.iam.serviceAccounts(project: context.project)
        var notes: [String] = []
        var roles: IAMPolicy?
        do { roles = try await policy } catch {
            notes.append("The project's IAM policy could not be read (\(error)); service accounts' roles are shown as unknown.")
        }
        let found = try await accounts.asyncCompactMap { account -> FoundResource? in
            guard let email = account.email else { return nil }
            let ownership = try await Ownership.of(account, in: context)
            let granted = roles?.roles(of: "serviceAccount:\(email)")
            var details = [account.displayName].compactMap { $0 }.filter { !$0.isEmpty }
            details.append(granted.map { "\($0.count) project role\($0.count == 1 ? "" : "s")" } ?? "project roles unknown")
            if account.disabled == true { details.append("disabled") }
            return FoundResource(ResourceIdentity(.serviceAccount, email), ownership: ownership, details: details,
                                 companions: granted?.isEmpty != true ? [ResourceIdentity(.projectRoles, email)] : [])
        }
        return KindListing(found, notes: notes)
    }
}
