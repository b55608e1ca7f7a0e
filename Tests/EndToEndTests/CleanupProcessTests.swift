import Foundation
import GCPEmulator
import Testing
import TestSupport

/// `gcpctl cleanup` through the binary, as a CI job runs it: the flags reach the workflow.
@Suite struct CleanupProcessTests {
    @Test func theCIFormThroughTheBinary() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            #expect(try await gcpctl.run(["setup", "--env=dev", "--yes"]).status == 0)

            emulator.clearRequests()
            let wrong = try await gcpctl.run(["cleanup", "--env=dev", "--all", "--yes", "--confirm-project=other"])
            #expect(wrong.status == 1)
            #expect(wrong.errors.contains("does not match the environment's project demo-project"))
            let misuse = try await gcpctl.run(["cleanup", "--env=dev", "--delete-protected"])
            #expect(misuse.status == 1)
            #expect(misuse.errors.contains("--delete-protected needs --confirm-project"))
            #expect(emulator.requests().filter(\.mutating).isEmpty)

            let run = try await gcpctl.run(["cleanup", "--env=dev", "--all", "--yes", "--confirm-project=demo-project", "--disable-apis"])
            #expect(run.status == 0, "\(run.all)")
            #expect(run.output.contains("Cleanup of development in project demo-project: 14 deleted."))
            let buckets = emulator.state(project: "demo-project")?["resources"]?["storage.buckets"]?.objectValue ?? [:]
            #expect(buckets.isEmpty)
        }
    }
}
