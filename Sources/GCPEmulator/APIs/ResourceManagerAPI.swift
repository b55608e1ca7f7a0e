/// Cloud Resource Manager v1 and v3: a project's number and its IAM policy.
enum ResourceManagerAPI {
    static let handlers: [String: APIHandler] = [
        "cloudresourcemanager.projects.get": get,
        "cloudresourcemanager.projects.getIamPolicy": getIamPolicy,
        "cloudresourcemanager.projects.setIamPolicy": setIamPolicy,
        "cloudresourcemanager.projects.testIamPermissions": testIamPermissions,
    ]

    /// Every project starts with one owner, as one created in the console does.
    static let initialPolicy: JSONValue = [
        "version": 1, "etag": "BwYAAAAAAAA=",
        "bindings": [["role": "roles/owner", "members": ["user:owner@example.com"]]],
    ]

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let number = state.projectNumber(project)
        if request.route.document.version == "v1" {
            return .resource([
                "projectNumber": .string(number), "projectId": .string(project), "lifecycleState": "ACTIVE",
                "name": .string(project), "createTime": "2024-01-01T00:00:00.000Z",
            ])
        }
        return .resource([
            "name": .string("projects/\(number)"), "projectId": .string(project), "state": "ACTIVE",
            "displayName": .string(project), "createTime": "2024-01-01T00:00:00.000Z", "etag": "W/\"emulator\"",
        ])
    }

    private static func getIamPolicy(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let requested = request.body["options"]?["requestedPolicyVersion"]?.intValue ?? 0
        guard [0, 1, 3].contains(requested) else {
            throw APIError.invalidArgument("Invalid requested policy version: \(requested).", field: "options.requestedPolicyVersion")
        }
        let policy = IAMPolicy.read(project, resource: "projects/\(project)", state: state, initial: initialPolicy)
        return .resource(IAMPolicy.answer(policy))
    }

    private static func setIamPolicy(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let policy = try IAMPolicy.write(request, project: project, resource: "projects/\(project)", state: &state, initial: initialPolicy)
        return .resource(IAMPolicy.answer(policy))
    }

    /// The caller holds every permission it asks about.
    private static func testIamPermissions(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        PermissionTests.answer((request.body["permissions"]?.arrayValue ?? []).compactMap(\.stringValue), state: state)
    }
}
