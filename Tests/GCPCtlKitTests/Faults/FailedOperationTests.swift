import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Faults the lifecycle suite found gcpctl mishandling, each pinned to one targeted fault.
@Suite struct FailedOperationTests {
    /// An answer that comes after the client has given up on it. The request timeout is
    /// shortened only after setup, and sits well apart from both the delay and ordinary
    /// answers, so a loaded machine cannot turn an ordinary answer into a lost one.
    static let lostAnswer = FaultRule.Action.delay(milliseconds: 3000)

    static func shortenTimeouts(_ project: EmulatedProject) {
        project.extraEnvironment["GCPCTL_HTTP_TIMEOUT_MS"] = "1200"
    }

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
    @Test(arguments: [FaultRule.Action.status(code: 503), lostAnswer])
    func anUncertainBuildStartIsLookedForThenRetriedOnce(fault: FaultRule.Action) async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            Self.shortenTimeouts(project)
            project.emulator.inject(FaultRule(methodID: "cloudbuild.projects.locations.builds.create",
                                              action: fault))
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("starting the build may not have completed"))
            let builds = project.stored(EmulatorCollections.builds)
            #expect(builds.count == 1, "one build, not two: \(builds.keys.sorted())")
            let creates = project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").count
            #expect(creates == (fault == Self.lostAnswer ? 1 : 2))
            #expect(project.dockerImages.count == 1)
        }
    }

    /// A Cloud Run operation that fails once costs a second revision, not the deploy.
    @Test func aRevisionThatFailsOnceIsDeployedAgainInTheSameRun() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            project.emulator.inject(FaultRule(methodID: "run.projects.locations.services.create",
                                              action: .failOperation(message: "Revision failed (injected).")))
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("Revision failed (injected).") && run.diagnostics.contains("Trying once more with a new revision."))
            #expect(project.names(EmulatorCollections.runRevisions).count == 2)
        }
    }

    /// Both attempts failed: the service is left with a revision that does not serve.
    static func failTwice(_ project: EmulatedProject) {
        for method in ["run.projects.locations.services.create", "run.projects.locations.services.patch"] {
            project.emulator.inject(FaultRule(methodID: method, action: .failOperation(message: "Revision failed (injected).")))
        }
    }

    /// A deploy whose Cloud Run operations failed leaves a revision that does not serve; the
    /// next deploy of the same spec starts a new revision instead of calling it unchanged.
    @Test func aRevisionThatFailedIsReplacedByTheNextDeploy() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            Self.failTwice(project)
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

    /// An update whose answer was lost was applied: the client's repeat meets a new etag
    /// (409 ABORTED). Deploy sees its own spec in place and waits for it instead of failing.
    @Test func anUpdateRepeatedAfterALostAnswerWaitsForTheFirstInsteadOfFailing() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            Self.shortenTimeouts(project)
            Self.failTwice(project)
            let options = DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck)
            #expect(await project.deploy(options).status == .operationFailed)
            project.emulator.clearRequests()

            project.emulator.inject(FaultRule(methodID: "run.projects.locations.services.patch", action: Self.lostAnswer))
            let run = await project.deploy(options)
            #expect(run.status == .success, "\(run.diagnostics)")
            let patches = project.emulator.requests(methodID: "run.projects.locations.services.patch")
            #expect(patches.map(\.status) == [200, 409], "the repeat met the moved etag")
            #expect(project.service("api-gateway")?["latestReadyRevision"] == project.service("api-gateway")?["latestCreatedRevision"])
        }
    }

    /// A create whose answer was lost was applied: the repeat meets 409 ALREADY_EXISTS, and
    /// the service holding gcpctl's spec is gcpctl's own, not someone else's.
    @Test func aCreateRepeatedAfterALostAnswerIsRecognisedAsItsOwn() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            Self.shortenTimeouts(project)
            project.emulator.inject(FaultRule(methodID: "run.projects.locations.services.create", action: Self.lostAnswer))
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.emulator.requests(methodID: "run.projects.locations.services.create").map(\.status) == [200, 409])
            #expect(project.names(EmulatorCollections.runRevisions).count == 1)
        }
    }
}
