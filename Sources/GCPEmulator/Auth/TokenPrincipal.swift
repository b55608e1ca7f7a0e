/// Who a token speaks for, as the IAM policy members that include it: a service account,
/// a user, or a workload identity pool's federated identity (matched by its
/// `principal://` subject and the pool's `principalSet://` sets).
public struct TokenPrincipal: Sendable, Equatable {
    /// `serviceAccount:EMAIL`, `user:EMAIL` or `principal://iam.googleapis.com/…/subject/SUB`.
    public var member: String
    /// Every member a binding may name to include this principal, `member` among them.
    public var memberships: Set<String>

    public init(member: String, alsoIn sets: Set<String> = []) {
        self.member = member
        memberships = sets.union([member])
    }

    /// The user every project's initial policy makes owner: tokens the emulator did not
    /// issue (`GCPCTL_ACCESS_TOKEN` in tests) speak for it.
    public static let owner = TokenPrincipal(member: "user:owner@example.com")

    public static func serviceAccount(_ email: String) -> TokenPrincipal {
        TokenPrincipal(member: "serviceAccount:\(email)")
    }

    /// A federated identity of the pool `projects/NUMBER/locations/global/workloadIdentityPools/POOL`:
    /// `principal://…/subject/SUBJECT`, in `principalSet://…/*` and in
    /// `principalSet://…/attribute.NAME/VALUE` for each mapped attribute.
    public static func federated(pool: String, subject: String, attributes: [String: String]) -> TokenPrincipal {
        let root = "//iam.googleapis.com/\(pool)"
        var sets: Set<String> = ["principalSet:\(root)/*"]
        for (name, value) in attributes { sets.insert("principalSet:\(root)/attribute.\(name)/\(value)") }
        return TokenPrincipal(member: "principal:\(root)/subject/\(subject)", alsoIn: sets)
    }
}

/// Whether a principal holds a role that grants a permission, on a resource or its project,
/// from the IAM policies the emulator keeps (no role inheritance beyond the roles listed).
enum IAMAccess {
    /// `iam.serviceAccounts.getAccessToken`.
    static let getAccessTokenRoles: Set = ["roles/iam.serviceAccountTokenCreator", "roles/iam.workloadIdentityUser"]
    /// `iam.serviceAccounts.getOpenIdToken`.
    static let getOpenIdTokenRoles: Set = ["roles/iam.serviceAccountOpenIdTokenCreator", "roles/iam.serviceAccountTokenCreator"]
    /// `serviceusage.services.use`: naming the project in `x-goog-user-project`.
    static let serviceUsageRoles: Set = ["roles/owner", "roles/editor", "roles/serviceusage.serviceUsageConsumer"]

    /// Bindings of `roles` in the project's policy and, when given, in `resource`'s own.
    static func holds(_ principal: TokenPrincipal, anyOf roles: Set<String>, project: String, resource: String? = nil,
                      state: EmulatorState) -> Bool {
        var policies = [IAMPolicy.read(project, resource: "projects/\(project)", state: state, initial: ResourceManagerAPI.initialPolicy)]
        if let resource { policies.append(IAMPolicy.read(project, resource: resource, state: state, initial: [:])) }
        for policy in policies {
            for binding in policy["bindings"]?.arrayValue ?? [] where roles.contains(binding["role"]?.stringValue ?? "") {
                let members = binding["members"]?.arrayValue?.compactMap(\.stringValue) ?? []
                if members.contains(where: principal.memberships.contains) { return true }
            }
        }
        return false
    }
}
