/// A repository's IAM policy (`:getIamPolicy` / `:setIamPolicy`), kept under the
/// repository's name and gone with it. A new repository's policy has no bindings: the
/// project's roles reach it from above.
enum ArtifactRegistryIAM {
    static let handlers: [String: APIHandler] = [
        "artifactregistry.projects.locations.repositories.getIamPolicy": getIamPolicy,
        "artifactregistry.projects.locations.repositories.setIamPolicy": setIamPolicy,
    ]

    private static let initial: JSONValue = ["version": 1, "etag": "ACAB"]

    private static func find(_ request: APIRequest, _ state: EmulatorState) throws -> (project: String, name: String) {
        let project = try request.requireProject()
        let name = request.canonical(request.path("resource"))
        guard state.resource(project, ArtifactRegistryAPI.collection, name) != nil else {
            throw APIError.notFound("Requested entity was not found.")
        }
        return (project, name)
    }

    private static func getIamPolicy(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name) = try find(request, state)
        return .resource(IAMPolicy.answer(IAMPolicy.read(project, resource: name, state: state, initial: initial)))
    }

    private static func setIamPolicy(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name) = try find(request, state)
        return .resource(IAMPolicy.answer(try IAMPolicy.write(request, project: project, resource: name, state: &state, initial: initial)))
    }
}
