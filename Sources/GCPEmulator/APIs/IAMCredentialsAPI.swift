import Foundation

/// IAM Service Account Credentials v1 `generateAccessToken`, as Google documents it: the
/// name must be `projects/-/serviceAccounts/EMAIL-OR-UNIQUE-ID` (the `-` is required), the
/// account must exist (404), the API must be enabled in its project, and the caller (and
/// each account of `delegates`, in turn) must hold `iam.serviceAccounts.getAccessToken`
/// on the next account (roles/iam.serviceAccountTokenCreator or roles/iam.workloadIdentityUser,
/// on the account or its project), else 403. `scope` is required; `lifetime` is at most
/// 3600s. Answers `{"accessToken","expireTime"}`, a token that speaks for the account.
/// `generateIdToken` the same way, with `iam.serviceAccounts.getOpenIdToken`
/// (roles/iam.serviceAccountOpenIdTokenCreator or roles/iam.serviceAccountTokenCreator) and a
/// required `audience`; it answers `{"token"}`, an identity token for the account
/// (`IdentityTokens`), as Google documents it
/// (https://cloud.google.com/iam/docs/reference/credentials/rest/v1/projects.serviceAccounts/generateIdToken).
enum IAMCredentialsAPI {
    static let handlers: [String: APIHandler] = [
        "iamcredentials.projects.serviceAccounts.generateAccessToken": generateAccessToken,
        "iamcredentials.projects.serviceAccounts.generateIdToken": generateIdToken,
    ]

    static let permission = "iam.serviceAccounts.getAccessToken"

    private static func generateAccessToken(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let target = try account(request.path("name"), field: "name", state: state)
        if request.configuration.apiGating {
            try ProjectGate.checkEnabled(request.route, project: target.project, state: state)
        }
        guard let scopes = request.body["scope"]?.arrayValue?.compactMap(\.stringValue), !scopes.isEmpty else {
            throw APIError.invalidArgument("Scope required.", field: "scope")
        }
        let lifetime = try lifetimeSeconds(request.body["lifetime"]?.stringValue)
        try authorize(request, for: target, permission: permission, roles: IAMAccess.getAccessTokenRoles, state: state)
        let token = TokenEndpoint.newToken(principal: .serviceAccount(target.email), state: &state)
        return .resource([
            "accessToken": .string(token),
            "expireTime": .string(RFC3339.format(request.now.addingTimeInterval(TimeInterval(lifetime)))),
        ])
    }

    private static func generateIdToken(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let target = try account(request.path("name"), field: "name", state: state)
        if request.configuration.apiGating {
            try ProjectGate.checkEnabled(request.route, project: target.project, state: state)
        }
        guard let audience = request.body["audience"]?.stringValue, !audience.isEmpty else {
            throw APIError.invalidArgument("Audience required.", field: "audience")
        }
        try authorize(request, for: target, permission: "iam.serviceAccounts.getOpenIdToken",
                      roles: IAMAccess.getOpenIdTokenRoles, state: state)
        guard let token = IdentityTokens.issue(email: target.email, subject: target.uniqueID, audience: audience,
                                               includeEmail: request.body["includeEmail"]?.boolValue ?? false, now: request.now)
        else { throw APIError.internalError("The emulator could not sign the identity token.") }
        return .resource(["token": .string(token)])
    }

    /// The chain: the caller may act for the first of `delegates`, each delegate for the
    /// next (`getAccessTokenRoles`), the last for `target` (`roles`); else 403 naming `permission`.
    private static func authorize(_ request: APIRequest, for target: (project: String, email: String, uniqueID: String),
                                  permission: String, roles: Set<String>, state: EmulatorState) throws {
        var chain = try (request.body["delegates"]?.arrayValue ?? []).map { delegate in
            try account(delegate.stringValue ?? "", field: "delegates", state: state)
        }
        chain.append(target)
        var caller = state.credentials.principal(of: APIPipeline.bearerToken(request.headers) ?? "")
        for (index, next) in chain.enumerated() {
            let needed = index == chain.count - 1 ? roles : IAMAccess.getAccessTokenRoles
            guard IAMAccess.holds(caller, anyOf: needed, project: next.project,
                                  resource: IAMServiceAccountPolicyAPI.policyName(project: next.project, email: next.email),
                                  state: state) else {
                var error = APIError.permissionDenied(
                    "Permission '\(permission)' denied on resource (or it may not exist).", reason: "IAM_PERMISSION_DENIED")
                error.details = [[
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "IAM_PERMISSION_DENIED",
                    "domain": "iam.googleapis.com",
                    "metadata": ["permission": .string(permission),
                                 "resource": .string("projects/-/serviceAccounts/\(next.uniqueID)")],
                ]]
                throw error
            }
            caller = .serviceAccount(next.email)
        }
    }

    /// An account named `projects/-/serviceAccounts/ID`: its project, email and unique id.
    private static func account(_ name: String, field: String,
                                state: EmulatorState) throws -> (project: String, email: String, uniqueID: String) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "projects", parts[2] == "serviceAccounts", !parts[3].isEmpty else {
            throw APIError.invalidArgument("Invalid form of account ID \(name). Should be [Gaia ID |Email |Unique ID |] of the account", field: field)
        }
        guard parts[1] == "-" else {
            throw APIError.invalidArgument(
                "The `-` wildcard character is required in \(name); replacing it with a project ID is invalid.", field: field)
        }
        do {
            let found = try IAMServiceAccountsAPI.find(name, in: state)
            return (found.project, found.email, found.account["uniqueId"]?.stringValue ?? found.email)
        } catch {
            throw APIError.notFound("Not found; Gaia id not found for email \(parts[3])")
        }
    }

    /// `lifetime` as a duration (`"3600s"`), 1 to 3600 seconds; an hour when absent.
    private static func lifetimeSeconds(_ text: String?) throws -> Int {
        guard let text else { return 3600 }
        guard text.hasSuffix("s"), let seconds = Double(text.dropLast()), seconds >= 1, seconds <= 3600 else {
            throw APIError.invalidArgument(
                "The lifetime \(text) is invalid: it must be a duration of at most 3600s unless an organization policy allows more.",
                field: "lifetime")
        }
        return Int(seconds)
    }
}
