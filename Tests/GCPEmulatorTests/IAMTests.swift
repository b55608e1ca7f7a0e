import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct IAMTests {
    let accounts = "/iam/v1/projects/iam-project/serviceAccounts"
    let email = "deployer@iam-project.iam.gserviceaccount.com"

    @Test func serviceAccountsAreCreatedOnceAndFoundByEmailOrWildcard() async throws {
        try await withClient(ungated()) { _, client in
            let created = try await client.post(accounts, json: ["accountId": "deployer", "serviceAccount": ["displayName": "Deployer"]])
            #expect(created.status == 200)
            #expect(created.json["email"] == .string(email))
            #expect(created.json["uniqueId"]?.stringValue?.count == 21)
            #expect(created.json["name"] == .string("projects/iam-project/serviceAccounts/\(email)"))
            let duplicate = try await client.post(accounts, json: ["accountId": "deployer"])
            #expect(duplicate.status == 409)
            #expect(duplicate.errorStatus == "ALREADY_EXISTS")
            let wildcard = try await client.get("/iam/v1/projects/-/serviceAccounts/\(email)")
            #expect(wildcard.json["displayName"] == "Deployer")
            let listed = try await client.get(accounts)
            #expect(listed.json["accounts"]?.arrayValue?.count == 1)
            let patched = try await client.send(
                "PATCH", "/iam/v1/projects/iam-project/serviceAccounts/\(email)",
                json: ["serviceAccount": ["description": "deploys"], "updateMask": "description"])
            #expect(patched.json["description"] == "deploys")
            #expect(try await client.send("DELETE", "/iam/v1/projects/iam-project/serviceAccounts/\(email)").status == 200)
            #expect(try await client.get("/iam/v1/projects/iam-project/serviceAccounts/\(email)").status == 404)
        }
    }

    @Test func createdKeysWorkAtTheTokenEndpointUntilDeleted() async throws {
        try await withClient(ungated()) { emulator, client in
            _ = try await client.post(accounts, json: ["accountId": "deployer"])
            let key = try await client.post("/iam/v1/projects/iam-project/serviceAccounts/\(email)/keys", json: [:])
            #expect(key.status == 200)
            let data = try #require(key.json["privateKeyData"]?.stringValue.flatMap { Data(base64Encoded: $0) })
            let keyFile = try JSONValue.parse(Array(data))
            #expect(keyFile["type"] == "service_account")
            #expect(keyFile["client_email"] == .string(email))
            #expect(keyFile["token_uri"] == .string(emulator.tokenURI))
            let privateKey = try #require(keyFile["private_key"]?.stringValue)
            let now = Int(Date().timeIntervalSince1970)
            let jwt = try signJWT(
                claims: ["iss": .string(email), "scope": "https://www.googleapis.com/auth/cloud-platform",
                    "aud": .string(emulator.tokenURI), "iat": .int(now), "exp": .int(now + 600)],
                privateKeyPEM: privateKey)
            let form = Array("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=\(jwt)".utf8)
            #expect(try await client.send("POST", "/oauth2/token", body: form).status == 200)

            let listed = try await client.get("/iam/v1/projects/iam-project/serviceAccounts/\(email)/keys")
            #expect(listed.json["keys"]?.arrayValue?.count == 1)
            #expect(listed.json["keys"]?.arrayValue?.first?["privateKeyData"] == nil)
            let name = try #require(key.json["name"]?.stringValue)
            #expect(try await client.send("DELETE", "/iam/v1/" + name).status == 200)
            let refused = try await client.send("POST", "/oauth2/token", body: form)
            #expect(refused.json["error_description"] == "Invalid JWT Signature.")
        }
    }

    @Test func anAccountHoldsAtMostTenKeys() async throws {
        try await withClient(ungated()) { _, client in
            _ = try await client.post(accounts, json: ["accountId": "deployer"])
            for _ in 0..<10 {
                let created = try await client.post("/iam/v1/projects/iam-project/serviceAccounts/\(email)/keys", json: [:])
                #expect(created.status == 200)
            }
            let eleventh = try await client.post("/iam/v1/projects/iam-project/serviceAccounts/\(email)/keys", json: [:])
            #expect(eleventh.status == 400)
            #expect(eleventh.errorStatus == "FAILED_PRECONDITION")
        }
    }
}

@Suite struct ResourceManagerTests {
    @Test func projectsGetGivesTheNumberInV1AndV3() async throws {
        try await withClient(ungated()) { _, client in
            let number = ProjectState.projectNumber(for: "crm-project")
            let v1 = try await client.get("/cloudresourcemanager/v1/projects/crm-project")
            #expect(v1.json["projectNumber"] == .string(number))
            #expect(v1.json["lifecycleState"] == "ACTIVE")
            let v3 = try await client.get("/cloudresourcemanager/v3/projects/crm-project")
            #expect(v3.json["name"] == .string("projects/\(number)"))
            #expect(v3.json["projectId"] == "crm-project")
        }
    }

    @Test func setIamPolicyChecksTheEtagAndChangesIt() async throws {
        try await withClient(ungated()) { _, client in
            let path = "/cloudresourcemanager/v1/projects/crm-project"
            let read = try await client.post(path + ":getIamPolicy", json: ["options": ["requestedPolicyVersion": 3]])
            let etag = try #require(read.json["etag"]?.stringValue)
            var policy = read.json
            policy["bindings"] = .array((read.json["bindings"]?.arrayValue ?? []) + [["role": "roles/viewer", "members": ["user:a@example.com"]]])
            policy["version"] = 3
            let written = try await client.post(path + ":setIamPolicy", json: ["policy": policy])
            #expect(written.status == 200)
            #expect(written.json["etag"]?.stringValue != etag)
            #expect(written.json["version"] == 3)
            let stale = try await client.post(path + ":setIamPolicy", json: ["policy": policy])
            #expect(stale.status == 409)
            #expect(stale.errorStatus == "ABORTED")
            #expect(stale.errorMessage.hasPrefix("There were concurrent policy changes"))
            let v3 = try await client.post("/cloudresourcemanager/v3/projects/crm-project:getIamPolicy", json: [:])
            #expect(v3.json["bindings"]?.arrayValue?.contains { $0["role"] == "roles/viewer" } == true)
        }
    }

    /// The etag is a `bytes` field: gcloud sends back the one it read in base64's URL-safe
    /// alphabet (`-` for `+`, `_` for `/`), which Google accepts as the same bytes. Every
    /// etag is tried in both alphabets until one has a `+` or `/` in it.
    @Test func setIamPolicyTakesTheEtagInEitherBase64Alphabet() async throws {
        try await withClient(ungated()) { _, client in
            let path = "/cloudresourcemanager/v1/projects/crm-project"
            for attempt in 0..<64 {
                let read = try await client.post(path + ":getIamPolicy", json: ["options": ["requestedPolicyVersion": 3]])
                let etag = try #require(read.json["etag"]?.stringValue)
                let urlSafe = etag.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                var policy = read.json
                policy["etag"] = .string(urlSafe)
                policy["bindings"] = .array((read.json["bindings"]?.arrayValue ?? []) + [["role": "roles/viewer", "members": [.string("user:u\(attempt)@example.com")]]])
                let written = try await client.post(path + ":setIamPolicy", json: ["policy": policy])
                #expect(written.status == 200, "\(etag) sent as \(urlSafe): \(written.errorMessage)")
                if urlSafe != etag { return }
            }
            Issue.record("no etag with + or / in 64 writes")
        }
    }

    @Test func aNewServiceAccountIsInvisibleToSetIamPolicyUntilItPropagates() async throws {
        let configuration = ungated { $0.iamPropagationSeconds = 30 }
        try await withClient(configuration) { emulator, client in
            _ = try await client.post("/iam/v1/projects/crm-project/serviceAccounts", json: ["accountId": "runner"])
            let member = "serviceAccount:runner@crm-project.iam.gserviceaccount.com"
            let policy: JSONValue = ["bindings": [["role": "roles/run.invoker", "members": .array([.string(member)])]]]
            let early = try await client.post("/cloudresourcemanager/v1/projects/crm-project:setIamPolicy", json: ["policy": policy])
            #expect(early.status == 400)
            #expect(early.errorMessage == "Service account runner@crm-project.iam.gserviceaccount.com does not exist.")
            emulator.advanceClock(seconds: 30)
            let later = try await client.post("/cloudresourcemanager/v1/projects/crm-project:setIamPolicy", json: ["policy": policy])
            #expect(later.status == 200)
        }
    }
}
