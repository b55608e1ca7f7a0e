import GoogleCloud

extension RuntimeServiceAccount: StatusDescribing {
    func statusDetails(of state: IAMAPI.ServiceAccount, extra: Void?) -> [StatusDetail] {
        [StatusDetail("displayName", column: "DETAILS", state.displayName)]
    }

    func health(of state: IAMAPI.ServiceAccount, extra: Void?, environment: Environment) -> StatusFinding? {
        guard state.disabled == true else { return nil }
        return StatusFinding(state: .unhealthy, reason: "the account is disabled; services running as it cannot start",
                             fix: .command("gcloud iam service-accounts enable \(account.email) --project=\(environment.project)"))
    }
}

extension ProjectRoles: StatusDescribing {
    func statusDetails(of granted: Set<String>, extra: Void?) -> [StatusDetail] {
        let declared = account.roles.filter(granted.contains)
        let extras = extraRoles(in: granted)
        return [StatusDetail("roles", column: "DETAILS", .array(declared.map(JSONValue.string)),
                             text: "\(declared.count) of \(account.roles.count) roles: " + declared.joined(separator: ", ")
                                 + (extras.isEmpty ? "" : "; not declared: " + extras.joined(separator: ", ")))]
    }

    var statusLabel: String { "project roles" }
}

extension BuildAccountRoles: StatusDescribing {
    func statusDetails(of held: Set<Grant>, extra: Void?) -> [StatusDetail] {
        let granted = grants.filter(held.contains).map(\.description)
        return [StatusDetail("roles", column: "DETAILS", .array(granted.map(JSONValue.string)),
                             text: "\(granted.count) of \(grants.count): " + granted.joined(separator: ", "))]
    }

    var statusLabel: String { "bucket and repository roles" }
}
