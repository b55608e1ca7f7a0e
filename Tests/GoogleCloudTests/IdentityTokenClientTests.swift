import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

/// Issue 15 point 7, the client's side: where an identity token for a private service comes
/// from, and that one is fetched per audience.
@Suite struct IdentityTokenClientTests {
    static let audience = "https://api-1.us-central1.run.app"

    static func audienceOf(_ token: String) -> String? {
        guard let part = token.split(separator: ".").dropFirst().first else { return nil }
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }?["aud"] as? String
    }

    @Test func onGoogleTheMetadataServerGivesTheToken() async throws {
        try await withEmulator { emulator in
            let connection = try await connect(emulator, ["GCE_METADATA_HOST": "127.0.0.1:\(emulator.port)"])
            guard case .metadataServer = connection.credentials.source else {
                Issue.record("expected the metadata server, got \(connection.credentials.source)")
                return
            }
            let token = try await connection.client.identityToken(audience: Self.audience, serviceAccount: "unused@p.iam.gserviceaccount.com")
            #expect(Self.audienceOf(token) == Self.audience)
            _ = try await connection.client.identityToken(audience: Self.audience, serviceAccount: "unused@p.iam.gserviceaccount.com")
            let asked = emulator.requests().filter { $0.url.hasPrefix("/computeMetadata/v1/instance/service-accounts/default/identity?") }
            #expect(asked.count == 1, "one fetch per audience")
            #expect(asked.first?.url.contains("format=full") == true)
            #expect(emulator.requests(methodID: "iamcredentials.projects.serviceAccounts.generateIdToken").isEmpty)
        }
    }

    @Test func elsewhereIAMCredentialsGivesTheTokenOfTheRuntimeAccount() async throws {
        try await withEmulator { emulator in
            emulator.setServices(["iam.googleapis.com", "iamcredentials.googleapis.com"], enabled: true, project: "p")
            emulator.addIAMBinding(project: "p", role: "roles/iam.serviceAccountOpenIdTokenCreator", member: "user:owner@example.com")
            let connection = try await connect(emulator)
            _ = try await connection.client.send(GoogleCall(.post, .iam, "v1/projects/p/serviceAccounts", body: Data(#"{"accountId":"runner"}"#.utf8)))
            let token = try await connection.client.identityToken(audience: Self.audience, serviceAccount: "runner@p.iam.gserviceaccount.com")
            #expect(Self.audienceOf(token) == Self.audience)
            let minted = emulator.requests(methodID: "iamcredentials.projects.serviceAccounts.generateIdToken")
            #expect(minted.count == 1)
            #expect(minted.first?.body?["audience"] == .string(Self.audience))
        }
    }
}
