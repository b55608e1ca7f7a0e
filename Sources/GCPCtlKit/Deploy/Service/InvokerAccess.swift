import GoogleCloud

/// Who may call a Cloud Run service (property 21; issue 16 point 3). Google documents two
/// ways to make a service public (https://cloud.google.com/run/docs/authenticating/public):
/// turning its invoker IAM check off (`invokerIamDisabled: true`, recommended, and the only
/// one where domain-restricted sharing refuses `allUsers`), or `allUsers` holding
/// `roles/run.invoker`. gcpctl uses the first, and the second only where Cloud Run refuses
/// the first (an organisation enforcing `constraints/run.managed.requireInvokerIam`) or a
/// service is public that way already.
public enum InvokerAccess: String, Sendable, Encodable, Equatable {
    /// Public: the invoker IAM check is off.
    case invokerCheckDisabled = "invokerIamDisabled"
    /// Public: `allUsers` holds `roles/run.invoker`.
    case allUsers
    /// Private: only callers IAM lets invoke it.
    case iamRequired = "iam"

    public static let role = "roles/run.invoker"
    public static let everyone = "allUsers"

    public var isPublic: Bool { self != .iamRequired }

    /// `public (invokerIamDisabled)`, `public (allUsers)`, `private`.
    public var description: String {
        switch self {
        case .invokerCheckDisabled: "public (invokerIamDisabled)"
        case .allUsers: "public (allUsers)"
        case .iamRequired: "private"
        }
    }

    /// What the service shows now: its `invokerIamDisabled`, else its policy (nil: unread).
    public static func observed(_ service: CloudRunAPI.Service, policy: IAMPolicy?) -> InvokerAccess {
        if service.invokerIamDisabled == true { return .invokerCheckDisabled }
        return policy.map(grantsEveryone) == true ? .allUsers : .iamRequired
    }

    /// What a deploy aims at: a public service turns the invoker check off, unless it is
    /// public through `allUsers` already (kept: where invokerIamDisabled was refused once,
    /// asking again each deploy would be refused each time); a private one needs IAM.
    public static func wanted(isPublic: Bool, now: InvokerAccess?) -> InvokerAccess {
        guard isPublic else { return .iamRequired }
        return now == .allUsers ? .allUsers : .invokerCheckDisabled
    }

    static func grantsEveryone(_ policy: IAMPolicy) -> Bool {
        (policy.bindings ?? []).contains { $0.role == role && $0.condition == nil && $0.members.contains(everyone) }
    }

    /// Cloud Run refused `invokerIamDisabled` (400 FAILED_PRECONDITION naming the constraint).
    public static func isRefusal(_ error: any Error) -> Bool {
        guard let error = error as? GoogleAPIError, error.httpStatus == 400 else { return false }
        return error.preconditionViolations.contains { $0.type.hasSuffix("requireInvokerIam") }
            || error.message.contains("requireInvokerIam") || error.message.contains("invokerIamDisabled")
    }

    /// Brings the service's IAM policy in line: `allUsers` granted for `.allUsers`, revoked
    /// for `.iamRequired`, left alone with the check off. Read-modify-write with the etag, so
    /// bindings others added survive; nothing is written when nothing changes. `known` is a
    /// policy read moments ago: when it needs no change, nothing is read again. Answers what
    /// it changed ("granted", "revoked"), or nil.
    public func applyPolicy(service: String, region: String, known: IAMPolicy?, in context: ResourceContext) async throws -> String? {
        guard self != .invokerCheckDisabled else { return nil }
        if let known, InvokerAccess.grantsEveryone(known) == (self == .allUsers) { return nil }
        for attempt in 1...3 {
            var policy = try await context.cloudRun.iamPolicy(project: context.project, region: region, service: service)
            let changed = self == .allUsers ? policy.grant(Self.role, to: Self.everyone) : policy.revoke(Self.role, from: Self.everyone)
            guard changed else { return nil }
            do {
                _ = try await context.cloudRun.setIAMPolicy(project: context.project, region: region, service: service, policy: policy)
                return self == .allUsers ? "granted" : "revoked"
            } catch let error as GoogleAPIError where (error.httpStatus == 409 || error.httpStatus == 412) && attempt < 3 {
                continue  // the policy changed meanwhile: read it again
            } catch let error as GoogleAPIError where self == .allUsers && error.httpStatus == 400 && error.message.contains("permitted customer") {
                throw PublicAccessRefusedError(service: service, message: error.message)
            }
        }
        return nil
    }
}

/// Both ways to make a service public refused: Cloud Run refused `invokerIamDisabled`
/// (run.managed.requireInvokerIam), and domain-restricted sharing forbids `allUsers`.
public struct PublicAccessRefusedError: Error, Sendable, CustomStringConvertible {
    public var service: String
    public var message: String

    public var description: String {
        "\(service) is deployed but cannot be made public: Cloud Run refused invokerIamDisabled and the organisation refuses allUsers (\(message)). "
            + "Ask an organisation admin for an exception to constraints/run.managed.requireInvokerIam or constraints/iam.allowedPolicyMemberDomains for this project, "
            + "or set public: false for \(service) and call it with an identity token"
    }
}
