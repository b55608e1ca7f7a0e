/// `operations.get`, `list` and `delete` for the APIs whose operations are named
/// `projects/P/locations/L/operations/ID` (Artifact Registry, Cloud Build, Cloud Run).
enum LongRunningOperations {
    static let get: APIHandler = { request, state in
        let name = request.canonical(request.path("name"))
        guard let operation = state.resource(try request.requireProject(), OperationEngine.collection, name) else {
            throw APIError.notFound("Operation \(name) not found.")
        }
        return .resource(operation)
    }

    /// The operations of one location (`name` is `projects/P/locations/L`), newest first,
    /// filtered (`done=false`) and paged.
    static let list: APIHandler = { request, state in
        let project = try request.requireProject()
        let filter = try ListFilter(request.query["filter"])
        let operations = state.resources(project, OperationEngine.collection, prefix: request.canonical(request.path("name")) + "/operations/")
            .map(\.value).filter(filter.matches)
            .sorted { ($0["@doneAt"]?.doubleValue ?? 0) > ($1["@doneAt"]?.doubleValue ?? 0) }
        return .resource(try request.page(operations, defaultSize: 100).body("operations"))
    }

    /// Forgets an operation (it goes on if still running, as Google's does).
    static let delete: APIHandler = { request, state in
        let project = try request.requireProject()
        let name = request.canonical(request.path("name"))
        guard state.removeResource(project, OperationEngine.collection, name) != nil else {
            throw APIError.notFound("Operation \(name) not found.")
        }
        return .empty
    }
}
