import Foundation
import GCPEmulator
import Testing
@testable import GCPCtlKit

/// Issue 16 point 3: public services through `invokerIamDisabled`, the `allUsers` binding
/// only where Cloud Run refuses it, and status saying which one is in force.
@Suite struct PublicAccessTests {
    @Test func whereInvokerIamDisabledIsRefusedAllUsersMakesItPublicAndASecondDeployChangesNothing() async throws {
        try await withEmulatedProject({ $0.requireInvokerIAM = true }) { project in
            let run = await project.setUpAndDeploy(["face-processing-service"])
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("face-processing-service: Cloud Run refused invokerIamDisabled"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("face-processing-service: allUsers may now invoke it (public)"))
            #expect(project.service("face-processing-service")?["invokerIamDisabled"] != true)
            #expect(project.invokers("face-processing-service") == ["allUsers"])
            let anonymous = try await project.anonymousHealth("face-processing-service")
            #expect(anonymous == 200)

            project.emulator.clearRequests()
            let again = await project.deploy(DeployOptions(services: ["face-processing-service"], healthCheck: quickHealthCheck))
            #expect(again.status == .success, "\(again.diagnostics)")
            #expect(project.mutatingRequests.isEmpty, "\(project.mutatingRequests.map(\.url))")
        }
    }

    @Test func statusShowsWhichWayAServiceIsPublicAndReportsDriftInEither() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setUpAndDeploy(["face-processing-service"]).status == .success)
            let healthy = await project.status()
            #expect(healthy.output.contains("public (invokerIamDisabled)"), "\(healthy.output)")
            #expect(!healthy.output.contains("face-processing-service: public"), "no drift: \(healthy.output)")

            // Someone turns the invoker check back on: the service is no longer public.
            let name = "projects/\(EmulatedProject.project)/locations/us-central1/services/face-processing-service"
            _ = project.emulator.updateResource(project: EmulatedProject.project, collection: "run.services", name: name) { $0["invokerIamDisabled"] = false }
            let drifted = await project.status()
            #expect(drifted.output.contains("public: true, but Cloud Run requires IAM to invoke it"), "\(drifted.output)")

            // Private in the file while allUsers may invoke it: drift too.
            project.editEnvironment { $0.replacingOccurrences(of: "    public: true\n    cloudSQL: false\n", with: "    public: false\n    cloudSQL: false\n") }
            project.emulator.mutateState { state in
                state.setResource(EmulatedProject.project, "iam.policies", name, [
                    "version": 1, "etag": "BwYAAAAAAAB=",
                    "bindings": [["role": "roles/run.invoker", "members": ["allUsers"]]],
                ])
            }
            let exposed = await project.status()
            #expect(exposed.output.contains("public: false, but anyone may invoke it (public (allUsers))"), "\(exposed.output)")
        }
    }
}
