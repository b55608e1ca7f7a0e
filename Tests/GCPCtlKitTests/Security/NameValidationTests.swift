import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 15, point 13: every name is checked by its kind's rules before any request (exit 1,
/// nothing sent), so `x/../api-gateway` never reaches api-gateway's path. (The client's own
/// encoding of every path segment: GoogleCloudTests/PathEncodingTests.)
@Suite struct NameValidationTests {
    static let managed = ["managed-by": "gcpctl", "gcpctl-env": "dev"]

    @Test func deletingAServiceNamedWithDotSegmentsSendsNothing() async throws {
        try await withEmulatedProject { project in
            try await project.createService("api-gateway", labels: Self.managed)
            project.emulator.clearRequests()
            let run = await project.delete(.cloudRunService, "x/../api-gateway")
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("'x/../api-gateway' is not a valid Cloud Run service name"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("nothing was sent"))
            #expect(project.emulator.requests().isEmpty, "\(project.emulator.requests().map(\.url))")
            #expect(project.service("api-gateway") != nil)
        }
    }

    @Test func deletingASecretNamedWithDotSegmentsSendsNothing() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            let run = await project.delete(.secret, "../secrets/jwt-secret", force: true)
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("'../secrets/jwt-secret' is not a valid secret id"), "\(run.diagnostics)")
            #expect(project.emulator.requests().isEmpty)
            #expect(project.resource(EmulatorCollections.secrets, "jwt-secret") != nil)
        }
    }

    /// Every kind's rule refuses a slash and a dot segment.
    @Test(arguments: ResourceKinds.all.filter { !$0.commandNames.isEmpty })
    func everyKindRefusesPathCharacters(kind: ResourceKind) throws {
        let nameProblem = try #require(kind.nameProblem, "\(kind.id) has no naming rule")
        for name in ["a/../b", "..", "a/b", "a%2Fb", "a?b", ""] {
            #expect(nameProblem(name) != nil, "\(kind.id) accepts '\(name)'")
        }
    }

    @Test func aDatabaseNameWithDotSegmentsIsRefusedBeforeAnyRequest() async throws {
        try await withEmulatedProject { project in
            project.editEnvironment { $0.replacingOccurrences(of: "database: digitwinlive-db", with: "database: ../../instances/other") }
            let run = await project.plan()
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("'../../instances/other' is not a database name"), "\(run.diagnostics)")
            #expect(project.emulator.requests().isEmpty)
        }
    }
}
