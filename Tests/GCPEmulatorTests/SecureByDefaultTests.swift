import Foundation
import GCPEmulator
import Testing
import TestSupport

/// `--secure-by-default`: an organisation under Google's secure-by-default policies. A build
/// runs as the account it names (or the project's default one, which holds no roles there)
/// and fails as Google's do when that account may not read its source or push; a logs bucket
/// it may not write is refused; allUsers is refused; keys.create is refused. Bucket and
/// repository IAM policies are read and written as Google's are.
@Suite struct SecureByDefaultTests {
    let project = "/projects/build-project"
    let regional = "/cloudbuild/v1/projects/build-project/locations/us-central1/builds"
    let image = "us-central1-docker.pkg.dev/build-project/images/app"
    let account = "builder@build-project.iam.gserviceaccount.com"
    var accountName: String { "projects/build-project/serviceAccounts/\(account)" }

    func secure() -> EmulatorConfiguration { ungated { $0.secureByDefault = true } }

    /// A source bucket with an archive, a logs bucket, the repository and the build account.
    func arrange(_ client: RawHTTPClient) async throws {
        for bucket in ["build-sources", "build-logs"] {
            #expect(try await client.post("/storage/storage/v1/b?project=build-project", json: ["name": .string(bucket)]).status == 200)
        }
        _ = try await client.send("POST", "/storage/upload/storage/v1/b/build-sources/o?uploadType=media&name=src.tgz", body: [1, 2, 3])
        _ = try await client.post("/artifactregistry/v1/projects/build-project/locations/us-central1/repositories?repositoryId=images",
                                  json: ["format": "DOCKER"])
        _ = try await client.post("/iam/v1/projects/build-project/serviceAccounts", json: ["accountId": "builder"])
    }

    func build(account: String?) -> JSONValue {
        var build: JSONValue = [
            "source": ["storageSource": ["bucket": "build-sources", "object": "src.tgz"]],
            "steps": [["name": "gcr.io/cloud-builders/docker", "args": ["build", "-t", .string(image + ":v1"), "."]]],
            "images": [.string(image + ":v1")],
        ]
        if let account {
            build["serviceAccount"] = .string(account)
            build["logsBucket"] = "gs://build-logs"
        }
        return build
    }

    /// Grants `role` to the build account in the policy at `path` (a bucket's `…/iam`, a
    /// repository's `…:getIamPolicy`), as a client would: read, add, write with the etag.
    func grant(_ role: String, bucket: String, _ client: RawHTTPClient) async throws {
        var policy = try await client.get("/storage/storage/v1/b/\(bucket)/iam").json
        #expect(policy["kind"] == "storage#policy")
        policy["bindings"] = .array((policy["bindings"]?.arrayValue ?? []) + [["role": .string(role), "members": [.string("serviceAccount:\(account)")]]])
        let written = try await client.send("PUT", "/storage/storage/v1/b/\(bucket)/iam", json: policy)
        #expect(written.status == 200, "\(written.text)")
    }

    func grantWriter(_ client: RawHTTPClient) async throws {
        let repository = "/artifactregistry/v1/projects/build-project/locations/us-central1/repositories/images"
        var policy = try await client.get(repository + ":getIamPolicy").json
        policy["bindings"] = [["role": "roles/artifactregistry.writer", "members": [.string("serviceAccount:\(account)")]]]
        let written = try await client.post(repository + ":setIamPolicy", json: ["policy": policy])
        #expect(written.status == 200, "\(written.text)")
    }

    func outcome(_ client: RawHTTPClient, _ body: JSONValue) async throws -> JSONValue {
        let started = try await client.post(regional, json: body)
        let id = try #require(started.json["metadata"]?["build"]?["id"]?.stringValue, "\(started.text)")
        return try await client.get(regional + "/\(id)").json
    }

    @Test func theDefaultAccountHoldsNoRolesSoItsBuildCannotFetchItsSource() async throws {
        try await withClient(secure()) { _, client in
            try await arrange(client)
            let build = try await outcome(client, build(account: nil))
            #expect(build["status"] == "FAILURE")
            #expect(build["failureInfo"]?["type"] == "FETCH_SOURCE_FAILED")
            let number = ProjectState.projectNumber(for: "build-project")
            #expect(build["serviceAccount"] == .string("projects/build-project/serviceAccounts/\(number)-compute@developer.gserviceaccount.com"))
            #expect(build["statusDetail"]?.stringValue?.contains("\(number)-compute@developer.gserviceaccount.com does not have storage.objects.get access") == true,
                    "\(build["statusDetail"] ?? .null)")
        }
    }

    @Test func aNamedAccountBuildsOnlyWithReadOnTheSourceWriteOnTheLogsAndThePushRights() async throws {
        try await withClient(secure()) { _, client in
            try await arrange(client)
            // No access to the logs bucket: refused before it starts.
            let refused = try await client.post(regional, json: build(account: accountName))
            #expect(refused.status == 400)
            #expect(refused.errorMessage.contains("invalid logs bucket \"gs://build-logs\": builder service account does not have access to logs bucket"))
            try await grant("roles/storage.admin", bucket: "build-logs", client)

            let unread = try await outcome(client, build(account: accountName))
            #expect(unread["status"] == "FAILURE")
            #expect(unread["statusDetail"]?.stringValue?.contains("\(account) does not have storage.objects.get access") == true)
            try await grant("roles/storage.objectViewer", bucket: "build-sources", client)

            let unpushed = try await outcome(client, build(account: accountName))
            #expect(unpushed["status"] == "FAILURE")
            #expect(unpushed["failureInfo"]?["type"] == "PUSH_FAILED")
            #expect(unpushed["statusDetail"]?.stringValue?.contains("Permission \"artifactregistry.repositories.uploadArtifacts\" denied") == true)
            try await grantWriter(client)

            let built = try await outcome(client, build(account: accountName))
            #expect(built["status"] == "SUCCESS", "\(built["statusDetail"] ?? .null)")
            #expect(built["serviceAccount"] == .string(accountName))
            let log = try await client.get("/storage/storage/v1/b/build-logs/o/log-\(built["id"]?.stringValue ?? "").txt?alt=media")
            #expect(log.status == 200 && log.text.hasPrefix("starting build"), "the log is in the logs bucket")
        }
    }

    @Test func anAccountThatDoesNotExistOrNoLogsSettingIsRefused() async throws {
        try await withClient(secure()) { _, client in
            try await arrange(client)
            let missing = try await client.post(regional, json: build(account: "projects/build-project/serviceAccounts/nobody@build-project.iam.gserviceaccount.com"))
            #expect(missing.status == 400)
            #expect(missing.errorMessage.contains("does not exist"))
            var noLogs = build(account: accountName)
            noLogs["logsBucket"] = nil
            let refused = try await client.post(regional, json: noLogs)
            #expect(refused.status == 400)
            #expect(refused.errorMessage.contains("if 'build.service_account' is specified, the build must either (a) specify 'build.logs_bucket'"))
        }
    }

    @Test func allUsersAndKeyCreationAreRefused() async throws {
        try await withClient(secure()) { _, client in
            try await arrange(client)
            let policy = try await client.get("/storage/storage/v1/b/build-sources/iam").json
            var open = policy
            open["bindings"] = [["role": "roles/storage.objectViewer", "members": ["allUsers"]]]
            let refused = try await client.send("PUT", "/storage/storage/v1/b/build-sources/iam", json: open)
            #expect(refused.status == 400)
            #expect(refused.errorMessage.contains("permitted customer"))
            let key = try await client.post("/iam/v1/\(accountName)/keys", json: [:])
            #expect(key.status == 400)
            #expect(key.errorStatus == "FAILED_PRECONDITION")
            #expect(key.errorMessage == "Key creation is not allowed on this service account.")
            #expect(key.json["error"]?["details"]?[0]?["violations"]?[0]?["type"] == "constraints/iam.disableServiceAccountKeyCreation")
        }
    }

    @Test func withoutSecureByDefaultTheDefaultAccountBuildsAsBefore() async throws {
        try await withClient(ungated()) { _, client in
            try await arrange(client)
            let build = try await outcome(client, build(account: nil))
            #expect(build["status"] == "SUCCESS", "\(build["statusDetail"] ?? .null)")
            let number = ProjectState.projectNumber(for: "build-project")
            #expect(build["serviceAccount"] == .string("projects/build-project/serviceAccounts/\(number)@cloudbuild.gserviceaccount.com"))
        }
    }
}
