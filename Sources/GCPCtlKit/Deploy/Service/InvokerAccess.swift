import GoogleCloud

/// Property 21: a public service lets `allUsers` invoke it (`roles/run.invoker` in the
/// service's IAM policy); a private one does not. Read-modify-write of the service's policy
/// with its etag, so bindings others added survive; nothing is written when nothing changes.
public enum InvokerAccess {
    public static let role = "roles/run.invoker"
    public static let everyone = "allUsers"

    /// Grants or revokes `allUsers`; answers what it changed ("granted", "revoked"), or nil.
    public static func apply(isPublic: Bool, service: String, region: String, in context: ResourceContext) async throws -> String? {
        for attempt in 1...3 {
            var policy = try await context.cloudRun.iamPolicy(project: context.project, region: region, service: service)
            let changed = isPublic ? policy.grant(role, to: everyone) : policy.revoke(role, from: everyone)
            guard changed else { return nil }
            do {
                _ = try await context.cloudRun.setIAMPolicy(project: context.project, region: region, service: service, policy: policy)
                return isPublic ? "granted" : "revoked"
            } catch let error as GoogleAPIError where (error.httpStatus == 409 || error.httpStatus == 412) && attempt < 3 {
                continue  // the policy changed meanwhile: read it again
            } catch let error as GoogleAPIError where isPublic && error.httpStatus == 400 && error.message.contains("permitted customer") {
                throw PublicAccessRefusedError(service: service, message: error.message)
            }
        }
        return nil
    }
}

/// Domain restricted sharing (an organisation policy) forbids `allUsers`.
public struct PublicAccessRefusedError: Error, Sendable, CustomStringConvertible {
    public var service: String
    public var message: String

    public var description: String {
        "\(service) is deployed but cannot be made public: the organisation refuses allUsers (\(message)). "
            + "Ask an organisation admin for an exception to constraints/iam.allowedPolicyMemberDomains for this project, "
            + "or set public: false for \(service) and call it with an identity token"
    }
}
