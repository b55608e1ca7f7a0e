import GoogleCloud

/// The project roles granted to the runtime service account, applied by
/// read-modify-write of the project's IAM policy: read with its etag, add what is
/// missing, write back; on a concurrent change (409 ABORTED) read again and reapply.
///
/// The account holds exactly the declared roles: a project role someone else granted it
/// (privilege creep, such as roles/owner) is drift, and setup removes it. Only this
/// account's own unconditional bindings are touched, never another member's, and never a
/// conditional binding; roles deploy grants itself (`alsoKept`) stay.
public struct ProjectRoles: KindResource {
    public let account: Environment.ServiceAccount
    /// Roles not declared but granted by gcpctl itself (deploy's secret access).
    public var alsoKept: Set<String>
    /// How often to re-read after an etag conflict before giving up.
    public var conflictAttempts = 5

    public init(_ account: Environment.ServiceAccount, alsoKept: Set<String> = []) {
        self.account = account
        self.alsoKept = alsoKept
    }

    /// The roles the account holds that neither the environment nor gcpctl gives it.
    func extraRoles(in granted: Set<String>) -> [String] {
        granted.subtracting(account.roles).subtracting(alsoKept).sorted()
    }

    public var member: String { ProjectRoles.member(account.email) }
    static func member(_ email: String) -> String { "serviceAccount:\(email)" }
    /// Named by the account's email.
    public var identity: ResourceIdentity { ResourceIdentity(.projectRoles, account.email) }
    public var dependencies: [ResourceID] { [ResourceID(.serviceAccount, account.email)] }

    /// The roles the account holds now.
    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> Set<String>? {
        let roles = try await context.resourceManager.iamPolicy(project: context.project).roles(of: member(identity.name))
        return roles.isEmpty ? nil : roles
    }

    public func differences(from granted: Set<String>) -> [FieldChange] {
        account.roles.filter { !granted.contains($0) }.map { FieldChange($0, old: "not granted", new: "granted") }
            + extraRoles(in: granted).map { FieldChange($0, old: "granted", new: "removed (not in serviceAccount.roles)") }
    }

    public func create(in context: ResourceContext) async throws {
        try await modifyPolicy(in: context) { policy in
            account.roles.reduce(false) { changed, role in policy.grant(role, to: member) || changed }
        }
    }

    /// Grants what is missing and removes the extra roles, in one write of the policy it
    /// has just read (the extras are those of that policy, not of the plan's observation).
    public func update(_ granted: Set<String>, changes: [FieldChange], in context: ResourceContext) async throws {
        try await modifyPolicy(in: context) { policy in
            let added = account.roles.reduce(false) { changed, role in policy.grant(role, to: member) || changed }
            return extraRoles(in: policy.roles(of: member)).reduce(added) { changed, role in policy.revoke(role, from: member) || changed }
        }
    }

    /// Revokes every project role the account holds, whoever granted it.
    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let member = member(identity.name)
        try await modifyPolicy(in: context) { policy in
            policy.roles(of: member).reduce(false) { changed, role in policy.revoke(role, from: member) || changed }
        }
    }

    /// Never writes a policy it did not just read. `change` answers whether it changed
    /// anything; if not, nothing is written. One read-modify-write of the project's policy at
    /// a time (the runtime and the build account's roles): two at once would make each other
    /// meet 409.
    func modifyPolicy(in context: ResourceContext, _ change: @Sendable (inout IAMPolicy) -> Bool) async throws {
        try await ProjectRoles.modifyPolicy(in: context, attempts: conflictAttempts, change)
    }

    /// The key of the project policy's queue in `ResourceContext.serial`.
    static let gate = "project-iam-policy"

    static func modifyPolicy(in context: ResourceContext, attempts: Int = 5,
                             _ change: @Sendable (inout IAMPolicy) -> Bool) async throws {
        try await context.serial.run(gate) { try await modifyPolicyNow(in: context, attempts: attempts, change) }
    }

    private static func modifyPolicyNow(in context: ResourceContext, attempts conflictAttempts: Int,
                                        _ change: @Sendable (inout IAMPolicy) -> Bool) async throws {
        for attempt in 1...conflictAttempts {
            var policy = try await context.resourceManager.iamPolicy(project: context.project)
            guard change(&policy) else { return }
            policy.version = 3
            do {
                // A just-created account is unknown to IAM for up to a minute.
                _ = try await context.resourceManager.setIAMPolicy(
                    project: context.project, policy: policy, retryAlso: [RetryPredicates.serviceAccountNotYetVisible])
                return
            } catch let error as GoogleAPIError where error.httpStatus == 409 || error.httpStatus == 412 {
                if attempt == conflictAttempts { throw error }
                context.note("the project's IAM policy changed while gcpctl was writing it; reading it again")
            }
        }
    }
}

extension ResourceKind {
    /// The project-level role bindings of a service account; named by the account's email.
    public static let projectRoles: ResourceKind = ResourceKind(id: "project-roles", title: "project roles of", plural: "project roles",
                                                  service: "cloudresourcemanager.googleapis.com", section: .serviceAccount,
                                                  teardown: Teardown(after: ["cloud-run-service"]), setupPart: .serviceAccount,
        declared: { environment, _ in
            [ProjectRoles(environment.serviceAccount, alsoKept: Preflight.rolesDeployGrants(environment)), ProjectRoles(environment.buildServiceAccount)]
        })
        .deleted(by: ProjectRoles.self)
}
