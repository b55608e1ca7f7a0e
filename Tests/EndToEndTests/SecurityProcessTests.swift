import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Issue 15 as the issue reproduced it, through the `gcpctl` binary: a name with dot
/// segments reaches nothing (exit 1, nothing sent), and another project's bucket is never
/// deleted, `--force` included.
@Suite struct SecurityProcessTests {
    @Test func deleteServiceWithDotSegmentsSendsNothing() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            let run = try await gcpctl.run(["delete", "service", "x/../api-gateway", "--env=dev", "--yes", "--force"])
            #expect(run.status == 1, "\(run.all)")
            #expect(run.errors.contains("'x/../api-gateway' is not a valid Cloud Run service name"), "\(run.errors)")
            let secret = try await gcpctl.run(["delete", "secret", "../secrets/jwt-secret", "--env=dev", "--yes", "--force"])
            #expect(secret.status == 1, "\(secret.all)")
            #expect(secret.errors.contains("'../secrets/jwt-secret' is not a valid secret id"), "\(secret.errors)")
            #expect(emulator.requests().isEmpty, "\(emulator.requests().map(\.url))")
        }
    }

    @Test func anotherProjectsBucketIsNeverDeletedEvenWithForce() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            #expect(emulator.createBucket("clone-uploads-dev", project: "someone-elses-project",
                                          labels: ["managed-by": "gcpctl", "gcpctl-env": "dev"]))
            let run = try await gcpctl.run(["delete", "bucket", "clone-uploads-dev", "--env=dev", "--yes", "--force"])
            #expect(run.status == 1, "\(run.all)")
            let number = ProjectState.projectNumber(for: "someone-elses-project")
            #expect(run.errors.contains("is held by project \(number), not this one"), "\(run.errors)")
            #expect(!run.all.contains("Deleted"))
            #expect(emulator.requests().filter(\.mutating).isEmpty)
            #expect(emulator.resource(project: "someone-elses-project", collection: EmulatorCollections.buckets,
                                      name: "clone-uploads-dev") != nil)
        }
    }
}
