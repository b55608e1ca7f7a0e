/// `testIamPermissions` on a project, a bucket and a service account: the caller (the
/// project's owner, whatever token it sends) holds every permission asked about, except
/// those a test has denied (`Emulator.denyPermissions`). Google answers the subset held,
/// and `{}` when it is empty.
enum PermissionTests {
    static let handlers: [String: APIHandler] = [
        "storage.buckets.testIamPermissions": bucket,
        "iam.projects.serviceAccounts.testIamPermissions": serviceAccount,
    ]

    static func held(_ asked: [String], state: EmulatorState) -> [String] {
        asked.filter { !state.credentials.deniedPermissions.contains($0) }
    }

    static func answer(_ asked: [String], state: EmulatorState, kind: String? = nil) -> HTTPResponseMessage {
        var body: JSONValue = [:]
        if let kind { body["kind"] = .string(kind) }
        let granted = held(asked, state: state)
        if !granted.isEmpty { body["permissions"] = .array(granted.map(JSONValue.string)) }
        return .resource(body)
    }

    private static func bucket(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let name = request.path("bucket")
        guard state.findResource(StorageBucketsAPI.collection, name) != nil else {
            throw APIError.notFound("The specified bucket does not exist.")
        }
        let asked = request.query.values["permissions"] ?? []
        guard !asked.isEmpty else { throw APIError.invalidArgument("Required parameter: permissions", field: "permissions") }
        return answer(asked, state: state, kind: "storage#testIamPermissionsResponse")
    }

    private static func serviceAccount(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        _ = try IAMServiceAccountsAPI.find(request.path("resource"), in: state)
        return answer((request.body["permissions"]?.arrayValue ?? []).compactMap(\.stringValue), state: state)
    }
}
