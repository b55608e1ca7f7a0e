import Foundation
import GCPEmulator
import GoogleCloud
import Testing
@testable import GCPCtlKit

/// Issue 16 point 1: builds run as the environment's own build account, named in
/// `serviceAccount` with gcpctl's logs bucket; deploy checks the account exists and holds its
/// roles before it uploads anything; a 403 for `actAs` says what the deployer lacks; the
/// staging bucket is used only when it is this project's.
@Suite struct BuildAccountTests {
    static let email = "digitwinlive-build@demo-project.iam.gserviceaccount.com"
    static let member = "serviceAccount:\(email)"

    func policy(_ key: String, in project: EmulatedProject) -> [String: [String]] {
        let bindings = project.resource("iam.policies", key)?["bindings"]?.arrayValue ?? []
        return Dictionary(bindings.compactMap { binding in
            binding["role"]?.stringValue.map { ($0, binding["members"]?.arrayValue?.compactMap(\.stringValue) ?? []) }
        }, uniquingKeysWith: { $0 + $1 })
    }

    @Test func setupGrantsTheBuildAccountOnlyWhatABuildNeedsAndBuildsRunAsIt() async throws {
        try await withEmulatedProject { project in
            let run = await project.setUpAndDeploy(["api-gateway"])
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.resource("iam.serviceAccounts", Self.email) != nil)
            #expect(project.roleBindings(of: Self.member).sorted() == ["roles/logging.logWriter"], "one project role")
            #expect(policy("b/demo-project_cloudbuild", in: project)["roles/storage.objectViewer"]?.contains(Self.member) == true)
            #expect(policy("b/demo-project_cloudbuild-logs", in: project)["roles/storage.admin"]?.contains(Self.member) == true)
            let repository = "projects/demo-project/locations/us-central1/repositories/digitwinlive"
            #expect(policy(repository, in: project)["roles/artifactregistry.writer"] == [Self.member])

            let sent = try #require(project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").first?.body)
            #expect(sent["serviceAccount"] == .string("projects/demo-project/serviceAccounts/\(Self.email)"))
            #expect(sent["logsBucket"] == "gs://demo-project_cloudbuild-logs")
            #expect(!project.emulator.requests(methodID: "storage.objects.get").filter { $0.url.contains("/b/demo-project_cloudbuild-logs/o/log-") }.isEmpty,
                    "the log is followed in gcpctl's logs bucket")
        }
    }

    @Test func deployStopsBeforeUploadingWhenTheBuildAccountIsMissing() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            _ = project.emulator.mutateState { $0.removeResource(EmulatedProject.project, "iam.serviceAccounts", Self.email) }
            project.emulator.clearRequests()
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("the build service account \(Self.email), which Cloud Build runs the builds as, does not exist; run gcpctl setup --env=dev first"),
                    "\(run.diagnostics)")
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    @Test func aRoleTakenFromTheBuildAccountIsGrantedAgainBeforeTheUpload() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let repository = "projects/demo-project/locations/us-central1/repositories/digitwinlive"
            _ = project.emulator.mutateState { $0.removeResource(EmulatedProject.project, EmulatorCollections.iamPolicies, repository) }
            project.emulator.clearRequests()
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("granted roles/artifactregistry.writer on repository digitwinlive (us-central1) to the build account \(Self.email)"),
                    "\(run.diagnostics)")
            let methods = project.emulator.requests().compactMap(\.methodID)
            let granted = try #require(methods.firstIndex(of: "artifactregistry.projects.locations.repositories.setIamPolicy"))
            let uploaded = try #require(methods.firstIndex(of: "storage.objects.insert"))
            #expect(granted < uploaded)
        }
    }

    @Test func aForbiddenActAsSaysWhatTheDeployerLacks() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let message = "caller does not have permission to act as service account projects/demo-project/serviceAccounts/\(Self.email)"
            project.emulator.inject(FaultRule(methodID: "cloudbuild.projects.locations.builds.create",
                                              action: .status(code: 403, status: "PERMISSION_DENIED", message: message), times: 0))
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("Cloud Build refused to run the build as \(Self.email)"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("needs iam.serviceAccounts.actAs on that account"))
            #expect(run.diagnostics.contains("--role=roles/iam.serviceAccountUser"))
        }
    }

    @Test func aStagingBucketOfAnotherProjectIsNeverUsed() async throws {
        try await withEmulatedProject({ $0.projects.append("other-project") }) { project in
            let storage = StorageAPI(try await project.resourceContext().cloud)
            _ = try await storage.createBucket(project: "other-project", StorageAPI.Bucket(name: "demo-project_cloudbuild", location: "US"))
            let run = await project.setup()
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("The bucket demo-project_cloudbuild is held by project \(ProjectState.projectNumber(for: "other-project")), not this one"),
                    "\(run.diagnostics)")
            #expect(project.emulator.requests(methodID: "storage.buckets.setIamPolicy").allSatisfy { !$0.url.contains("/b/demo-project_cloudbuild/") })
        }
    }
}
