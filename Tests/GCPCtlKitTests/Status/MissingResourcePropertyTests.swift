import Foundation
import GCPEmulator
import PropertyBased
import Testing
import TestSupport
@testable import GCPCtlKit

/// Property 30 of bash-scripts-design.md over any set of missing resources, where
/// StatusTests checks the fresh project (everything missing).
@Suite(.shrinking(false)) struct MissingResourcePropertyTests {
    static let buckets = ["clone-voice-models-dev", "clone-face-models-dev", "clone-documents-dev", "clone-uploads-dev"]
    static let secrets = ["jwt-secret", "refresh-secret", "database-password"]

    /// Property 30: for any of the environment's buckets and secrets removed after setup,
    /// status marks exactly those missing, each with why and the command that makes it
    /// again, and exits 3; the others stay ok.
    @Test func property30_exactlyTheMissingResourcesAreMarkedWithTheirFix() async throws {
        await propertyCheck(count: 8, input: Gen.bool().array(of: 7)) { mask in
            try await withEmulatedProject { project in
                #expect(await project.setup().status == .success)
                let candidates = Self.buckets.map { ("bucket", EmulatorCollections.buckets, $0) }
                    + Self.secrets.map { ("secret", EmulatorCollections.secrets, $0) }
                let removed = zip(candidates, mask).filter(\.1).map(\.0)
                project.emulator.mutateState { state in
                    for (_, collection, name) in removed { _ = state.removeResource(EmulatedProject.project, collection, name) }
                }

                let (run, document) = try await project.statusDocument()
                #expect(run.status == .unhealthy, "services are not deployed, whatever else: \(run.diagnostics)")
                for (kind, _, name) in candidates {
                    let row = try #require(document.row(kind, name), "\(kind) \(name) has a row")
                    if removed.contains(where: { $0.2 == name }) {
                        #expect(row.state == "missing", "\(kind) \(name): \(row.state)")
                        #expect(row.reason != nil)
                        #expect(row.fix == "gcpctl setup --env=dev")
                    } else {
                        #expect(row.state == "ok", "\(kind) \(name): \(row.state) \(row.reason ?? "")")
                        #expect(row.fix == nil)
                    }
                }
                let text = await project.status()
                for (_, _, name) in removed {
                    #expect(text.output.contains("\(name): does not exist → gcpctl setup --env=dev"), "\(text.output)")
                }
            }
        }
    }
}
