import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 18 point 4: one project, several environments. deploy refuses to take over a
/// service labelled for another environment unless `--take-over`; a service deployed
/// without gcpctl is adopted with a note; status and cleanup explain what is shared.
@Suite struct TakeOverTests {
    func deployProd(_ project: EmulatedProject, takeOver: Bool) async -> EmulatedProject.Run {
        var options = DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck)
        options.takeOver = takeOver
        return await project.deploy(options, environment: "prod")
    }

    @Test func deployRefusesAnotherEnvironmentsServiceUnlessTakingItOver() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy(environment: "prod").status == .success)
            try await project.createService("api-gateway", labels: ["managed-by": "gcpctl", "gcpctl-env": "dev"])
            project.emulator.clearRequests()

            let refused = await deployProd(project, takeOver: false)
            #expect(refused.status == .configurationError)
            #expect(refused.diagnostics.contains("Cloud Run service api-gateway in us-central1 is labelled gcpctl-env=dev: it is the dev environment's, and deploying prod would replace its image and variables."))
            #expect(refused.diagnostics.contains("pass --take-over to deploy over it"))
            #expect(project.mutatingRequests.isEmpty, "\(project.mutatingRequests.map(\.url))")
            #expect(project.service("api-gateway")?["labels"]?["gcpctl-env"] == "dev")

            let taken = await deployProd(project, takeOver: true)
            #expect(taken.status == .success, "\(taken.diagnostics)")
            #expect(taken.diagnostics.contains("taking over Cloud Run service api-gateway from dev (--take-over): it will be prod's"))
            #expect(project.service("api-gateway")?["labels"]?["gcpctl-env"] == "prod")
        }
    }

    /// A service the bash scripts deployed (no labels) is adopted, and deploy says so.
    @Test func aServiceDeployedWithoutGcpctlIsAdoptedWithANote() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            try await project.createService("api-gateway", labels: nil)
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("adopting Cloud Run service api-gateway, deployed without gcpctl: it gets the labels managed-by=gcpctl, gcpctl-env=dev"))
            #expect(project.service("api-gateway")?["labels"]?["managed-by"] == "gcpctl")
        }
    }

    @Test func statusExplainsWhatIsSharedWithAnotherEnvironment() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            #expect(project.emulator.setBucketLabel("clone-uploads-dev", key: Environment.environmentLabelKey, value: "prod"))
            let (_, document) = try await project.statusDocument()
            let row = try #require(document.row("bucket", "clone-uploads-dev"))
            #expect(row.state == "drift")
            #expect(row.reason == "shared with prod: it has prod's labels (same name, same project); setup or deploy for dev would make it dev's")
        }
    }

    @Test func cleanupExplainsWhatIsSharedAndKeepsIt() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            #expect(project.emulator.setBucketLabel("clone-uploads-dev", key: Environment.environmentLabelKey, value: "prod"))
            let run = await project.cleanupAll()
            #expect(run.diagnostics.contains("Shared project: 1 labelled for prod. Environments in one project share what has the same name; deleting these for dev would delete them for the other environment too, so cleanup keeps them (--include-unmanaged offers them)."))
            #expect(run.output.contains("kept, shared with prod, whose labels it has; --include-unmanaged offers it (1): bucket clone-uploads-dev"))
            #expect(project.names(EmulatorCollections.buckets) == ["clone-uploads-dev"])
        }
    }
}
