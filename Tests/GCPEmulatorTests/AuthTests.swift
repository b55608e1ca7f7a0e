import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct AuthTests {
    let services = "/serviceusage/v1/projects/my-project/services"

    @Test func requestsWithoutBearerTokenAre401() async throws {
        try await withClient { _, client in
            var anonymous = client
            anonymous.token = nil
            let response = try await anonymous.get(services)
            #expect(response.status == 401)
            #expect(response.errorStatus == "UNAUTHENTICATED")
        }
    }

    @Test func anyTokenIsAcceptedUntilRevoked() async throws {
        try await withClient { emulator, client in
            var anything = client
            anything.token = "anything"
            #expect(try await anything.get(services).status == 200)
            emulator.revoke(token: "anything")
            let revoked = try await anything.get(services)
            #expect(revoked.status == 401)
            #expect(try await client.get(services).status == 200)
        }
    }

    @Test func requestLogRecordsBearerPresenceButNeverTheToken() async throws {
        try await withClient { emulator, client in
            var secret = client
            secret.token = "very-secret-token-value"
            _ = try await secret.get(services)
            let entry = try #require(emulator.requests().last)
            #expect(entry.bearer)
            #expect(!entry.json.serialized.contains("very-secret-token-value"))
        }
    }
}

@Suite struct TokenEndpointTests {
    func form(_ assertion: String) -> [UInt8] {
        Array("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=\(assertion)".utf8)
    }

    func claims(_ account: TestServiceAccount, audience: String, issuedAt: Int? = nil, lifetime: Int = 3600) -> JSONValue {
        let now = issuedAt ?? Int(Date().timeIntervalSince1970)
        return [
            "iss": .string(account.email), "scope": "https://www.googleapis.com/auth/cloud-platform",
            "aud": .string(audience), "iat": .int(now), "exp": .int(now + lifetime),
        ]
    }

    let formHeaders = ["Content-Type": "application/x-www-form-urlencoded"]

    @Test func aJWTSignedByATrustedKeyGetsAnAccessToken() async throws {
        try await withClient { emulator, client in
            let account = try TestServiceAccount.make(on: emulator)
            let jwt = try signJWT(claims: claims(account, audience: emulator.tokenURI), privateKeyPEM: account.keys.privateKeyPEM)
            let response = try await client.send("POST", "/oauth2/token", body: form(jwt), headers: formHeaders)
            #expect(response.status == 200)
            let token = try #require(response.json["access_token"]?.stringValue)
            #expect(!token.isEmpty)
            #expect(response.json["expires_in"] == 3599)
            #expect(response.json["token_type"] == "Bearer")
            #expect(emulator.tokenGrantCount == 1)
            let googleAudience = try signJWT(
                claims: claims(account, audience: "https://oauth2.googleapis.com/token"), privateKeyPEM: account.keys.privateKeyPEM)
            #expect(try await client.send("POST", "/oauth2/token", body: form(googleAudience), headers: formHeaders).status == 200)
            let logged = try #require(emulator.requests().last)
            #expect(!logged.json.serialized.contains(googleAudience))
        }
    }

    @Test func aTamperedOrUntrustedSignatureIsInvalidGrant() async throws {
        try await withClient { emulator, client in
            let account = try TestServiceAccount.make(on: emulator)
            let jwt = try signJWT(claims: claims(account, audience: emulator.tokenURI), privateKeyPEM: account.keys.privateKeyPEM)
            var parts = jwt.split(separator: ".").map(String.init)
            parts[2] = String(parts[2].reversed())
            let tampered = try await client.send("POST", "/oauth2/token", body: form(parts.joined(separator: ".")), headers: formHeaders)
            #expect(tampered.status == 400)
            #expect(tampered.json == ["error": "invalid_grant", "error_description": "Invalid JWT Signature."])

            let stranger = try RSAKeyPair.generate()
            let untrusted = try signJWT(claims: claims(account, audience: emulator.tokenURI), privateKeyPEM: stranger.privateKeyPEM)
            let response = try await client.send("POST", "/oauth2/token", body: form(untrusted), headers: formHeaders)
            #expect(response.json["error_description"] == "Invalid JWT Signature.")
            #expect(emulator.tokenGrantCount == 0)
        }
    }

    @Test func expiredOrLongLivedOrMisaddressedJWTsAreRefused() async throws {
        try await withClient { emulator, client in
            let account = try TestServiceAccount.make(on: emulator)
            let key = account.keys.privateKeyPEM
            let longLived = try signJWT(claims: claims(account, audience: emulator.tokenURI, lifetime: 7200), privateKeyPEM: key)
            let expired = try signJWT(
                claims: claims(account, audience: emulator.tokenURI, issuedAt: Int(Date().timeIntervalSince1970) - 7200),
                privateKeyPEM: key)
            let wrongAudience = try signJWT(claims: claims(account, audience: "https://example.com/token"), privateKeyPEM: key)
            for jwt in [longLived, expired, wrongAudience] {
                let response = try await client.send("POST", "/oauth2/token", body: form(jwt), headers: formHeaders)
                #expect(response.status == 400)
                #expect(response.json["error"] == "invalid_grant")
            }
        }
    }

    @Test func refreshTokenGrantsNeedARegisteredToken() async throws {
        try await withClient { emulator, client in
            emulator.registerRefreshToken(clientID: "cid", clientSecret: "secret", refreshToken: "rt-1")
            let body = Array("grant_type=refresh_token&client_id=cid&client_secret=secret&refresh_token=rt-1".utf8)
            #expect(try await client.send("POST", "/oauth2/token", body: body, headers: formHeaders).status == 200)
            let unknown = Array("grant_type=refresh_token&client_id=cid&client_secret=secret&refresh_token=nope".utf8)
            let refused = try await client.send("POST", "/oauth2/token", body: unknown, headers: formHeaders)
            #expect(refused.status == 400)
            #expect(refused.json["error"] == "invalid_grant")
            emulator.revoke(refreshToken: "rt-1")
            #expect(try await client.send("POST", "/oauth2/token", body: body, headers: formHeaders).status == 400)
        }
    }
}

@Suite struct MetadataServerTests {
    @Test func answersOnlyWithTheFlavorHeaderAndAlwaysSendsIt() async throws {
        var configuration = EmulatorConfiguration()
        configuration.projects = ["meta-project"]
        try await withClient(configuration) { emulator, client in
            let refused = try await client.get("/computeMetadata/v1/project/project-id")
            #expect(refused.status == 403)
            #expect(refused.headers["metadata-flavor"] == "Google")
            let flavor = ["Metadata-Flavor": "Google"]
            let project = try await client.get("/computeMetadata/v1/project/project-id", headers: flavor)
            #expect(project.text == "meta-project")
            #expect(project.headers["metadata-flavor"] == "Google")
            let token = try await client.get("/computeMetadata/v1/instance/service-accounts/default/token", headers: flavor)
            #expect(token.json["access_token"]?.stringValue?.isEmpty == false)
            let email = try await client.get("/computeMetadata/v1/instance/service-accounts/default/email", headers: flavor)
            #expect(email.text.hasSuffix("@developer.gserviceaccount.com"))
            let probe = try await client.get("/")
            #expect(probe.headers["metadata-flavor"] == "Google")
            #expect(emulator.tokenGrantCount == 1)
        }
    }
}
