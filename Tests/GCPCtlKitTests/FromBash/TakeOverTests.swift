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

    /// Production beside dev in the project the scripts made: the scripts' instance is dev's
    /// once adopted, so production gets its own; the password secret both share by name is
    /// set on production's instance before anything logs in with it (pgvector).
    @Test func productionBesideDevGetsItsOwnInstance() async throws {
        try await withScriptsProject { project in
            #expect(await project.setup().status == .success)
            project.directory.write(".env.production", ScriptsProject.dotEnv.replacingOccurrences(of: "-dev\n", with: "-prod\n"))
            let run = await project.setup(SetupWorkflow(only: [.sql], executor: fastExecutor), environment: "prod")
            #expect(run.status == .success, "\(run.output)\n\(run.diagnostics)")
            #expect(run.output.contains("+ create Cloud SQL instance digitwinlive-db-prod"))
            #expect(!run.output.contains("⇐ adopt"))
            #expect(project.sqlInstances == ["digitwinlive-db", "digitwinlive-db-prod"])

            // The shared Data API copy is unchanged for production's instance, and an unchanged
            // item does not wait for its own dependencies: the extension waits for the password.
            let sql = try #require(try await project.resourceContext(environment: "prod").environment.cloudSQL)
            #expect(SQLExtension(sql, name: "vector", region: "us-central1").dependencies
                .contains(ResourceID(.sqlUser, "digitwinlive-db-prod/postgres")))
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
