import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

/// Workload identity federation end to end against the emulator's Security Token Service
/// and IAM Credentials: each subject token source (file, url, executable), the exchange,
/// the impersonation, the refresh, and what a broken source says.
@Suite struct ExternalAccountCredentialsTests {
    static let stsGrant = "urn:ietf:params:oauth:grant-type:token-exchange"

    /// The members the emulator's issued tokens speak for.
    static func principals(_ emulator: Emulator) -> [String] {
        emulator.mutateState { $0.credentials.principals.values.map(\.member) }
    }

    @Test func aPlainTokenFileIsExchangedAtTheSecurityTokenService() async throws {
        try await withEmulator { emulator in
            let identity = try await FederatedIdentity.arrange(on: emulator)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let tokenFile = try directory.write("oidc-token", try identity.subjectToken() + "\n")
            let path = try directory.write("wif.json", identity.credentialsFile(credentialSource: ["file": .string(tokenFile)], impersonate: false))
            emulator.clearRequests()
            let connection = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path])
            #expect(connection.credentials.source == .externalAccount(path: path, audience: identity.audience))
            _ = try await ServiceUsageAPI(connection.client).enabledServices(project: identity.project)

            let exchange = try #require(emulator.requests(methodID: "sts.token").first)
            #expect(exchange.status == 200)
            #expect(exchange.url == "/sts/v1/token", "the file's sts.googleapis.com URL went to the emulator")
            #expect(exchange.bearer == false, "the Security Token Service is called without Authorization")
            #expect(exchange.body?["grantType"]?.stringValue == Self.stsGrant)
            #expect(exchange.body?["requestedTokenType"]?.stringValue == "urn:ietf:params:oauth:token-type:access_token")
            #expect(exchange.body?["subjectTokenType"]?.stringValue == "urn:ietf:params:oauth:token-type:jwt")
            #expect(exchange.body?["audience"]?.stringValue == identity.audience)
            #expect(exchange.body?["scope"]?.stringValue == "https://www.googleapis.com/auth/cloud-platform")
            #expect(emulator.requests(methodID: "iamcredentials.projects.serviceAccounts.generateAccessToken").isEmpty)
            #expect(Self.principals(emulator).contains { $0.hasSuffix("/workloadIdentityPools/ci-pool/subject/repo:acme/app:ref:refs/heads/main") })
        }
    }

    @Test func aJSONTokenFileIsReadByItsFieldAndTheServiceAccountImpersonated() async throws {
        try await withEmulator { emulator in
            let identity = try await FederatedIdentity.arrange(on: emulator)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let subject = try identity.subjectToken()
            let tokenFile = try directory.write("token.json", #"{"value":"\#(subject)","count":1}"#)
            let source: GCPEmulator.JSONValue = ["file": .string(tokenFile), "format": ["type": "json", "subject_token_field_name": "value"]]
            let path = try directory.write("wif.json", identity.credentialsFile(credentialSource: source))
            emulator.clearRequests()
            let connection = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path])
            #expect(connection.credentials.source
                    == .impersonated(email: identity.serviceAccount, by: .externalAccount(path: path, audience: identity.audience)))
            #expect(await connection.credentialsProject() == identity.project)
            _ = try await ServiceUsageAPI(connection.client).enabledServices(project: identity.project)

            let generate = try #require(emulator.requests(methodID: "iamcredentials.projects.serviceAccounts.generateAccessToken").first)
            #expect(generate.status == 200)
            #expect(generate.url == "/iamcredentials/v1/projects/-/serviceAccounts/\(identity.serviceAccount):generateAccessToken")
            #expect(generate.bearer, "generateAccessToken carries the federated token")
            #expect(generate.body?["scope"] == ["https://www.googleapis.com/auth/cloud-platform"])
            #expect(generate.body?["lifetime"]?.stringValue == "3600s")
            #expect(Self.principals(emulator).contains("serviceAccount:\(identity.serviceAccount)"))
        }
    }

    @Test func aURLSourceIsFetchedWithItsHeaders() async throws {
        try await withEmulator { emulator in
            let identity = try await FederatedIdentity.arrange(on: emulator)
            // The CI system's token endpoint: an object on the emulator's storage, which
            // answers only a request that carries the Authorization header the file names.
            let subject = try identity.subjectToken()
            let url = try await Self.tokenURL(on: emulator, contents: #"{"value":"\#(subject)"}"#)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let source: GCPEmulator.JSONValue = [
                "url": .string(url), "headers": ["Authorization": "Bearer ci-request-token"],
                "format": ["type": "json", "subject_token_field_name": "value"],
            ]
            let path = try directory.write("wif.json", identity.credentialsFile(credentialSource: source))
            emulator.clearRequests()
            let connection = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path])
            _ = try await ServiceUsageAPI(connection.client).enabledServices(project: identity.project)
            let fetch = try #require(emulator.requests(methodID: "storage.objects.get").first)
            #expect(fetch.bearer && fetch.status == 200, "the URL was read with the file's headers")
            #expect(emulator.requests(methodID: "sts.token").first?.status == 200)

            let headerless = try directory.write("headerless.json", identity.credentialsFile(
                credentialSource: ["url": .string(url), "format": ["type": "json", "subject_token_field_name": "value"]]))
            let error = await #expect(throws: CredentialsError.self) {
                _ = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": headerless]).client.tokens.token()
            }
            let text = error?.description ?? ""
            #expect(text.contains("answered 401") && text.contains("id-token: write"), "\(text)")
            #expect(!text.contains("alt=media"), "the URL's query is not shown")
        }
    }

    /// A token the emulator serves at a URL that needs a bearer token, as a CI system's does.
    static func tokenURL(on emulator: Emulator, contents: String) async throws -> String {
        let client = RawHTTPClient(port: emulator.port, token: "ci-request-token")
        _ = try await client.post("/storage/storage/v1/b?project=ci-tokens-project", json: ["name": "ci-tokens"])
        let upload = try await client.send("POST", "/storage/upload/storage/v1/b/ci-tokens/o?uploadType=media&name=oidc.json",
                                           body: Array(contents.utf8), headers: ["Content-Type": "application/json"])
        guard upload.status == 200 else { throw ArrangeFailed(step: "upload the token", answer: upload.text) }
        return emulator.baseURL + "/storage/storage/v1/b/ci-tokens/o/oidc.json?alt=media"
    }

    @Test func theTokenIsExchangedAgainBeforeItExpires() async throws {
        try await withEmulator { emulator in
            let identity = try await FederatedIdentity.arrange(on: emulator)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let tokenFile = try directory.write("oidc-token", try identity.subjectToken())
            let path = try directory.write("wif.json", identity.credentialsFile(credentialSource: ["file": .string(tokenFile)]))
            let environment = emulatorEnvironment(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path])
            let transport = CurlTransport()
            let provider = try await CredentialChain(environment: environment).resolve(transport: transport)
            let clock = ShiftedClock()
            let cache = TokenCache(provider: provider, transport: transport, now: clock.now)
            let first = try await cache.token()
            #expect(try await cache.token() == first, "a valid token is reused")
            // The CI system rotates its token; the next exchange reads the file again.
            try directory.write("oidc-token", try identity.subjectToken())
            clock.advance(seconds: 3600 - 60)
            let second = try await cache.token()
            #expect(second != first)
            #expect(await cache.fetchCount == 2)
            #expect(emulator.requests(methodID: "sts.token").count == 2)
            #expect(emulator.requests(methodID: "iamcredentials.projects.serviceAccounts.generateAccessToken").count == 2)
        }
    }

    @Test func everyTokenOnTheWayIsToldToTheSecretSink() async throws {
        try await withEmulator { emulator in
            let identity = try await FederatedIdentity.arrange(on: emulator)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let subject = try identity.subjectToken()
            let tokenFile = try directory.write("oidc-token", subject)
            let path = try directory.write("wif.json", identity.credentialsFile(credentialSource: ["file": .string(tokenFile)]))
            let seen = SeenSecrets()
            var options = GoogleCloudConnection.Options(retryPolicy: instantRetries, poller: quickPoller)
            options.secrets = seen.sink
            let connection = try await GoogleCloudConnection.connect(
                environment: emulatorEnvironment(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path]), options: options)
            let final = try await connection.client.tokens.token()
            let issued = emulator.mutateState { Set($0.credentials.principals.keys) }
            #expect(issued.count == 2, "the federated token and the impersonated one")
            #expect(seen.all.isSuperset(of: issued.union([subject, final])))
        }
    }

    @Test(arguments: [
        ("an audience no provider has", #"//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/other-pool/providers/github"#,
         nil, "indicated by the \"audience\" parameters is invalid"),
        ("a malformed audience", "projects/123/pools/p", nil, "full resource name of the Identity Provider"),
        ("a token from another issuer", nil, "https://gitlab.example.com", "The issuer in ID Token https://gitlab.example.com does not match"),
    ] as [(String, String?, String?, String)])
    func aRefusedExchangeSaysWhatTheServiceSaid(_ name: String, audience: String?, issuer: String?, message: String) async throws {
        try await withEmulator { emulator in
            let identity = try await FederatedIdentity.arrange(on: emulator)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let tokenFile = try directory.write("oidc-token", try identity.subjectToken(issuer: issuer ?? FederatedIdentity.issuer))
            let extra: GCPEmulator.JSONValue = audience.map { ["audience": .string($0)] } ?? [:]
            let path = try directory.write("wif.json", identity.credentialsFile(credentialSource: ["file": .string(tokenFile)], extra: extra))
            let error = await #expect(throws: CredentialsError.self) {
                _ = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path]).client.tokens.token()
            }
            guard case .exchangeRejected(_, let status, _)? = error else {
                Issue.record("expected exchangeRejected, got \(String(describing: error))")
                return
            }
            #expect(status == 400)
            #expect(error?.description.contains(message) == true, "\(String(describing: error))")
            #expect(error?.description.contains("Check the file's audience") == true)
            #expect(emulator.requests(methodID: "iamcredentials.projects.serviceAccounts.generateAccessToken").isEmpty)
        }
    }

    @Test func aRepositoryThePoolDoesNotTrustCannotImpersonate() async throws {
        try await withEmulator { emulator in
            let identity = try await FederatedIdentity.arrange(on: emulator)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let tokenFile = try directory.write("oidc-token", try identity.subjectToken(repository: "mallory/fork"))
            let path = try directory.write("wif.json", identity.credentialsFile(credentialSource: ["file": .string(tokenFile)]))
            let error = await #expect(throws: CredentialsError.self) {
                _ = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path]).client.tokens.token()
            }
            let text = error?.description ?? ""
            #expect(text.contains("Could not impersonate \(identity.serviceAccount)") && text.contains("(403)"), "\(text)")
            #expect(text.contains("iam.serviceAccounts.getAccessToken") && text.contains("roles/iam.workloadIdentityUser"))
        }
    }

    @Test func aMissingTokenFileSaysWhichFile() async throws {
        try await withEmulator { emulator in
            let identity = try await FederatedIdentity.arrange(on: emulator)
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = try directory.write("wif.json", identity.credentialsFile(credentialSource: ["file": "/nonexistent/oidc-token"]))
            let error = await #expect(throws: CredentialsError.self) {
                _ = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path]).client.tokens.token()
            }
            #expect(error?.description.contains("cannot read /nonexistent/oidc-token (credential_source.file)") == true,
                    "\(String(describing: error))")
            #expect(emulator.requests(methodID: "sts.token").isEmpty)
        }
    }
}

/// Collects what a `SecretSink` is told.
final class SeenSecrets: @unchecked Sendable {
    private let lock = NSLock()
    private var secrets: Set<String> = []

    var sink: SecretSink { { [self] secret in lock.withLock { _ = secrets.insert(secret) } } }
    var all: Set<String> { lock.withLock { secrets } }
}
