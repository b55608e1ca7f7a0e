import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Issue 15 point 7, the emulator's side: identity tokens as IAM Credentials and the
/// metadata server issue them, and a private Cloud Run service that answers only to one
/// for its URL, from an account holding roles/run.invoker: never to an access token.
@Suite struct IdentityTokenTests {
    let services = "/run/v2/projects/run-project/locations/europe-west1/services"
    let image = "europe-west1-docker.pkg.dev/run-project/images/web"
    var host: String { "web-\(ProjectState.projectNumber(for: "run-project")).europe-west1.run.app" }

    static func claims(_ token: String?) -> JSONValue? {
        guard let part = token?.split(separator: ".").dropFirst().first else { return nil }
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text).flatMap { try? JSONValue.parse(Array($0)) }
    }

    @Test func generateIdTokenFollowsGooglesRules() async throws {
        try await withClient { emulator, client in
            emulator.setServices(["iam.googleapis.com"], enabled: true, project: "id-project")
            _ = try await client.post("/iam/v1/projects/id-project/serviceAccounts", json: ["accountId": "runner"])
            let email = "runner@id-project.iam.gserviceaccount.com"
            let path = "/iamcredentials/v1/projects/-/serviceAccounts/\(email):generateIdToken"
            let body: JSONValue = ["audience": "https://web-1.europe-west1.run.app", "includeEmail": true]

            let disabled = try await client.post(path, json: body)
            #expect(disabled.status == 403 && disabled.json["error"]?["details"]?[0]?["reason"] == "SERVICE_DISABLED", "\(disabled.text)")
            emulator.setServices(["iamcredentials.googleapis.com"], enabled: true, project: "id-project")
            let denied = try await client.post(path, json: body)
            #expect(denied.status == 403 && denied.errorMessage.contains("iam.serviceAccounts.getOpenIdToken"), "the project's owner is no token creator: \(denied.text)")
            emulator.addIAMBinding(project: "id-project", role: "roles/iam.serviceAccountOpenIdTokenCreator", member: "user:owner@example.com")
            let minted = try await client.post(path, json: body)
            #expect(minted.status == 200, "\(minted.text)")
            let claims = Self.claims(minted.json["token"]?.stringValue)
            #expect(claims?["aud"] == "https://web-1.europe-west1.run.app")
            #expect(claims?["email"] == .string(email))
            #expect(claims?["iss"] == "https://accounts.google.com")

            #expect(try await client.post("/iamcredentials/v1/projects/id-project/serviceAccounts/\(email):generateIdToken", json: body).status == 400)
            #expect(try await client.post("/iamcredentials/v1/projects/-/serviceAccounts/nobody@id-project.iam.gserviceaccount.com:generateIdToken", json: body).status == 404)
            #expect(try await client.post(path, json: ["includeEmail": true]).status == 400)
        }
    }

    @Test func aPrivateServiceAnswersOnlyAnInvokersIdentityTokenForItsURL() async throws {
        try await withClient(ungated()) { emulator, client in
            emulator.pushImage(image + ":1")
            let body: JSONValue = ["template": ["containers": [["image": .string("\(image):1")]]]]
            _ = try await client.send("PATCH", services + "/web?allowMissing=true", json: body)

            let accessToken = try await client.get("/run.app/\(host)/health")
            #expect(accessToken.status == 401, "an access token is not an identity token")
            let otherAudience = try await client.invoker(in: "run-project", audience: "https://other-1.europe-west1.run.app")
            #expect(try await otherAudience.get("/run.app/\(host)/health").status == 401)
            let stranger = try await client.invoker(in: "run-project", audience: "https://\(host)", account: "stranger", grant: false)
            #expect(try await stranger.get("/run.app/\(host)/health").status == 403)
            let invoker = try await client.invoker(in: "run-project", audience: "https://\(host)")
            #expect(try await invoker.get("/run.app/\(host)/health").status == 200)

            let refusals = emulator.requests().filter { $0.api == "run.app" }.map(\.rejected)
            #expect(refusals.count == 4)
            #expect(refusals[0]?.contains("not an identity token") == true, "\(refusals)")
            #expect(refusals[1]?.contains("an identity token for https://other-1") == true, "\(refusals)")
            #expect(refusals[2]?.contains("holds no roles/run.invoker") == true, "\(refusals)")
            #expect(refusals[3] == nil)
        }
    }

    @Test func theMetadataServerIssuesIdentityTokensForAnAudience() async throws {
        try await withClient { _, client in
            var metadata = client
            metadata.token = nil
            let flavor = ["Metadata-Flavor": "Google"]
            let identity = "/computeMetadata/v1/instance/service-accounts/default/identity"
            #expect(try await metadata.get(identity, headers: flavor).status == 400, "the audience is required")
            let full = try await metadata.get(identity + "?audience=https%3A%2F%2Fweb-1.europe-west1.run.app&format=full", headers: flavor)
            #expect(full.status == 200)
            #expect(Self.claims(full.text)?["aud"] == "https://web-1.europe-west1.run.app")
            #expect(Self.claims(full.text)?["email"]?.stringValue?.hasSuffix("-compute@developer.gserviceaccount.com") == true)
            let standard = try await metadata.get(identity + "?audience=https%3A%2F%2Fweb-1.europe-west1.run.app", headers: flavor)
            #expect(Self.claims(standard.text)?["email"] == nil)
        }
    }
}
