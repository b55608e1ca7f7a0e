import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// The whole life of an environment: setup, deploy, cleanup.
@Suite struct CleanupAfterDeployTests {
    @Test func afterSetupAndDeployTheCIFormLeavesNoGcpctlResource() async throws {
        try await withEmulatedProject { project in
            let deploy = await project.setUpAndDeploy()
            #expect(deploy.status == .success, "\(deploy.diagnostics)")
            try await project.createUnlabelledBucket("stray-bucket")
            #expect(project.names("run.services").count == 3)
            #expect(project.names(EmulatorCollections.buckets).contains("demo-project_cloudbuild"))

            let run = await project.cleanupAll()
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.output.contains("Cloud Build staging bucket (1):"))
            #expect(project.labelledResourcesLeft() == [])
            #expect(project.names("run.services").isEmpty)
            #expect(project.names(EmulatorCollections.repositories).isEmpty)
            #expect(project.names(EmulatorCollections.serviceAccounts).isEmpty)
            #expect(project.names(EmulatorCollections.buckets) == ["stray-bucket"])

            project.emulator.clearRequests()
            let second = await project.cleanupAll()
            #expect(second.status == .success)
            #expect(project.mutatingRequests.isEmpty)
        }
    }
}
