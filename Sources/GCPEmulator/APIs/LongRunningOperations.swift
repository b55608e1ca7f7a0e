/// `operations.get` for the APIs whose operations are named
/// `projects/P/locations/L/operations/ID` (Artifact Registry, Cloud Build, Cloud Run).
enum LongRunningOperations {
    static let get: APIHandler = { request, state in
        let project = try request.requireProject()
        let name = request.path("name")
        guard let operation = state.resource(project, OperationEngine.collection, name) else {
            throw APIError.notFound("Operation \(name) not found.")
        }
        return .resource(operation)
    }
}
