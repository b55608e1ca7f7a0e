/// The GCE metadata server (`GCE_METADATA_HOST=127.0.0.1:PORT`): the default service
/// account's token and email and the project id, answered only to requests carrying
/// `Metadata-Flavor: Google`, with that header on every answer.
enum MetadataServer {
    static let flavorHeader = ("Metadata-Flavor", "Google")

    static func handle(_ request: HTTPRequestMessage, core: EmulatorCore) -> HTTPReply {
        let path = request.path
        let isToken = path == "/computeMetadata/v1/instance/service-accounts/default/token"
        var fault: String?
        var delay = 0
        var response: HTTPResponseMessage?
        if isToken {
            switch core.faults.decide(methodID: "metadata.token", httpMethod: request.method, path: path) {
            case .respond(let code, _, let message, _):
                fault = String(code)
                response = .text(message, status: code, headers: [flavorHeader])
            case .drop:
                core.record(request, api: "metadata", methodID: "metadata.token", status: 0, mutating: false, fault: "drop")
                return .drop(delayMilliseconds: 0)
            case .delay(let milliseconds):
                fault = "delay"
                delay = milliseconds
            case .body(let code, let contentType, let text):
                fault = "body \(code)"
                response = HTTPResponseMessage(status: code, headers: [("Content-Type", contentType), flavorHeader], body: Array(text.utf8))
            case .none, .failOperation:
                break
            }
        }
        if response == nil { response = answer(request, core: core) }
        let final = response ?? .text("Not Found", status: 404, headers: [flavorHeader])
        core.record(
            request, api: "metadata", methodID: isToken ? "metadata.token" : nil, status: final.status, mutating: false,
            fault: fault)
        return .respond(final, delayMilliseconds: delay)
    }

    private static func answer(_ request: HTTPRequestMessage, core: EmulatorCore) -> HTTPResponseMessage {
        let path = request.path
        // Clients probe the root to learn whether they run on GCE.
        if path == "/" || path == "/computeMetadata/v1/" || path == "/computeMetadata/v1" {
            return .text("computeMetadata/\n", headers: [flavorHeader])
        }
        guard request.header("Metadata-Flavor") == "Google" else {
            return .text(
                "Missing required header: Metadata-Flavor\n", status: 403,
                headers: [flavorHeader])
        }
        let project = core.configuration.effectiveMetadataProject
        switch path {
        case "/computeMetadata/v1/project/project-id":
            return .text(project, headers: [flavorHeader])
        case "/computeMetadata/v1/project/numeric-project-id":
            return .text(ProjectState.projectNumber(for: project), headers: [flavorHeader])
        case "/computeMetadata/v1/instance/service-accounts/default/email":
            return .text(serviceAccountEmail(core), headers: [flavorHeader])
        case "/computeMetadata/v1/instance/service-accounts/default/token":
            var response = TokenEndpoint.issueToken(core: core, principal: .serviceAccount(serviceAccountEmail(core)))
            response.headers.append(flavorHeader)
            return response
        case identityPath:
            return identity(request, core: core)
        default:
            return .text("Not Found\n", status: 404, headers: [flavorHeader])
        }
    }

    static func serviceAccountEmail(_ core: EmulatorCore) -> String {
        core.configuration.metadataServiceAccount
            ?? "\(ProjectState.projectNumber(for: core.configuration.effectiveMetadataProject))-compute@developer.gserviceaccount.com"
    }
}
