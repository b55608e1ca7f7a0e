import Foundation

/// The metadata server's `instance/service-accounts/default/identity?audience=…` endpoint,
/// as Google documents it (https://cloud.google.com/compute/docs/instances/verifying-instance-identity):
/// an identity token of the default service account for `audience` (required), with its
/// email claims when `format=full`.
extension MetadataServer {
    static let identityPath = "/computeMetadata/v1/instance/service-accounts/default/identity"

    static func identity(_ request: HTTPRequestMessage, core: EmulatorCore) -> HTTPResponseMessage {
        var query: [String: String] = [:]
        for pair in request.query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            if parts.count == 2 { query[parts[0]] = parts[1] }
        }
        guard let audience = query["audience"], !audience.isEmpty else {
            return .text("non-empty audience parameter required\n", status: 400, headers: [flavorHeader])
        }
        let email = serviceAccountEmail(core)
        guard let token = IdentityTokens.issue(email: email, subject: email, audience: audience,
                                               includeEmail: query["format"] == "full", now: core.clock.now())
        else { return .text("could not sign the identity token\n", status: 500, headers: [flavorHeader]) }
        return .text(token, headers: [flavorHeader])
    }
}
