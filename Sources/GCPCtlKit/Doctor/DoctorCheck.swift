import GoogleCloud

/// One thing `gcpctl doctor` checks, answering one line: what it found and, when something
/// is wrong, the one fix. A new check (the build account's roles, say) is one more value
/// in `DoctorChecks.all`.
public protocol DoctorCheck: Sendable {
    /// `credentials`, `project`, `apis`, …: the JSON name.
    var name: String { get }
    func run(in context: DoctorContext) async -> DoctorFinding
}

public struct DoctorFinding: Sendable, Encodable, Equatable {
    public var ok: Bool
    public var detail: String
    public var fix: String?

    public static func ok(_ detail: String) -> DoctorFinding { DoctorFinding(ok: true, detail: detail, fix: nil) }
    public static func problem(_ detail: String, fix: String?) -> DoctorFinding { DoctorFinding(ok: false, detail: detail, fix: fix) }
}

/// What every check works with: the connection, the environment, and the principal.
public struct DoctorContext: Sendable {
    public let resources: ResourceContext
    public let credentials: CredentialSource
    /// The caller's email, when it could be found.
    public let principal: String?
    public var environment: Environment { resources.environment }
    public var project: String { resources.project }
    public var env: String { environment.shortName }
}

/// The checks, in the order they print. Permission checks name what the next `setup` and
/// `deploy` need, so a missing one is found before they fail half way.
public enum DoctorChecks {
    public static func all(for environment: Environment) -> [any DoctorCheck] {
        var checks: [any DoctorCheck] = [CredentialsCheck(), ProjectCheck(), APIsCheck(), ProjectPermissionsCheck()]
        checks += environment.buckets.map { BucketPermissionsCheck(bucket: $0.name) } as [any DoctorCheck]
        checks.append(ActAsCheck(email: environment.serviceAccount.email, what: "runtime account"))
        checks.append(AccountRolesCheck(email: environment.serviceAccount.email, roles: environment.serviceAccount.roles,
                                        what: "runtime account"))
        // Builds run as the build account: deploy names it in builds.create (actAs).
        let build = environment.buildServiceAccount
        checks.append(ActAsCheck(email: build.email, what: "build account"))
        checks.append(AccountRolesCheck(email: build.email, roles: build.roles, what: "build account"))
        return checks
    }
}
