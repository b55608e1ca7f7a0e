import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Faults the lifecycle suite found gcpctl mishandling, each pinned to one targeted fault.
@Suite struct FailedOperationTests {
    /// A delete whose operation is answered already done, but failed, is a failure: retried
    /// once, never reported as deleted while the resource is still there.
    @Test(arguments: ["run.projects.locations.services.delete", "artifactregistry.projects.locations.repositories.delete"])
    func aDeleteWhoseOperationFailedIsRetriedNotReportedDone(methodID: String) async throws {
        try await withEmulatedProject { project in
            #expect(await project.setUpAndDeploy().status == .success)
            project.emulator.inject(FaultRule(methodID: methodID, action: .failOperation(message: "Deletion failed (injected).")))
            let run = await project.cleanupAll()
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("Deletion failed (injected).; trying again"))
            #expect(project.serviceNames.isEmpty)
            #expect(project.names(EmulatorCollections.repositories).isEmpty)
            #expect(project.labelledResourcesLeft() == [])
        }
    }
}
