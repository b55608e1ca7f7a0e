/// A deployed Cloud Run service's own URL, `https://SERVICE-NUMBER.REGION.run.app/PATH`,
/// served at `/run.app/SERVICE-NUMBER.REGION.run.app/PATH`: 404 for an unknown host, 503
/// before a revision is ready, 403 without credentials unless the service is public
/// (`allUsers` holds `roles/run.invoker`, or `invokerIamDisabled`), else the status set with
/// `/_emulator/run-health` (200 by default).
enum RunAppProxy {
    static let prefix = "/run.app/"

    static func handle(_ request: HTTPRequestMessage, core: EmulatorCore) -> HTTPReply {
        let rest = request.path.dropFirst(prefix.count)
        let host = String(rest.prefix { $0 != "/" })
        let response = core.withState { state in answer(request, host: host, state: state, health: core.runHealth.snapshot) }
        core.record(request, api: "run.app", methodID: nil, status: response.status, mutating: false)
        return .respond(response, delayMilliseconds: 0)
    }

    private static func answer(_ request: HTTPRequestMessage, host: String, state: EmulatorState, health: [String: Int]) -> HTTPResponseMessage {
        for (projectID, project) in state.projects {
            for (name, service) in project.collections[CloudRunServicesAPI.collection] ?? [:]
            where service["uri"]?.stringValue == "https://\(host)" {
                let id = String(name.split(separator: "/").last ?? "")
                guard let revision = service["latestReadyRevision"]?.stringValue else {
                    return .text("Service Unavailable\n", status: 503)
                }
                if !isPublic(service, policy: state.resource(projectID, IAMPolicy.collection, name)),
                    APIPipeline.bearerToken(request) == nil
                {
                    return .text("Error: Forbidden\nYour client does not have permission to get URL \(request.path).\n", status: 403)
                }
                let status = health[id] ?? 200
                return .text("\(id) \(revision) answered \(status)\n", status: status)
            }
        }
        return .text("Error: Page not found\nThe requested URL was not found on this server.\n", status: 404)
    }

    private static func isPublic(_ service: JSONValue, policy: JSONValue?) -> Bool {
        if service["invokerIamDisabled"] == true { return true }
        return policy?["bindings"]?.arrayValue?.contains { binding in
            binding["role"] == "roles/run.invoker" && binding["members"]?.arrayValue?.contains("allUsers") == true
        } ?? false
    }
}
