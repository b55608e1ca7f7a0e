/// A bucket's IAM policy (`GET` / `PUT storage/v1/b/BUCKET/iam`): Cloud Storage's Policy is
/// the request body itself, carries `kind` and `resourceId`, and starts with the legacy
/// roles every bucket has (the project's owners and editors own it, its viewers read it).
/// Kept in the bucket's project under `b/BUCKET`; gone with the bucket.
enum StorageBucketIAM {
    static let handlers: [String: APIHandler] = [
        "storage.buckets.getIamPolicy": getIamPolicy,
        "storage.buckets.setIamPolicy": setIamPolicy,
    ]

    static func key(_ bucket: String) -> String { "b/\(bucket)" }

    static func initial(project: String) -> JSONValue {
        let number = ProjectState.projectNumber(for: project)
        return [
            "version": 1, "etag": "CAE=",
            "bindings": [
                ["role": "roles/storage.legacyBucketOwner", "members": [.string("projectEditor:\(number)"), .string("projectOwner:\(number)")]],
                ["role": "roles/storage.legacyBucketReader", "members": [.string("projectViewer:\(number)")]],
            ],
        ]
    }

    private static func answer(_ policy: JSONValue, bucket: String) -> JSONValue {
        var answer = IAMPolicy.answer(policy)
        answer["kind"] = "storage#policy"
        answer["resourceId"] = .string("projects/_/buckets/\(bucket)")
        return answer
    }

    private static func getIamPolicy(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let bucket = request.path("bucket")
        let (project, _) = try StorageBucketsAPI.find(bucket, in: state)
        return .resource(answer(IAMPolicy.read(project, resource: key(bucket), state: state, initial: initial(project: project)), bucket: bucket))
    }

    private static func setIamPolicy(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let bucket = request.path("bucket")
        let (project, _) = try StorageBucketsAPI.find(bucket, in: state)
        let written = try IAMPolicy.write(request.body, request: request, project: project, resource: key(bucket), state: &state,
                                          initial: initial(project: project))
        return .resource(answer(written, bucket: bucket))
    }
}
