import Foundation
import GCPEmulator
import Testing
import TestSupport

/// The Security Token Service's `v1/token` as Google documents it: a token exchange only,
/// for an access token, with a known subject token type, an audience naming an existing
/// provider, and a subject token that provider accepts; form or JSON bodies, checked
/// against the discovery document, without Authorization.
@Suite struct SecurityTokenServiceTests {
    static let grant = "urn:ietf:params:oauth:grant-type:token-exchange"
    static let accessToken = "urn:ietf:params:oauth:token-type:access_token"
    static let jwt = "urn:ietf:params:oauth:token-type:jwt"

    static func form(_ fields: [(String, String)]) -> [UInt8] {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return Array(fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&").utf8)
    }

    static func exchange(_ identity: FederatedIdentity, subjectToken: String, overriding: [String: String] = [:]) -> [(String, String)] {
        var fields: [String: String] = [
            "grant_type": grant, "requested_token_type": accessToken, "subject_token_type": jwt,
            "audience": identity.audience, "scope": "https://www.googleapis.com/auth/cloud-platform",
            "subject_token": subjectToken,
        ]
        fields.merge(overriding) { $1 }
        return fields.sorted { $0.key < $1.key }.filter { !$0.value.isEmpty }.map { ($0.key, $0.value) }
    }

    static let formHeaders = ["Content-Type": "application/x-www-form-urlencoded"]

    @Test func aGoodExchangeAnswersAFederatedAccessTokenWithoutAuthorization() async throws {
        try await withClient { emulator, _ in
            let identity = try await FederatedIdentity.arrange(on: emulator)
            let anonymous = RawHTTPClient(port: emulator.port, token: nil)
            let response = try await anonymous.send("POST", "/sts/v1/token",
                                                    body: Self.form(Self.exchange(identity, subjectToken: try identity.subjectToken())),
                                                    headers: Self.formHeaders)
            #expect(response.status == 200, "\(response.text)")
            #expect(response.json["issued_token_type"]?.stringValue == Self.accessToken)
            #expect(response.json["token_type"]?.stringValue == "Bearer")
            let lifetime = response.json["expires_in"]?.intValue ?? 0
            #expect(lifetime > 0 && lifetime <= 600, "no longer than the subject token")
            let token = try #require(response.json["access_token"]?.stringValue)
            let principal = emulator.mutateState { $0.credentials.principal(of: token) }
            #expect(principal.member.hasSuffix("/workloadIdentityPools/ci-pool/subject/repo:acme/app:ref:refs/heads/main"))
            #expect(principal.memberships.contains { $0.hasSuffix("/ci-pool/attribute.repository/acme/app") })
            let logged = try #require(emulator.requests(methodID: "sts.token").first)
            #expect(!logged.json.serialized.contains(token) && logged.body?["subjectToken"] == nil, "the log holds no token")
        }
    }

    @Test func aJSONBodyByTheDiscoveryDocumentsNamesIsAcceptedToo() async throws {
        try await withClient { emulator, _ in
            let identity = try await FederatedIdentity.arrange(on: emulator)
            let body: JSONValue = [
                "grantType": .string(Self.grant), "requestedTokenType": .string(Self.accessToken), "subjectTokenType": .string(Self.jwt),
                "audience": .string(identity.audience), "scope": "https://www.googleapis.com/auth/cloud-platform",
                "subjectToken": .string(try identity.subjectToken()),
            ]
            let response = try await RawHTTPClient(port: emulator.port, token: nil).post("/sts/v1/token", json: body)
            #expect(response.status == 200, "\(response.text)")
        }
    }

    @Test(arguments: [
        ("another grant", ["grant_type": "refresh_token"], "unsupported_grant_type", "grant_type"),
        ("another requested type", ["requested_token_type": "urn:ietf:params:oauth:token-type:id_token"], "invalid_request", "requested_token_type"),
        ("an unknown subject token type", ["subject_token_type": "urn:example:token"], "invalid_request", "subject_token_type"),
        ("a malformed audience", ["audience": "//iam.googleapis.com/projects/my-project/locations/global/workloadIdentityPools/p/providers/x"],
         "invalid_request", "full resource name of the Identity Provider"),
        ("an audience with no provider", ["audience": "//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/nope/providers/none"],
         "invalid_target", "doesn't exist"),
        ("no scope", ["scope": ""], "invalid_scope", "scope"),
        ("no subject token", ["subject_token": ""], "invalid_request", "subject_token"),
        ("a field STS does not have", ["resource": "x"], "invalid_request", "resource"),
    ] as [(String, [String: String], String, String)])
    func aBadExchangeIsRefusedAsGoogleRefusesIt(_ name: String, change: [String: String], error: String, mentions: String) async throws {
        try await withClient { emulator, _ in
            let identity = try await FederatedIdentity.arrange(on: emulator)
            let fields = Self.exchange(identity, subjectToken: try identity.subjectToken(), overriding: change)
            let response = try await RawHTTPClient(port: emulator.port, token: nil)
                .send("POST", "/sts/v1/token", body: Self.form(fields), headers: Self.formHeaders)
            #expect(response.status == 400)
            #expect(response.json["error"]?.stringValue == error, "\(response.text)")
            #expect(response.json["error_description"]?.stringValue?.contains(mentions) == true, "\(response.text)")
        }
    }

    @Test(arguments: [
        ("another issuer", "issuer", "does not match the expected ones"),
        ("expired", "expired", "has expired"),
        ("not a JWT", "garbage", "Unable to parse the ID Token"),
    ])
    func aSubjectTokenTheProviderDoesNotAcceptIsAnInvalidGrant(_ name: String, kind: String, mentions: String) async throws {
        try await withClient { emulator, _ in
            let identity = try await FederatedIdentity.arrange(on: emulator)
            let token = switch kind {
            case "issuer": try identity.subjectToken(issuer: "https://gitlab.example.com")
            case "expired": try identity.subjectToken(lifetime: 60, now: Date().addingTimeInterval(-600))
            default: "not.a-jwt"
            }
            let response = try await RawHTTPClient(port: emulator.port, token: nil)
                .send("POST", "/sts/v1/token", body: Self.form(Self.exchange(identity, subjectToken: token)), headers: Self.formHeaders)
            #expect(response.status == 400)
            #expect(response.json["error"]?.stringValue == "invalid_grant")
            #expect(response.json["error_description"]?.stringValue?.contains(mentions) == true, "\(response.text)")
        }
    }

    @Test func aProviderAddedThroughTheControlRouteIsUsed() async throws {
        try await withClient { emulator, client in
            let added = try await client.post("/_emulator/workload-identity-providers", json: [
                "project": "ci-project", "pool": "gitlab-pool", "provider": "gitlab", "issuerUri": "https://gitlab.example.com",
                "allowedAudiences": ["https://gitlab.example.com"],
            ])
            let audience = try #require(added.json["audience"]?.stringValue)
            #expect(audience.hasPrefix("//iam.googleapis.com/projects/") && audience.hasSuffix("/workloadIdentityPools/gitlab-pool/providers/gitlab"))
            let keys = try RSAKeyPair.generate()
            let now = Int(Date().timeIntervalSince1970)
            let token = try signJWT(header: ["alg": "RS256", "kid": "k"], claims: [
                "iss": "https://gitlab.example.com", "aud": "https://gitlab.example.com", "sub": "project_path:acme/app",
                "iat": .int(now), "exp": .int(now + 300),
            ], privateKeyPEM: keys.privateKeyPEM)
            let fields: [(String, String)] = [
                ("grant_type", Self.grant), ("requested_token_type", Self.accessToken), ("subject_token_type", Self.jwt),
                ("audience", audience), ("scope", "https://www.googleapis.com/auth/cloud-platform"), ("subject_token", token),
            ]
            let response = try await RawHTTPClient(port: emulator.port, token: nil)
                .send("POST", "/sts/v1/token", body: Self.form(fields), headers: Self.formHeaders)
            #expect(response.status == 200, "\(response.text)")
        }
    }
}
