import Foundation
import Testing
import TestSupport
@testable import GCPEmulator
@testable import GCPCtlKit

/// The values setup generates: each secret's first version is strong and its own, and the
/// Cloud SQL postgres user's password is the database-password secret's value.
@Suite struct SecretValueTests {
    /// The bytes of a secret version as the emulator stores them (`@data`, base64).
    static func payload(_ secret: String, in project: EmulatedProject) -> Data? {
        project.emulator.mutateState { state -> Data? in
            let versions = state.resources(EmulatedProject.project, "secretmanager.versions", prefix: secret + "/")
            guard versions.count == 1, let encoded = versions.first?.value["@data"]?.stringValue else { return nil }
            return Data(base64Encoded: encoded)
        }
    }

    /// base64url without padding, as gcpctl writes a generated value.
    static func decodeBase64URL(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }

    @Test func eachSecretStartsWithItsOwnStrongRandomValueAndThePostgresPasswordIsTheDatabaseSecret() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup()
            #expect(run.status == .success, "\(run.diagnostics)")

            var values: [String: String] = [:]
            for secret in ["jwt-secret", "refresh-secret", "database-password"] {
                let payload = try #require(Self.payload(secret, in: project), "\(secret) has not exactly one version")
                let text = try #require(String(data: payload, encoding: .utf8))
                let random = try #require(Self.decodeBase64URL(text), "\(secret) is not base64url: \(text.count) characters")
                #expect(random.count >= 32, "\(secret) holds \(random.count) random bytes")
                #expect(Set(random).count > 8, "\(secret) does not look random")
                values[secret] = text
            }
            #expect(Set(values.values).count == 3, "two secrets share a value")

            let user = project.emulator.mutateState { $0.resource(EmulatedProject.project, "sqladmin.users", "digitwinlive-db-dev/postgres@") }
            let password = try #require(user?["@password"]?.stringValue, "the postgres user has no password")
            #expect(password == values["database-password"])
            #expect(!run.output.contains(password) && !run.diagnostics.contains(password))
        }
    }
}
