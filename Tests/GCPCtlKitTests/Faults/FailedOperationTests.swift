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

    /// builds.create would start a second build if repeated: after a 503 or an answer that
    /// never came, deploy looks for the build before starting it again, and converges at once.
    @Test(arguments: [FaultRule.Action.status(code: 503), .delay(milliseconds: 400)])
    func anUncertainBuildStartIsLookedForThenRetriedOnce(fault: FaultRule.Action) async throws {
        try await withEmulatedProject { project in
            project.extraEnvironment["GCPCTL_HTTP_TIMEOUT_MS"] = "200"
            #expect(await project.prepareForDeploy().status == .success)
            project.emulator.inject(FaultRule(methodID: "cloudbuild.projects.locations.builds.create",
                                              action: fault))
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("starting the build may not have completed"))
            let builds = project.stored(EmulatorCollections.builds)
            #expect(builds.count == 1, "one build, not two: \(builds.keys.sorted())")
            let creates = project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").count
            #expect(creates == (fault == .delay(milliseconds: 400) ? 1 : 2))
            #expect(project.dockerImages.count == 1)
        }
    }

    /// A deploy whose Cloud Run operation failed leaves a revision that does not serve; the
    /// next deploy of the same spec starts a new revision instead of calling it unchanged.
    @Test func aRevisionThatFailedIsReplacedByTheNextDeploy() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            project.emulator.inject(FaultRule(methodID: "run.projects.locations.services.create",
                                              action: .failOperation(message: "Revision failed (injected).")))
            let options = DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck)
            let first = await project.deploy(options)
            #expect(first.status == .operationFailed)
            let failed = project.service("api-gateway")?["latestCreatedRevision"]?.stringValue

            let second = await project.deploy(options)
            #expect(second.status == .success, "\(second.diagnostics)")
            #expect(second.diagnostics.contains("api-gateway: its latest revision \(failed ?? "?") is not ready"))
            let ready = project.service("api-gateway")?["latestReadyRevision"]?.stringValue
            #expect(ready != nil && ready != failed)
            #expect(project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").count == 1, "the image is reused")

            project.emulator.clearRequests()
            #expect(await project.deploy(options).status == .success)
            #expect(project.emulator.requests(methodID: "run.projects.locations.services.patch").isEmpty, "converged: nothing to change")
        }
    }
}
