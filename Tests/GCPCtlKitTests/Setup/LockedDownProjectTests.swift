import Foundation
import GCPEmulator
import Testing
@testable import GCPCtlKit

/// Issue 16 point 8's smaller behaviours of real, locked-down projects: key creation
/// refused by iam.disableServiceAccountKeyCreation, the Cloud Billing Catalog disabled on the
/// caller's quota project, and `deploy --tag` checked as Cloud Run checks it.
@Suite struct LockedDownProjectTests {
    @Test func createKeyExplainsTheOrganisationPolicyThatRefusesIt() async throws {
        try await withEmulatedProject({ $0.secureByDefault = true }) { project in
            let path = project.directory.url.appendingPathComponent("runtime-key.json").path
            let run = await project.setup(SetupWorkflow(resources: .init(keyFile: path), executor: fastExecutor))
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("no key was created for digitwinlive-sa@demo-project.iam.gserviceaccount.com: the organisation policy constraints/iam.disableServiceAccountKeyCreation forbids service account keys"),
                    "\(run.diagnostics)")
            #expect(run.diagnostics.contains("--impersonate-service-account"))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func costLiveSaysTheCatalogNeedsCloudBillingOnTheQuotaProject() async throws {
        try await withEmulatedProject { project in
            // Google's answer when the quota project has not enabled the API.
            let disabled = #"{"error":{"code":403,"message":"Cloud Billing API has not been used in project 123456789012 before or it is disabled.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED","domain":"googleapis.com","metadata":{"service":"cloudbilling.googleapis.com","consumer":"projects/123456789012"}}]}}"#
            project.emulator.inject(FaultRule(methodID: "cloudbilling.services.list",
                                              action: .body(code: 403, contentType: "application/json", text: disabled), times: 0))
            let run = await CostRun.run(CostWorkflow(mode: .live), in: project)
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("cost --live reads current prices from the Cloud Billing Catalog API, which Google bills to your quota project projects/123456789012"),
                    "\(run.diagnostics)")
            #expect(run.diagnostics.contains("gcloud services enable cloudbilling.googleapis.com --project=123456789012"))
        }
    }

    @Test func revisionTagsFollowCloudRunsRules() {
        #expect(RevisionTag.problem("candidate") == nil)
        #expect(RevisionTag.problem("pr-42") == nil)
        #expect(RevisionTag.problem("Candidate")?.contains("must start with a lowercase letter") == true)
        #expect(RevisionTag.problem("4ever")?.contains("must start with a lowercase letter") == true)
        #expect(RevisionTag.problem("pr_42")?.contains("only lowercase letters, digits and dashes") == true)
        #expect(RevisionTag.problem("pr-")?.contains("must not end with a dash") == true)
        #expect(RevisionTag.problem(String(repeating: "a", count: 46)) != nil)
        #expect(RevisionTag.problem(String(repeating: "a", count: 35), service: "api-gateway") == nil, "35 + 11 = 46")
        #expect(RevisionTag.problem(String(repeating: "a", count: 36), service: "api-gateway")?
            .contains("are 47 characters together; Cloud Run allows 46: choose a tag of at most 35 characters") == true)
    }

    @Test func aTagTooLongForAServiceStopsTheDeployBeforeAnythingChanges() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            project.emulator.clearRequests()
            let tag = String(repeating: "t", count: 30)  // 30 + 23 (face-processing-service) > 46
            let run = await project.deploy(DeployOptions(tag: tag, healthCheck: quickHealthCheck))
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("and the service name face-processing-service are 53 characters together"), "\(run.diagnostics)")
            #expect(project.mutatingRequests.isEmpty)
        }
    }
}
