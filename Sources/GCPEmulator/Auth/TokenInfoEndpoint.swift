import Foundation

/// `POST /oauth2/tokeninfo` (form `access_token=…`, as Google's tokeninfo endpoint takes
/// it): who a token belongs to. The emulator does not follow tokens to their principal,
/// so every token it accepts is the project owner's, `owner@example.com` (the member of
/// every project's initial policy); a revoked one is `invalid_token`. The token is never
/// logged: the request log holds only the method.
enum TokenInfoEndpoint {
    static let owner = "owner@example.com"

    static func handle(_ request: HTTPRequestMessage, core: EmulatorCore) -> HTTPReply {
        let form = QueryParameters(String(decoding: request.body, as: UTF8.self))
        let response: HTTPResponseMessage
        if request.method != "POST" {
            response = .json(["error": "invalid_request", "error_description": "Send the token in a POST form body."], status: 405)
        } else if let token = form["access_token"], !token.isEmpty,
                  !core.state.withLock({ $0.credentials.revokedTokens.contains(token) }) {
            response = .json(["email": .string(owner), "email_verified": "true", "expires_in": "3599",
                              "scope": "https://www.googleapis.com/auth/cloud-platform", "access_type": "online"])
        } else {
            response = .json(["error": "invalid_token", "error_description": "Invalid Value"], status: 400)
        }
        core.record(request, api: "oauth2", methodID: "oauth2.tokeninfo", status: response.status, mutating: false, body: .null)
        return .respond(response, delayMilliseconds: 0)
    }
}
