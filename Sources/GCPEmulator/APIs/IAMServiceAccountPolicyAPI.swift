/// A service account's own IAM policy (who may impersonate it: roles/iam.serviceAccountTokenCreator,
/// roles/iam.workloadIdentityUser), getIamPolicy and setIamPolicy with etags, kept under the
/// account's name `projects/PROJECT/serviceAccounts/EMAIL` whatever form the request names it by.
enum IAMServiceAccountPolicyAPI {
    static let handlers: [String: APIHandler] = [
        "iam.projects.serviceAccounts.getIamPolicy": getIamPolicy,
        "iam.projects.serviceAccounts.setIamPolicy": setIamPolicy,
    ]

    static let initial: JSONValue = ["version": 1, "etag": "ACAB"]

    static func policyName(project: String, email: String) -> String { "projects/\(project)/serviceAccounts/\(email)" }

    private static func getIamPolicy(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, email, _) = try IAMServiceAccountsAPI.find(request.path("resource"), in: state)
        let policy = IAMPolicy.read(project, resource: policyName(project: project, email: email), state: state, initial: initial)
        return .resource(IAMPolicy.answer(policy))
    }

    private static func setIamPolicy(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, email, _) = try IAMServiceAccountsAPI.find(request.path("resource"), in: state)
        let policy = try IAMPolicy.write(request, project: project, resource: policyName(project: project, email: email),
                                         state: &state, initial: initial)
        return .resource(IAMPolicy.answer(policy))
    }
}
