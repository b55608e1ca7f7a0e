import Foundation

/// Cloud Build v1 builds (global and regional): `builds.create` answers an Operation
/// whose `metadata.build` carries the Build, QUEUED at first; the build is WORKING (its
/// steps in turn) until the `build` duration has passed, then ends as `CloudBuildRun`
/// says. Follow progress with `builds.get`, as Google advises; `builds.cancel` stops it.
///
/// Builds are kept by id; operations are named `projects/P/locations/L/operations/ID`
/// (`global` for global builds).
enum CloudBuildAPI {
    static let collection = "cloudbuild.builds"

    static let handlers: [String: APIHandler] = [
        "cloudbuild.projects.builds.create": create,
        "cloudbuild.projects.locations.builds.create": create,
        "cloudbuild.projects.builds.get": get,
        "cloudbuild.projects.locations.builds.get": get,
        "cloudbuild.projects.builds.list": list,
        "cloudbuild.projects.locations.builds.list": list,
        "cloudbuild.projects.builds.cancel": cancel,
        "cloudbuild.projects.locations.builds.cancel": cancel,
        "cloudbuild.projects.locations.operations.get": getOperation,
    ]

    static let operationEffects: [String: OperationEngine.Effect] = ["cloudbuild.build": CloudBuildRun.finish]

    private static func location(_ request: APIRequest) -> String {
        let parts = (request.route.pathParameters["parent"] ?? request.route.pathParameters["name"] ?? "").split(separator: "/")
        return parts.count >= 4 && parts[2] == "locations" ? String(parts[3]) : "global"
    }

    /// Refuses what Google refuses before a build starts.
    private static func check(_ body: JSONValue) throws {
        let steps = body["steps"]?.arrayValue ?? []
        guard !steps.isEmpty else {
            throw APIError.invalidArgument("Request contains an invalid argument: a build needs at least one step.", field: "steps")
        }
        for (index, step) in steps.enumerated() where step["name"]?.stringValue?.isEmpty != false {
            throw APIError.invalidArgument("invalid build: build step \(index) must specify name", field: "steps[\(index)].name")
        }
        for (index, image) in (body["images"]?.arrayValue ?? []).enumerated() where image.stringValue?.isEmpty != false {
            throw APIError.invalidArgument("invalid build: images[\(index)] must name an image", field: "images[\(index)]")
        }
        if let source = body["source"]?["storageSource"],
            source["bucket"]?.stringValue?.isEmpty != false || source["object"]?.stringValue?.isEmpty != false
        {
            throw APIError.invalidArgument("invalid build: source.storageSource needs a bucket and an object", field: "source.storageSource")
        }
        let logging = body["options"]?["logging"]?.stringValue
        if body["serviceAccount"] != nil, body["logsBucket"] == nil, !["CLOUD_LOGGING_ONLY", "NONE"].contains(logging ?? "") {
            throw APIError.invalidArgument(
                "if 'build.service_account' is specified, the build must either (a) specify 'build.logs_bucket', (b) use the REGIONAL_USER_OWNED_BUCKET build.options.default_logs_bucket_behavior option, or (c) use either CLOUD_LOGGING_ONLY / NONE logging options")
        }
    }

    /// Why fetching the build's source fails, or nil when it is there (or not in Cloud
    /// Storage): it does not exist, or the build's account may not read it.
    private static func sourceFailure(_ body: JSONValue, identity: BuildIdentity, project: String, request: APIRequest,
                                      state: EmulatorState) -> String? {
        guard let source = body["source"]?["storageSource"] else { return nil }
        let bucket = source["bucket"]?.stringValue ?? ""
        let object = source["object"]?.stringValue ?? ""
        guard let owner = state.findResource(EmulatorCollections.buckets, bucket),
            state.resources(owner.project, EmulatorCollections.objects, prefix: "\(bucket)/\(object)#").contains(where: { $0.value["@live"] == true })
        else { return "failed to fetch source gs://\(bucket)/\(object): storage: object doesn't exist" }
        guard identity.may("storage.objects.get", on: StorageBucketIAM.key(bucket), in: owner.project, project: project, state: state,
                           secureByDefault: request.configuration.secureByDefault)
        else {
            return "failed to fetch source gs://\(bucket)/\(object): googleapi: Error 403: \(identity.email) does not have storage.objects.get access to the Google Cloud Storage object. Permission 'storage.objects.get' denied on resource (or it may not exist)., forbidden"
        }
        return nil
    }

    /// 400 for an account that cannot run builds here: one that does not exist, or one
    /// without access to the logs bucket the build names.
    private static func checkIdentity(_ identity: BuildIdentity, body: JSONValue, project: String, request: APIRequest,
                                      state: EmulatorState) throws {
        if identity.isNamed {
            let named = body["serviceAccount"]?.stringValue ?? ""
            guard named.hasPrefix("projects/"), (try? IAMServiceAccountsAPI.find(named, in: state)) != nil else {
                throw APIError.invalidArgument(
                    "invalid value for 'build.service_account': service account \(named) does not exist (use projects/PROJECT/serviceAccounts/EMAIL)",
                    field: "serviceAccount")
            }
        }
        guard let logs = body["logsBucket"]?.stringValue, !CloudBuildLog.loggingElsewhere.contains(body["options"]?["logging"]?.stringValue ?? ""),
            let bucket = logs.dropFirst("gs://".count).split(separator: "/").first.map(String.init),
            !bucket.hasSuffix(".cloudbuild-logs.googleusercontent.com")
        else { return }
        guard let owner = state.findResource(EmulatorCollections.buckets, bucket) else {
            throw APIError.invalidArgument("invalid logs bucket \"\(logs)\": bucket \"\(bucket)\" does not exist", field: "logsBucket")
        }
        guard identity.may("storage.objects.create", on: StorageBucketIAM.key(bucket), in: owner.project, project: project, state: state,
                           secureByDefault: request.configuration.secureByDefault)
        else {
            throw APIError.invalidArgument(
                "invalid logs bucket \"\(logs)\": builder service account does not have access to logs bucket \"\(bucket)\"", field: "logsBucket")
        }
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        try check(request.body)
        let identity = BuildIdentity.of(request.body, project: project, state: state, secureByDefault: request.configuration.secureByDefault)
        try checkIdentity(identity, body: request.body, project: project, request: request, state: state)
        let id = UUID().uuidString.lowercased()
        let region = location(request)
        let number = state.projectNumber(project)
        let timeout = request.body["timeout"]?.stringValue ?? "600s"
        guard let timeoutSeconds = Double(timeout.dropLast()), timeout.hasSuffix("s"), timeoutSeconds > 0 else {
            throw APIError.invalidArgument("Invalid value at 'build.timeout' (type.googleapis.com/google.protobuf.Duration), \"\(timeout)\"", field: "timeout")
        }
        let duration = request.configuration.operationDuration(kind: "build")
        var build = request.body.merging([
            "id": .string(id), "name": .string("projects/\(number)/locations/\(region)/builds/\(id)"),
            "projectId": .string(project), "status": "WORKING", "createTime": .string(request.timestamp),
            "startTime": .string(request.timestamp), "timeout": .string(timeout),
            "logUrl": .string("https://console.cloud.google.com/cloud-build/builds;region=\(region)/\(id)?project=\(number)"),
            "logsBucket": request.body["logsBucket"] ?? .string("gs://" + CloudBuildLog.defaultBucket(projectNumber: number)),
            "@startedAt": .double(request.now.timeIntervalSince1970),
            "@doneAt": .double(request.now.timeIntervalSince1970 + min(duration, timeoutSeconds)),
        ])
        build["options"] = build["options"] ?? ["logging": "LEGACY"]
        // Google shows the account every build ran as.
        build["serviceAccount"] = .string(identity.resourceName(project: project))
        if !identity.isNamed { build["@defaultAccount"] = true }
        if request.configuration.secureByDefault { build["@secureByDefault"] = true }
        var failure = sourceFailure(request.body, identity: identity, project: project, request: request, state: state)
        if failure != nil {
            build["@failureType"] = "FETCH_SOURCE_FAILED"
        } else if let injected = request.injectedOperationFailure,
            let status = CloudBuildRun.infrastructureStatuses.first(where: { injected.hasPrefix($0) })
        {
            // A `failOperation` fault whose message starts with INTERNAL_ERROR or EXPIRED
            // ends the build so: a failure of Google's, not of the build's steps.
            build["@failureType"] = .string(status)
        } else if duration > timeoutSeconds {
            build["@failureType"] = "TIMEOUT"
            failure = "Build timeout: the build ran longer than its timeout of \(timeout)."
        }
        let name = "projects/\(project)/locations/\(region)/operations/\(OperationEngine.newID())"
        build["@operation"] = .string(name)
        // A fault-rate failure strikes a build of this source once: retrying it (a new build
        // of the same source) succeeds, as docs/emulator.md promises for every operation.
        let source = request.body[path: "source.storageSource"].map {
            "build of gs://\($0["bucket"]?.stringValue ?? "")/\($0["object"]?.stringValue ?? "")"
        }
        state.setResource(project, collection, id, build)
        CloudBuildLog.start(build, request: request, state: &state)
        var queued = build.publicView
        queued["status"] = "QUEUED"
        queued["startTime"] = nil
        let visible: JSONValue = ["name": .string(name), "metadata": CloudBuildRun.metadata(queued)]
        let operation = request.startOperation(
            OperationEngine.Start(
                project: project, name: name, style: .longrunning, kind: "build", effect: "cloudbuild.build", target: id,
                payload: ["project": .string(project)], visible: visible, failure: failure, faultTarget: source),
            state: &state)
        return .resource(operation)
    }

    private static func find(_ request: APIRequest, _ state: EmulatorState) throws -> (project: String, id: String, build: JSONValue) {
        let project = try request.requireProject()
        let id = request.route.pathParameters["id"] ?? request.path("name").split(separator: "/").last.map(String.init) ?? ""
        guard let build = state.resource(project, collection, id) else { throw APIError.notFound("Requested entity was not found.") }
        return (project, id, build)
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(CloudBuildRun.view(try find(request, state).build, now: request.now))
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let region = location(request)
        let filter = try ListFilter(request.query["filter"])
        let builds = state.resources(project, collection).map { CloudBuildRun.view($0.value, now: request.now) }
            .filter { $0["name"]?.stringValue?.contains("/locations/\(region)/") == true && filter.matches($0) }
            .sorted { ($0["createTime"]?.stringValue ?? "") > ($1["createTime"]?.stringValue ?? "") }
        return .resource(try request.page(builds, defaultSize: 50).body("builds"))
    }

    /// Stops a build that is still running: CANCELLED, its operation done with CANCELLED.
    /// A finished build cannot be cancelled (400).
    private static func cancel(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, id, build) = try find(request, state)
        guard build["status"] == "WORKING", let operation = build["@operation"]?.stringValue else {
            throw APIError.failedPrecondition("Build \(id) is not running (status \(build["status"]?.stringValue ?? "")); only a running build can be cancelled.")
        }
        var cancelled = CloudBuildRun.view(build, now: request.now)
        cancelled["status"] = "CANCELLED"
        state.setResource(project, collection, id, cancelled)
        OperationEngine.finishNow(project: project, name: operation, failure: "Build was cancelled", code: 1, state: &state, now: request.now)
        return .resource(state.resource(project, collection, id) ?? cancelled)
    }

    /// The operation, its `metadata.build` showing the build as it is now.
    private static func getOperation(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let name = request.path("name")
        guard var operation = state.resource(project, OperationEngine.collection, name) else {
            throw APIError.notFound("Operation \(name) not found.")
        }
        if let id = operation["@target"]?.stringValue, operation["done"] == false, let build = state.resource(project, collection, id) {
            operation["metadata"] = CloudBuildRun.metadata(CloudBuildRun.view(build, now: request.now))
        }
        return .resource(operation)
    }
}
