import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

/// Service account impersonation against the emulator's IAM Credentials: gcloud's
/// impersonated_service_account files, delegation chains, and impersonation on top of any
/// credentials (`--impersonate-service-account`, `GCPCTL_IMPERSONATE_SERVICE_ACCOUNT`).
@Suite struct ImpersonatedCredentialsTests {
    static let generateAccessToken = "iamcredentials.projects.serviceAccounts.generateAccessToken"

    /// Service accounts `ids` in `project`, with the APIs impersonation needs.
    static func accounts(_ ids: [String], on emulator: Emulator, project: String = "demo-project") async throws -> [String] {
        emulator.setServices(["iam.googleapis.com", "iamcredentials.googleapis.com"], enabled: true, project: project)
        var emails: [String] = []
        for id in ids {
            let created = try await RawHTTPClient(port: emulator.port).post("/iam/v1/projects/\(project)/serviceAccounts",
                                                                            json: ["accountId": .string(id)])
            guard created.status == 200 else { throw ArrangeFailed(step: "create \(id)", answer: created.text) }
            emails.append("\(id)@\(project).iam.gserviceaccount.com")
        }
        return emails
    }

    static func tokenCreator(_ member: String, on account: String, _ emulator: Emulator, project: String = "demo-project") {
        emulator.addIAMBinding(project: project, resource: "projects/\(project)/serviceAccounts/\(account)",
                               role: "roles/iam.serviceAccountTokenCreator", member: member)
    }

    @Test func gcloudsImpersonatedFileUsesItsSourceCredentials() async throws {
        try await withEmulator { emulator in
            let deployer = try await Self.accounts(["deployer"], on: emulator)[0]
            Self.tokenCreator(TokenPrincipal.owner.member, on: deployer, emulator)
            emulator.registerRefreshToken(clientID: "c", clientSecret: "s", refreshToken: "r")
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = try directory.write("adc.json", """
            {"type":"impersonated_service_account","delegates":[],
             "service_account_impersonation_url":"https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/\(deployer):generateAccessToken",
             "source_credentials":{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"r"}}
            """)
            emulator.clearRequests()
            let connection = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path])
            #expect(connection.credentials.source == .impersonated(email: deployer, by: .authorizedUser(path: path)))
            #expect(connection.client.quotaProject == nil, "a service account bills its own project")
            _ = try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
            #expect(emulator.requests(methodID: "oauth2.token").map(\.status) == [200], "the refresh token was traded once")
            let generate = try #require(emulator.requests(methodID: Self.generateAccessToken).first)
            #expect(generate.status == 200 && generate.bearer)
            #expect(generate.body?["delegates"] == nil)
        }
    }

    @Test func aDelegationChainIsSentAndChecked() async throws {
        try await withEmulator { emulator in
            let emails = try await Self.accounts(["relay-one", "deployer"], on: emulator)
            let (relay, deployer) = (emails[0], emails[1])
            Self.tokenCreator(TokenPrincipal.owner.member, on: relay, emulator)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = try directory.write("adc.json", """
            {"type":"impersonated_service_account","delegates":["\(relay)"],
             "service_account_impersonation_url":"https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/\(deployer):generateAccessToken",
             "source_credentials":{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"r"}}
            """)
            emulator.registerRefreshToken(clientID: "c", clientSecret: "s", refreshToken: "r")
            let refused = await #expect(throws: CredentialsError.self) {
                _ = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path]).client.tokens.token()
            }
            #expect(refused?.description.contains("(403)") == true, "the relay may not yet act for the deployer")
            Self.tokenCreator("serviceAccount:\(relay)", on: deployer, emulator)
            emulator.clearRequests()
            _ = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path]).client.tokens.token()
            let generate = try #require(emulator.requests(methodID: Self.generateAccessToken).first)
            #expect(generate.status == 200)
            #expect(generate.body?["delegates"] == [.string("projects/-/serviceAccounts/\(relay)")])
        }
    }

    @Test func theFlagImpersonatesOnTopOfAnyCredentials() async throws {
        try await withEmulator { emulator in
            let deployer = try await Self.accounts(["deployer"], on: emulator)[0]
            let environment = emulatorEnvironment(emulator, ["GCPCTL_ACCESS_TOKEN": "operator-token"])
            let refused = await #expect(throws: CredentialsError.self) {
                let provider = try await CredentialChain(environment: environment, impersonate: deployer).resolve(transport: CurlTransport())
                _ = try await provider.fetchToken(transport: CurlTransport())
            }
            let text = refused?.description ?? ""
            #expect(text.contains("Could not impersonate \(deployer) with the access token in GCPCTL_ACCESS_TOKEN (403)"), "\(text)")
            #expect(text.contains("roles/iam.serviceAccountTokenCreator on \(deployer)"))

            Self.tokenCreator(TokenPrincipal.owner.member, on: deployer, emulator)
            let provider = try await CredentialChain(environment: environment, impersonate: deployer).resolve(transport: CurlTransport())
            #expect(provider.source == .impersonated(email: deployer, by: .accessToken(variable: "GCPCTL_ACCESS_TOKEN")))
            let token = try await provider.fetchToken(transport: CurlTransport())
            #expect(token.value.hasPrefix("ya29.emulator-"))
            #expect(token.expiresAt.map { $0.timeIntervalSinceNow > 3000 } == true, "the expiry is the answer's expireTime")
            #expect(try await provider.projectID(transport: CurlTransport()) == "demo-project")

            let variable = try await CredentialChain(environment: environment.merging(["GCPCTL_IMPERSONATE_SERVICE_ACCOUNT": deployer]) { $1 })
                .resolve(transport: CurlTransport())
            #expect(variable.source == provider.source)
        }
    }

    @Test(arguments: [
        ("not-an-email", "--impersonate-service-account names \"not-an-email\""),
        ("a@b/../c.iam.gserviceaccount.com", "which is not a service account email"),
    ])
    func anImpersonationTargetMustBeAnEmail(target: String, message: String) async throws {
        let error = await #expect(throws: CredentialsError.self) {
            _ = try await CredentialChain(environment: ["GCPCTL_ACCESS_TOKEN": "t"], impersonate: target).resolve(transport: CurlTransport())
        }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test func anAccountThatDoesNotExistIsSaidSo() async throws {
        try await withEmulator { emulator in
            _ = try await Self.accounts([], on: emulator)
            let missing = "ghost@demo-project.iam.gserviceaccount.com"
            let error = await #expect(throws: CredentialsError.self) {
                let provider = try await CredentialChain(environment: emulatorEnvironment(emulator, ["GCPCTL_ACCESS_TOKEN": "t"]),
                                                         impersonate: missing).resolve(transport: CurlTransport())
                _ = try await provider.fetchToken(transport: CurlTransport())
            }
            #expect(error?.description.contains("(404)") == true && error?.description.contains("does not exist") == true,
                    "\(String(describing: error))")
        }
    }
}
