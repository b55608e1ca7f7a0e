import Foundation

/// IAM Service Account Credentials v1 `generateIdToken`, as Google documents it
/// (https://cloud.google.com/iam/docs/reference/credentials/rest/v1/projects.serviceAccounts/generateIdToken):
/// the name must be `projects/-/serviceAccounts/EMAIL-OR-UNIQUE-ID` (the `-` is required),
/// the account must exist (404), the API must be enabled in its project, and `audience` is
/// required. Answers `{"token"}`, an identity token for the account (`IdentityTokens`).
enum IAMCredentialsIdTokenAPI {
    static let handlers: [String: APIHandler] = [
        "iamcredentials.projects.serviceAccounts.generateIdToken": generateIdToken
    ]

    private static func generateIdToken(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let name = request.path("name")
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[1] == "-" else {
            throw APIError.invalidArgument(
                "The `-` wildcard character is required in \(name); replacing it with a project ID is invalid.", field: "name")
        }
        let account: (project: String, email: String, account: JSONValue)
        do { account = try IAMServiceAccountsAPI.find(name, in: state) } catch {
            throw APIError.notFound("Not found; Gaia id not found for email \(parts[3])")
        }
        if request.configuration.apiGating {
            try ProjectGate.checkEnabled(request.route, project: account.project, state: state)
        }
        guard let audience = request.body["audience"]?.stringValue, !audience.isEmpty else {
            throw APIError.invalidArgument("Audience required.", field: "audience")
        }
        let subject = account.account["uniqueId"]?.stringValue ?? account.email
        guard let token = IdentityTokens.issue(email: account.email, subject: subject, audience: audience,
                                               includeEmail: request.body["includeEmail"]?.boolValue ?? false, now: request.now)
        else { throw APIError.internalError("The emulator could not sign the identity token.") }
        return .resource(["token": .string(token)])
    }
}
