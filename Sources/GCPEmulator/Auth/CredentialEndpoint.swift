/// What the credential endpoints (OAuth 2.0's token endpoint, the Security Token Service)
/// share: injected faults matched by method id, and a request log line that names the
/// grant but never carries a token.
enum CredentialEndpoint {
    static func serve(_ request: HTTPRequestMessage, core: EmulatorCore, api: String, methodID: String, loggedBody: JSONValue,
                      answer: () -> HTTPResponseMessage) -> HTTPReply {
        var fault: String?
        var delay = 0
        let response: HTTPResponseMessage?
        switch core.faults.decide(methodID: methodID, httpMethod: request.method, path: request.path) {
        case .respond(let code, _, let message, let retryAfter):
            fault = String(code)
            response = .json(
                ["error": code == 429 ? "rate_limit_exceeded" : "temporarily_unavailable", "error_description": .string(message)],
                status: code, headers: retryAfter.map { [("Retry-After", String($0))] } ?? [])
        case .drop:
            fault = "drop"
            response = nil
        case .delay(let milliseconds):
            fault = "delay"
            delay = milliseconds
            response = answer()
        case .body(let code, let contentType, let text):
            fault = "body \(code)"
            response = HTTPResponseMessage(status: code, headers: [("Content-Type", contentType)], body: Array(text.utf8))
        case .none, .failOperation:
            response = answer()
        }
        core.record(
            // A token grant changes no cloud resource: "no mutating request" assertions ignore it.
            request, api: api, methodID: methodID, status: response?.status ?? 0, mutating: false,
            fault: fault, body: loggedBody)
        guard let response else { return .drop(delayMilliseconds: delay) }
        return .respond(response, delayMilliseconds: delay)
    }
}
