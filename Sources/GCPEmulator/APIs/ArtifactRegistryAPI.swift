/// Artifact Registry v1 repositories: created and deleted through long-running
/// operations (the `artifactregistry` duration), patched synchronously with an
/// `updateMask`. A repository appears once its create operation is done.
enum ArtifactRegistryAPI {
    static let collection = "artifactregistry.repositories"

    static let handlers: [String: APIHandler] = [
        "artifactregistry.projects.locations.repositories.create": create,
        "artifactregistry.projects.locations.repositories.get": get,
        "artifactregistry.projects.locations.repositories.list": list,
        "artifactregistry.projects.locations.repositories.patch": patch,
        "artifactregistry.projects.locations.repositories.delete": delete,
        "artifactregistry.projects.locations.operations.get": LongRunningOperations.get,
    ]

    static let operationEffects: [String: OperationEngine.Effect] = [
        "artifactregistry.create": { state, operation, succeeded, now in
            guard succeeded, let project = operation["@payload"]?["project"]?.stringValue,
                var repository = operation["@payload"]?["repository"], let name = repository["name"]?.stringValue
            else { return nil }
            repository["createTime"] = .string(RFC3339.format(now))
            repository["updateTime"] = .string(RFC3339.format(now))
            state.setResource(project, collection, name, repository)
            var response = repository
            response["@type"] = "type.googleapis.com/google.devtools.artifactregistry.v1.Repository"
            return response
        },
        "artifactregistry.delete": { state, operation, succeeded, _ in
            guard succeeded, let project = operation["@payload"]?["project"]?.stringValue,
                let name = operation["@target"]?.stringValue
            else { return nil }
            state.removeResource(project, collection, name)
            state.removeResource(project, IAMPolicy.collection, name)
            // A repository's packages and images go with it.
            for image in state.resources(project, DockerImages.collection, prefix: name + "/") {
                state.removeResource(project, DockerImages.collection, image.name)
            }
            return ["@type": "type.googleapis.com/google.protobuf.Empty"]
        },
    ]

    static let writableFields: Set = [
        "format", "description", "labels", "mode", "dockerConfig", "mavenConfig", "cleanupPolicies",
        "cleanupPolicyDryRun", "kmsKeyName", "remoteRepositoryConfig", "virtualRepositoryConfig",
        "vulnerabilityScanningConfig", "platformLogsConfig", "disallowUnspecifiedMode",
    ]
    static let patchableFields: Set = ["description", "labels", "cleanupPolicies", "cleanupPolicyDryRun", "dockerConfig", "vulnerabilityScanningConfig"]

    private static func isValidID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...63).contains(bytes.count), let first = bytes.first, (97...122).contains(first), bytes.last != UInt8(ascii: "-") else {
            return false
        }
        return bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
    }

    private static func find(_ request: APIRequest, _ state: EmulatorState) throws -> (project: String, name: String, repository: JSONValue) {
        let project = try request.requireProject()
        let name = request.path("name")
        guard let repository = state.resource(project, collection, name) else {
            throw APIError.notFound("Requested entity was not found.")
        }
        return (project, name, repository)
    }

    private static func startOperation(
        _ request: APIRequest, _ state: inout EmulatorState, project: String, location: String, effect: String,
        target: String, payload: JSONValue
    ) -> JSONValue {
        let name = "projects/\(project)/locations/\(location)/operations/\(OperationEngine.newID())"
        let visible: JSONValue = [
            "name": .string(name),
            "metadata": ["@type": "type.googleapis.com/google.devtools.artifactregistry.v1.OperationMetadata"],
        ]
        return request.startOperation(
            OperationEngine.Start(
                project: project, name: name, style: .longrunning, kind: "artifactregistry", effect: effect,
                target: target, payload: payload, visible: visible),
            state: &state)
    }

    /// The repository as Google shows it: `sizeBytes` is the total of the images in it.
    private static func view(_ repository: JSONValue, project: String, state: EmulatorState) -> JSONValue {
        guard let name = repository["name"]?.stringValue else { return repository }
        let total = state.resources(project, DockerImages.collection, prefix: name + "/")
            .reduce(Int64(0)) { $0 + ($1.value["imageSizeBytes"]?.stringValue.flatMap { Int64($0) } ?? 0) }
        var view = repository
        view["sizeBytes"] = .string(String(total))
        return view
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let parent = request.path("parent")
        guard let id = request.query["repositoryId"], isValidID(id) else {
            throw APIError.invalidArgument(
                "repositoryId must start with a lowercase letter and hold only lowercase letters, digits and hyphens.",
                field: "repositoryId")
        }
        guard let format = request.body["format"]?.stringValue, format != "FORMAT_UNSPECIFIED" else {
            throw APIError.invalidArgument("Repository format is required.", field: "format")
        }
        let name = "\(parent)/repositories/\(id)"
        guard state.resource(project, collection, name) == nil else {
            throw APIError.alreadyExists("the repository already exists")
        }
        let location = parent.split(separator: "/").last.map(String.init) ?? ""
        var repository = JSONValue.object(request.body.objectValue?.filter { writableFields.contains($0.key) } ?? [:])
        repository["name"] = .string(name)
        repository["mode"] = repository["mode"] ?? "STANDARD_REPOSITORY"
        repository["sizeBytes"] = "0"
        repository["satisfiesPzs"] = false
        if format == "DOCKER" { repository["registryUri"] = .string("\(location)-docker.pkg.dev/\(project)/\(id)") }
        let operation = startOperation(
            request, &state, project: project, location: location, effect: "artifactregistry.create", target: name,
            payload: ["project": .string(project), "repository": repository])
        return .resource(operation)
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, _, repository) = try find(request, state)
        return .resource(view(repository, project: project, state: state))
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let repositories = state.resources(project, collection, prefix: request.path("parent") + "/repositories/")
            .map { view($0.value, project: project, state: state) }
        return .resource(try request.page(repositories, defaultSize: 1000).body("repositories"))
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, repository) = try find(request, state)
        let fields = request.query["updateMask"].map { $0.split(separator: ",").map(String.init) }
            ?? request.body.objectValue?.keys.filter { patchableFields.contains($0) } ?? []
        var updated = repository
        for field in fields {
            guard patchableFields.contains(field) else {
                throw APIError.invalidArgument("Field \(field) cannot be updated.", field: "updateMask")
            }
            updated[field] = request.body[field]
        }
        updated["updateTime"] = .string(request.timestamp)
        state.setResource(project, collection, name, updated)
        return .resource(updated)
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, _) = try find(request, state)
        let location = name.split(separator: "/").dropFirst(3).first.map(String.init) ?? ""
        return .resource(startOperation(
            request, &state, project: project, location: location, effect: "artifactregistry.delete", target: name,
            payload: ["project": .string(project)]))
    }
}
