import Foundation
import GCPEmulator
import Testing
@testable import GCPCtlKit

/// Issue 16 point 2: a build is built again only when Google reports the failure as its
/// own (Build.Status INTERNAL_ERROR, or EXPIRED: it never started). A build whose step
/// failed is reported once, with its log's tail, and not built again.
@Suite struct BuildRetryTests {
    static let buildsCreate = "cloudbuild.projects.locations.builds.create"

    func builds(_ project: EmulatedProject) -> [RequestLogEntry] {
        project.emulator.requests().filter { $0.methodID == Self.buildsCreate }
    }

    @Test func aBuildWhoseStepFailedIsReportedOnceAndNotBuiltAgain() async throws {
        try await withEmulatedProject { project in
            let run = await project.deployWithFailingBuilds("api-gateway")
            #expect(run.status == .operationFailed)
            #expect(builds(project).count == 1, "one builds.create: \(builds(project).map(\.url))")
            #expect(!run.diagnostics.contains("building once more"))
            #expect(run.diagnostics.contains("building api-gateway failed: FAILURE: Build step failure"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("api-gateway | ERROR: build step 0"), "the log's tail: \(run.diagnostics)")
            #expect(project.service("api-gateway") == nil)
        }
    }

    @Test(arguments: ["INTERNAL_ERROR", "EXPIRED"])
    func aFailureOfGooglesOwnIsBuiltOnceMore(status: String) async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            project.emulator.inject(FaultRule(methodID: Self.buildsCreate,
                                              action: .failOperation(message: "\(status): the worker pool went away"), times: 1))
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(builds(project).count == 2)
            #expect(run.diagnostics.contains("Cloud Build reports \(status), a failure of its own and not of the build's steps: building once more"),
                    "\(run.diagnostics)")
            let stored = project.emulator.state(project: EmulatedProject.project)?["resources"]?["cloudbuild.builds"]?.objectValue?.values
            let statuses = Set((stored.map(Array.init) ?? []).compactMap { $0["status"]?.stringValue })
            #expect(statuses == [status, "SUCCESS"])
            #expect(project.service("api-gateway") != nil)
        }
    }

    @Test func aSecondFailureOfGooglesOwnEndsTheServicesDeploy() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            project.emulator.inject(FaultRule(methodID: Self.buildsCreate,
                                              action: .failOperation(message: "INTERNAL_ERROR: again"), times: 0))
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .operationFailed)
            #expect(builds(project).count == 2, "one more build, no more")
            #expect(run.diagnostics.contains("INTERNAL_ERROR"), "\(run.diagnostics)")
        }
    }
}
