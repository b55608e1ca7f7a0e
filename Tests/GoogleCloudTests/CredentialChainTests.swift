import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

/// Each credential source, end to end: the chain picks it, the token comes from the
/// emulator (which verifies JWT signatures), and an API call carries it.
@Suite struct CredentialChainTests {
    @Test func accessTokenVariablesComeFirst() async throws {
        try await withEmulator { emulator in
            let connection = try await connect(emulator, ["GCPCTL_ACCESS_TOKEN": "from-gcpctl", "CLOUDSDK_AUTH_ACCESS_TOKEN": "from-gcloud"])
            #expect(connection.credentials.source == .accessToken(variable: "GCPCTL_ACCESS_TOKEN"))
            let gcloud = try await connect(emulator, ["CLOUDSDK_AUTH_ACCESS_TOKEN": "from-gcloud"])
            #expect(gcloud.credentials.source == .accessToken(variable: "CLOUDSDK_AUTH_ACCESS_TOKEN"))
            _ = try await ServiceUsageAPI(gcloud.client).enabledServices(project: "demo-project")
            #expect(emulator.tokenGrantCount == 0)
        }
    }

    @Test func serviceAccountKeySignsAJWTTheEmulatorVerifies() async throws {
        try await withEmulator { emulator in
            try await withServiceAccountKey(on: emulator, email: "deployer@key-project.iam.gserviceaccount.com") { path, account in
            let connection = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path])
            #expect(connection.credentials.source == .serviceAccountKey(path: path, email: account.email))
            #expect(await connection.credentialsProject() == "key-project")
            let services = try await ServiceUsageAPI(connection.client).enabledServices(project: "key-project")
            #expect(services.contains("storage.googleapis.com"))
            #expect(emulator.tokenGrantCount == 1)
            }
        }
    }

    @Test func aKeyTheTokenEndpointDoesNotTrustIsRejectedClearly() async throws {
        try await withEmulator { emulator in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let trusted = try TestServiceAccount.make(on: emulator, email: "sa@p.iam.gserviceaccount.com")
            // Same account, another key: the signature will not verify.
            var impostor = try TestServiceAccount.make(on: emulator, email: "impostor@p.iam.gserviceaccount.com")
            impostor.email = trusted.email
            let path = try impostor.writeKeyFile(in: directory, emulator: emulator)
            let connection = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path])
            let error = await #expect(throws: CredentialsError.self) {
                try await ServiceUsageAPI(connection.client).enabledServices(project: "p")
            }
            guard case .tokenRejected(_, let status, let reason)? = error else {
                Issue.record("expected tokenRejected, got \(String(describing: error))")
                return
            }
            #expect(status == 400)
            #expect(reason.contains("Invalid JWT Signature"))
            #expect(error?.description.contains(path) == true)
        }
    }

    @Test func authorizedUserTradesItsRefreshToken() async throws {
        try await withEmulator { emulator in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            emulator.registerRefreshToken(clientID: "client-1", clientSecret: "secret-1", refreshToken: "refresh-1")
            let path = try directory.write("adc.json", """
            {"type":"authorized_user","client_id":"client-1","client_secret":"secret-1","refresh_token":"refresh-1","quota_project_id":"quota-p"}
            """)
            let connection = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path])
            #expect(connection.credentials.source == .authorizedUser(path: path))
            #expect(connection.client.quotaProject == "quota-p")
            _ = try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
            #expect(emulator.tokenGrantCount == 1)
        }
    }

    @Test func gcloudApplicationDefaultCredentialsAreFoundInTheConfigDirectory() async throws {
        try await withEmulator { emulator in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            emulator.registerRefreshToken(clientID: "c", clientSecret: "s", refreshToken: "r")
            try directory.write("application_default_credentials.json",
                                #"{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"r"}"#)
            let connection = try await connect(emulator, ["CLOUDSDK_CONFIG": directory.path])
            #expect(connection.credentials.source == .authorizedUser(path: directory.path + "/application_default_credentials.json"))
            _ = try await ServiceUsageAPI(connection.client).enabledServices(project: "demo-project")
        }
    }

    @Test func metadataServerIsTheLastResort() async throws {
        var configuration = EmulatorConfiguration()
        configuration.metadataProject = "vm-project"
        try await withEmulator(configuration) { emulator in
            let connection = try await connect(emulator, [:])
            #expect(connection.credentials.source == .metadataServer(host: "127.0.0.1:\(emulator.port)"))
            #expect(await connection.credentialsProject() == "vm-project")
            _ = try await ServiceUsageAPI(connection.client).enabledServices(project: "vm-project")
            let metadataCalls = emulator.requests().filter { $0.url.hasPrefix("/computeMetadata/") }
            #expect(!metadataCalls.isEmpty)
        }
    }

    @Test func noCredentialsNamesEveryPlaceLooked() async throws {
        let environment = ["GCE_METADATA_HOST": "127.0.0.1:1", "HOME": "/nonexistent-home"]
        let error = await #expect(throws: CredentialsError.self) {
            _ = try await GoogleCloudConnection.connect(environment: environment)
        }
        let text = error?.description ?? ""
        for place in ["GCPCTL_ACCESS_TOKEN (unset)", "CLOUDSDK_AUTH_ACCESS_TOKEN (unset)", "GOOGLE_APPLICATION_CREDENTIALS (unset)",
                      "or set GCPCTL_ACCESS_TOKEN (or CLOUDSDK_AUTH_ACCESS_TOKEN) to an access token",
                      "/nonexistent-home/.config/gcloud/application_default_credentials.json", "metadata server at 127.0.0.1:1",
                      "gcloud auth application-default login"] {
            #expect(text.contains(place), "missing \(place) in: \(text)")
        }
    }

    @Test(arguments: [
        ("missing.json", nil, "no such file"),
        ("bad.json", "not json", "not a JSON object"),
        ("typeless.json", #"{"client_email":"x"}"#, "no \"type\" field"),
        ("unsupported.json", #"{"type":"gdch_service_account"}"#,
         "\"gdch_service_account\", which gcpctl does not support (looked at: GCPCTL_ACCESS_TOKEN (unset); CLOUDSDK_AUTH_ACCESS_TOKEN (unset); GOOGLE_APPLICATION_CREDENTIALS ("),
        ("unsupported-too.json", #"{"type":"gdch_service_account"}"#, "or set GCPCTL_ACCESS_TOKEN (or CLOUDSDK_AUTH_ACCESS_TOKEN) to an access token"),
        ("external.json", #"{"type":"external_account"}"#, "the field \"audience\" is missing"),
        ("external-sourceless.json", #"{"type":"external_account","audience":"a","subject_token_type":"t","credential_source":{}}"#,
         "credential_source must have exactly one of \"file\", \"url\" and \"executable\""),
        ("external-aws.json", #"{"type":"external_account","audience":"a","subject_token_type":"t","credential_source":{"environment_id":"aws1"}}"#,
         "(AWS) needs signed AWS requests"),
        ("external-json-fieldless.json", #"{"type":"external_account","audience":"a","subject_token_type":"t","credential_source":{"file":"/t","format":{"type":"json"}}}"#,
         "needs subject_token_field_name"),
        ("impersonated-sourceless.json", #"{"type":"impersonated_service_account","service_account_impersonation_url":"https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/a@p.iam.gserviceaccount.com:generateAccessToken"}"#,
         "source_credentials is not a JSON object"),
        ("incomplete.json", #"{"type":"service_account","client_email":"x"}"#, "\"private_key\" is missing"),
    ] as [(String, String?, String)])
    func aBrokenCredentialsFileIsAnErrorNotASilentFallback(name: String, contents: String?, message: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        if let contents { try directory.write(name, contents) }
        let path = directory.path + "/" + name
        let error = await #expect(throws: CredentialsError.self) {
            _ = try await CredentialChain(environment: ["GOOGLE_APPLICATION_CREDENTIALS": path, "GCE_METADATA_HOST": "127.0.0.1:1"])
                .resolve(transport: CurlTransport())
        }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(error?.description.contains(path) == true)
    }
}
