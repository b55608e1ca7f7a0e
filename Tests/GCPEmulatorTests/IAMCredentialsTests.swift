import Foundation
import GCPEmulator
import Testing
import TestSupport

/// IAM Credentials' `generateAccessToken` as Google documents it: `projects/-/…` only, an
/// account that exists, the API enabled, the caller holding getAccessToken on the account
/// (directly or through each delegate), a scope, a lifetime of at most an hour.
@Suite struct IAMCredentialsTests {
    static let project = "demo-project"
    static let deployer = "deployer@demo-project.iam.gserviceaccount.com"

    static func path(_ account: String, project: String = "-") -> String {
        "/iamcredentials/v1/projects/\(project)/serviceAccounts/\(account):generateAccessToken"
    }

    static let body: JSONValue = ["scope": ["https://www.googleapis.com/auth/cloud-platform"]]

    /// The deployer account, and the services impersonation needs.
    static func arrange(_ emulator: Emulator, client: RawHTTPClient) async throws {
        emulator.setServices(["iam.googleapis.com", "iamcredentials.googleapis.com"], enabled: true, project: project)
        for id in ["deployer", "relay-one"] {
            let created = try await client.post("/iam/v1/projects/\(project)/serviceAccounts", json: ["accountId": .string(id)])
            guard created.status == 200 else { throw ArrangeFailed(step: "create \(id)", answer: created.text) }
        }
    }

    static func grant(_ member: String, on account: String, _ emulator: Emulator, role: String = "roles/iam.serviceAccountTokenCreator") {
        emulator.addIAMBinding(project: project, resource: "projects/\(project)/serviceAccounts/\(account)", role: role, member: member)
    }

    @Test func aCallerWithTheRoleGetsATokenForTheAccount() async throws {
        try await withClient { emulator, client in
            try await Self.arrange(emulator, client: client)
            Self.grant("user:owner@example.com", on: Self.deployer, emulator)
            let response = try await client.post(Self.path(Self.deployer), json: ["scope": ["https://www.googleapis.com/auth/cloud-platform"], "lifetime": "1800s"])
            #expect(response.status == 200, "\(response.text)")
            let token = try #require(response.json["accessToken"]?.stringValue)
            let expiry = try #require(response.json["expireTime"]?.stringValue)
            #expect(expiry.hasSuffix("Z"))
            #expect(emulator.mutateState { $0.credentials.principal(of: token) } == .serviceAccount(Self.deployer))
        }
    }

    @Test func theRoleOnTheProjectIsEnoughToo() async throws {
        try await withClient { emulator, client in
            try await Self.arrange(emulator, client: client)
            emulator.addIAMBinding(project: Self.project, role: "roles/iam.serviceAccountTokenCreator", member: "user:owner@example.com")
            #expect(try await client.post(Self.path(Self.deployer), json: Self.body).status == 200)
        }
    }

    @Test func aCallerWithoutTheRoleIsRefused() async throws {
        try await withClient { emulator, client in
            try await Self.arrange(emulator, client: client)
            let response = try await client.post(Self.path(Self.deployer), json: Self.body)
            #expect(response.status == 403)
            #expect(response.errorMessage == "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).")
            #expect(response.json["error"]?["details"]?.arrayValue?.first?["reason"]?.stringValue == "IAM_PERMISSION_DENIED")
        }
    }

    @Test func eachDelegateMustBeAllowedToActForTheNext() async throws {
        try await withClient { emulator, client in
            try await Self.arrange(emulator, client: client)
            let relay = "relay-one@demo-project.iam.gserviceaccount.com"
            Self.grant("user:owner@example.com", on: relay, emulator)
            let body: JSONValue = ["scope": ["https://www.googleapis.com/auth/cloud-platform"],
                                   "delegates": [.string("projects/-/serviceAccounts/\(relay)")]]
            #expect(try await client.post(Self.path(Self.deployer), json: body).status == 403)
            Self.grant("serviceAccount:\(relay)", on: Self.deployer, emulator)
            #expect(try await client.post(Self.path(Self.deployer), json: body).status == 200)
        }
    }

    @Test(arguments: [
        ("a project id instead of -", path(deployer, project: "demo-project"), body, 400, "wildcard character is required"),
        ("an account that does not exist", path("ghost@demo-project.iam.gserviceaccount.com"), body, 404, "Gaia id not found"),
        ("no scope", path(deployer), ["lifetime": "60s"] as JSONValue, 400, "Scope required"),
        ("a lifetime over an hour", path(deployer), ["scope": ["s"], "lifetime": "7200s"] as JSONValue, 400, "at most 3600s"),
        ("an unknown field", path(deployer), ["scope": ["s"], "lifetimeSeconds": 60] as JSONValue, 400, "lifetimeSeconds"),
    ] as [(String, String, JSONValue, Int, String)])
    func aBadRequestIsRefusedAsGoogleRefusesIt(_ name: String, path: String, body: JSONValue, status: Int, message: String) async throws {
        try await withClient { emulator, client in
            try await Self.arrange(emulator, client: client)
            Self.grant("user:owner@example.com", on: Self.deployer, emulator)
            let response = try await client.post(path, json: body)
            #expect(response.status == status, "\(response.text)")
            #expect(response.errorMessage.contains(message), "\(response.text)")
        }
    }

    @Test func theAPIMustBeEnabledInTheAccountsProject() async throws {
        try await withClient { emulator, client in
            try await Self.arrange(emulator, client: client)
            Self.grant("user:owner@example.com", on: Self.deployer, emulator)
            emulator.setServices(["iamcredentials.googleapis.com"], enabled: false, project: Self.project)
            let response = try await client.post(Self.path(Self.deployer), json: Self.body)
            #expect(response.status == 403)
            #expect(response.errorMessage.contains("IAM Service Account Credentials API has not been used in project"), "\(response.text)")
        }
    }

    @Test func theAccountsOwnPolicyIsSetAndReadThroughIAM() async throws {
        try await withClient { emulator, client in
            try await Self.arrange(emulator, client: client)
            let resource = "/iam/v1/projects/\(Self.project)/serviceAccounts/\(Self.deployer)"
            let set = try await client.post(resource + ":setIamPolicy", json: ["policy": ["bindings": [
                ["role": "roles/iam.serviceAccountTokenCreator", "members": ["user:owner@example.com"]],
            ]]])
            #expect(set.status == 200, "\(set.text)")
            let read = try await client.post("/iam/v1/projects/-/serviceAccounts/\(Self.deployer):getIamPolicy")
            #expect(read.json["bindings"]?.arrayValue?.first?["role"]?.stringValue == "roles/iam.serviceAccountTokenCreator")
            #expect(read.json["etag"] == set.json["etag"])
            #expect(try await client.post(Self.path(Self.deployer), json: Self.body).status == 200)
            let ghost = try await client.post("/iam/v1/projects/-/serviceAccounts/ghost@demo-project.iam.gserviceaccount.com:getIamPolicy")
            #expect(ghost.status == 404)
        }
    }
}
