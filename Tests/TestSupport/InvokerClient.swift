import GCPEmulator

extension RawHTTPClient {
    /// A client that calls a project's private Cloud Run services as Cloud Run expects: a
    /// service account `invoker` holding `roles/run.invoker` on the project (unless not
    /// `grant`), with an identity token for `audience` (a service's URL) from IAM Credentials,
    /// which this client's own token (the project's owner) may mint as an OpenID token creator.
    public func invoker(in project: String, audience: String, account: String = "invoker", grant: Bool = true) async throws -> RawHTTPClient {
        let email = "\(account)@\(project).iam.gserviceaccount.com"
        _ = try await post("/iam/v1/projects/\(project)/serviceAccounts", json: ["accountId": .string(account)])
        let current = try await post("/cloudresourcemanager/v1/projects/\(project):getIamPolicy", json: [:]).json
        var bindings = current["bindings"]?.arrayValue ?? []
        bindings.append(["role": "roles/iam.serviceAccountOpenIdTokenCreator", "members": ["user:owner@example.com"]])
        if grant { bindings.append(["role": "roles/run.invoker", "members": [.string("serviceAccount:\(email)")]]) }
        _ = try await post("/cloudresourcemanager/v1/projects/\(project):setIamPolicy",
                           json: ["policy": ["bindings": .array(bindings), "etag": current["etag"] ?? .null]])
        let minted = try await post("/iamcredentials/v1/projects/-/serviceAccounts/\(email):generateIdToken",
                                    json: ["audience": .string(audience), "includeEmail": true])
        var client = self
        client.token = minted.json["token"]?.stringValue
        return client
    }
}
