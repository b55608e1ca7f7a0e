import Foundation

/// Cloud Build v1 builds (global and regional): `builds.create` answers an Operation
/// whose `metadata.build` carries the Build; the build is WORKING until the `build`
/// duration has passed, then SUCCESS, or FAILURE when its `storageSource` object does not
/// exist (or a fault fails it). Follow progress with `builds.get`, as Google advises.
///
/// Operations are named `projects/P/locations/L/operations/ID` (`global` for global builds).
enum CloudBuildAPI {
    static let collection = "cloudbuild.builds"

    static let handlers: [String: APIHandler] = [
        "cloudbuild.projects.builds.create": create,
        "cloudbuild.projects.locations.builds.create": create,
        "cloudbuild.projects.builds.get": get,
        "cloudbuild.projects.locations.builds.get": get,
        "cloudbuild.projects.builds.list": list,
        "cloudbuild.projects.locations.builds.list": list,
        "cloudbuild.projects.locations.operations.get": LongRunningOperations.get,
    ]

    static let operationEffects: [String: OperationEngine.Effect] = [
        "cloudbuild.build": { state, operation, succeeded, now in
            guard let project = operation["@payload"]?["project"]?.stringValue, let id = operation["@target"]?.stringValue,
                var build = state.resource(project, collection, id)
            else { return nil }
            build["status"] = succeeded ? "SUCCESS" : "FAILURE"
            build["finishTime"] = .string(RFC3339.format(now))
            if succeeded {
                let images = build["images"]?.arrayValue?.compactMap(\.stringValue) ?? []
                build["results"] = ["images": .array(images.map { image in
                    ["name": .string(image), "digest": .string("sha256:" + digest(image + id))]
                })]
            } else {
                build["statusDetail"] = .string(operation["@failure"]?.stringValue ?? "Build failed.")
                build["failureInfo"] = ["type": "USER_BUILD_STEP", "detail": build["statusDetail"] ?? ""]
            }
            state.setResource(project, collection, id, build)
            if let name = operation["name"]?.stringValue, var stored = state.resource(project, OperationEngine.collection, name) {
                stored["metadata"]?["build"] = build
                state.setResource(project, OperationEngine.collection, name, stored)
            }
            var response = build
            response["@type"] = "type.googleapis.com/google.devtools.cloudbuild.v1.Build"
            return response
        },
    ]

    private static func digest(_ text: String) -> String {
        let bytes = Checksums.md5(Array(text.utf8)) + Checksums.md5(Array(String(text.reversed()).utf8))
        return bytes.map { String(format: "%02x", $0) }.joined()
    }

    private static func location(_ request: APIRequest) -> String {
        let parts = (request.route.pathParameters["parent"] ?? request.route.pathParameters["name"] ?? "").split(separator: "/")
        return parts.count >= 4 && parts[2] == "locations" ? String(parts[3]) : "global"
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        guard request.body["steps"]?.arrayValue?.isEmpty == false else {
            throw APIError.invalidArgument("Request contains an invalid argument: a build needs at least one step.", field: "steps")
        }
        let logging = request.body["options"]?["logging"]?.stringValue
        if request.body["serviceAccount"] != nil, request.body["logsBucket"] == nil,
            !["CLOUD_LOGGING_ONLY", "NONE"].contains(logging ?? "")
        {
            throw APIError.invalidArgument(
                "if 'build.service_account' is specified, the build must either (a) specify 'build.logs_bucket', (b) use the REGIONAL_USER_OWNED_BUCKET build.options.default_logs_bucket_behavior option, or (c) use either CLOUD_LOGGING_ONLY / NONE logging options")
        }
        var failure: String?
        if let source = request.body["source"]?["storageSource"] {
            let bucket = source["bucket"]?.stringValue ?? ""
            let object = source["object"]?.stringValue ?? ""
            let exists = state.findResource(EmulatorCollections.buckets, bucket).map { owner in
                !state.resources(owner.project, EmulatorCollections.objects, prefix: "\(bucket)/\(object)#").isEmpty
            } ?? false
            if !exists { failure = "failed to fetch source gs://\(bucket)/\(object): object does not exist" }
        }
        let id = UUID().uuidString.lowercased()
        let region = location(request)
        let number = state.projectNumber(project)
        var build = request.body
        build = build.merging([
            "id": .string(id), "name": .string("projects/\(number)/locations/\(region)/builds/\(id)"),
            "projectId": .string(project), "status": "WORKING", "createTime": .string(request.timestamp),
            "startTime": .string(request.timestamp), "timeout": request.body["timeout"] ?? "600s",
            "logUrl": .string("https://console.cloud.google.com/cloud-build/builds;region=\(region)/\(id)?project=\(number)"),
            "logsBucket": request.body["logsBucket"] ?? .string("gs://\(number).cloudbuild-logs.googleusercontent.com"),
        ])
        state.setResource(project, collection, id, build)
        let name = "projects/\(project)/locations/\(region)/operations/\(OperationEngine.newID())"
        let visible: JSONValue = [
            "name": .string(name),
            "metadata": ["@type": "type.googleapis.com/google.devtools.cloudbuild.v1.BuildOperationMetadata", "build": build],
        ]
        let operation = request.startOperation(
            OperationEngine.Start(
                project: project, name: name, style: .longrunning, kind: "build", effect: "cloudbuild.build", target: id,
                payload: ["project": .string(project)], visible: visible, failure: failure),
            state: &state)
        return .resource(operation)
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let id = request.route.pathParameters["id"] ?? request.path("name").split(separator: "/").last.map(String.init) ?? ""
        guard let build = state.resource(project, collection, id) else { throw APIError.notFound("Requested entity was not found.") }
        return .resource(build)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let region = location(request)
        let builds = state.resources(project, collection).map(\.value)
            .filter { $0["name"]?.stringValue?.contains("/locations/\(region)/") == true }
            .sorted { ($0["createTime"]?.stringValue ?? "") > ($1["createTime"]?.stringValue ?? "") }
        return .resource(try request.page(builds).body("builds"))
    }
}
