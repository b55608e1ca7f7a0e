/// A Cloud Run service's IAM policy (`allUsers` holding `roles/run.invoker` makes it
/// public): getIamPolicy, setIamPolicy with etags, and testIamPermissions, which grants
/// the caller (the project's owner) every `run.` permission it asks about.
enum CloudRunServiceIAM {
    static let handlers: [String: APIHandler] = [
        "run.projects.locations.services.getIamPolicy": getIamPolicy,
        "run.projects.locations.services.setIamPolicy": setIamPolicy,
        "run.projects.locations.services.testIamPermissions": testIamPermissions,
    ]

    private static let initial: JSONValue = ["version": 1, "etag": "BwYAAAAAAAA="]

    private static func getIamPolicy(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, _) = try CloudRunServicesAPI.find(request, state, name: request.path("resource"))
        return .resource(IAMPolicy.answer(IAMPolicy.read(project, resource: name, state: state, initial: initial)))
    }

    private static func setIamPolicy(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, _) = try CloudRunServicesAPI.find(request, state, name: request.path("resource"))
        return .resource(IAMPolicy.answer(try IAMPolicy.write(request, project: project, resource: name, state: &state, initial: initial)))
    }

    private static func testIamPermissions(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        _ = try CloudRunServicesAPI.find(request, state, name: request.path("resource"))
        let asked = (request.body["permissions"]?.arrayValue ?? []).compactMap(\.stringValue)
        let granted = asked.filter { $0.hasPrefix("run.") }
        return .resource(granted.isEmpty ? [:] : ["permissions": .array(granted.map(JSONValue.string))])
    }
}
