import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 15, points 1 and 2: one ownership rule for every kind. A bucket another project
/// holds (bucket names are global) is reported and never changed or deleted, `--force`
/// included, the Cloud Build staging bucket too; a service account is gcpctl's only when
/// described as setup describes its accounts, for cleanup as for delete.
@Suite struct OwnershipTests {
    static let taken = "clone-uploads-dev"

    /// The number the emulator gives `someone-elses-project`.
    static var holder: String { ProjectState.projectNumber(for: someoneElsesProject) }

    @Test func planAndSetupReportAnotherProjectsBucketAndNeverChangeIt() async throws {
        try await withEmulatedProject { project in
            #expect(project.emulator.createBucket(Self.taken, project: someoneElsesProject, labels: ["team": "theirs"]))
            let plan = await project.plan(detailedExitCode: false)
            #expect(plan.status == .operationFailed)
            #expect(plan.output.contains("cannot plan bucket \(Self.taken): The bucket \(Self.taken) is held by project \(Self.holder)"),
                    "\(plan.output)")

            let setup = await project.setup()
            #expect(setup.status == .operationFailed)
            #expect(setup.diagnostics.contains("held by project \(Self.holder)"), "\(setup.diagnostics)")
            #expect(project.requests(naming: "/b/\(Self.taken)").isEmpty, "\(project.requests(naming: "/b/\(Self.taken)"))")
            let theirs = try #require(project.bucket(Self.taken, in: someoneElsesProject))
            #expect(theirs["labels"] == ["team": "theirs"])
            #expect(theirs["lifecycle"] == nil)
            #expect(theirs[path: "iamConfiguration.uniformBucketLevelAccess.enabled"] == false)
            // Everything else was made.
            #expect(project.bucket("clone-documents-dev") != nil)
        }
    }

    @Test func statusShowsTheBucketAsHeldByAnotherProject() async throws {
        try await withEmulatedProject { project in
            #expect(project.emulator.createBucket(Self.taken, project: someoneElsesProject))
            _ = await project.setup()
            let (run, document) = try await project.statusDocument()
            #expect(run.status == .unhealthy, "\(run.diagnostics)")
            let row = try #require(document.row("bucket", Self.taken))
            #expect(row.state == "missing")
            #expect(row.reason?.contains("held by project \(Self.holder), not this one") == true, "\(row.reason ?? "")")
        }
    }

    @Test(arguments: [false, true])
    func deleteRefusesAnotherProjectsBucketEvenWithForce(force: Bool) async throws {
        try await withEmulatedProject { project in
            #expect(project.emulator.createBucket(Self.taken, project: someoneElsesProject,
                                                  labels: ["managed-by": "gcpctl", "gcpctl-env": "dev"]))
            let run = await project.delete(.bucket, Self.taken, force: force)
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("bucket \(Self.taken) is held by project \(Self.holder), not this one"), "\(run.diagnostics)")
            #expect(!run.output.contains("Deleted"))
            #expect(project.mutatingRequests.isEmpty)
            #expect(project.bucket(Self.taken, in: someoneElsesProject) != nil)
        }
    }

    @Test func deployNeverStagesSourcesInAnotherProjectsStagingBucket() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let staging = StagingBucket.name(project: EmulatedProject.project)
            // Setup made it in this project (for the build account's read on it): here
            // another project holds the name instead.
            #expect(project.emulator.deleteBucket(staging))
            #expect(project.emulator.createBucket(staging, project: someoneElsesProject))
            project.emulator.clearRequests()
            let run = await project.deploy()
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("The bucket \(staging) is held by project \(Self.holder)"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("nothing was uploaded"))
            #expect(project.requests(naming: staging).isEmpty, "\(project.requests(naming: staging))")
            #expect(project.builds.isEmpty)
        }
    }

    /// Cleanup lists buckets by project, so Google never lists another project's; should an
    /// answer carry another project's number all the same, the bucket is not offered.
    @Test func cleanupNeverOffersABucketWhoseProjectNumberIsAnothers() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            #expect(project.emulator.updateResource(project: EmulatedProject.project, collection: EmulatorCollections.buckets,
                                                    name: Self.taken) { $0["projectNumber"] = .string(Self.holder) })
            let run = await project.cleanupAll(includeUnmanaged: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.bucket(Self.taken) != nil)
            #expect(project.bucket("clone-documents-dev") == nil)
            #expect(run.output.contains("held by project \(Self.holder)"), "\(run.output)")
        }
    }

    @Test func listCountsAnotherProjectsBucketAsNotGcpctls() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            #expect(project.emulator.updateResource(project: EmulatedProject.project, collection: EmulatorCollections.buckets,
                                                    name: Self.taken) { $0["projectNumber"] = .string(Self.holder) })
            let run = await project.dayTwo("list", format: .json) { context, connector in
                try await ListWorkflow(kinds: [.bucket], includeUnmanaged: true).run(context, connector: connector)
            }
            let document = try JSONDecoder().decode(ListDocument.self, from: Data(run.output.utf8))
            #expect(document.resources.first { $0.name == Self.taken }?.managed == false)
            #expect(document.resources.first { $0.name == "clone-documents-dev" }?.managed == true)
        }
    }

    static let account = "digitwinlive-sa@\(EmulatedProject.project).iam.gserviceaccount.com"

    /// An account with the environment's id that someone made by hand, holding roles/editor.
    func arrangeHandMadeAccount(_ project: EmulatedProject) async -> EmulatedProject.Run {
        await project.dayTwo("arrange") { context, connector in
            let cloud = try await connector.resourceContext(for: context)
            _ = try await cloud.iam.createServiceAccount(project: cloud.project, accountID: "digitwinlive-sa",
                                                         displayName: "made by hand", description: "the team's deploy robot")
            var policy = try await cloud.resourceManager.iamPolicy(project: cloud.project)
            policy.grant("roles/editor", to: "serviceAccount:\(Self.account)")
            _ = try await cloud.resourceManager.setIAMPolicy(project: cloud.project, policy: policy)
            return .success
        }
    }

    @Test func cleanupAndDeleteAgreeThatAnAccountGcpctlDidNotDescribeIsNotItsOwn() async throws {
        try await withEmulatedProject { project in
            project.emulator.setServices(["iam.googleapis.com", "cloudresourcemanager.googleapis.com"], enabled: true,
                                         project: EmulatedProject.project)
            #expect(await arrangeHandMadeAccount(project).status == .success)

            let cleanup = await project.cleanupAll()
            #expect(cleanup.status == .success, "\(cleanup.diagnostics)")
            #expect(project.names(EmulatorCollections.serviceAccounts).contains(Self.account))
            #expect(project.roleBindings(of: "serviceAccount:\(Self.account)") == ["roles/editor"])
            #expect(cleanup.output.contains("not gcpctl's; --include-unmanaged offers it"), "\(cleanup.output)")

            let delete = await project.delete(.serviceAccount, "digitwinlive-sa")
            #expect(delete.status == .configurationError)
            #expect(delete.diagnostics.contains("does not have the description 'Managed by gcpctl'"), "\(delete.diagnostics)")
            #expect(project.names(EmulatorCollections.serviceAccounts).contains(Self.account))

            // --include-unmanaged offers it, and then it goes.
            let offered = await project.cleanupAll(includeUnmanaged: true)
            #expect(offered.status == .success, "\(offered.diagnostics)")
            #expect(!project.names(EmulatorCollections.serviceAccounts).contains(Self.account))
        }
    }

    @Test func theRuleTellsEveryKindApart() async throws {
        let environment = try await withEmulatedProject { try await $0.resourceContext().environment }
        let number = "111111111111"
        func owner(_ evidence: Ownership.Evidence) -> Ownership { Ownership.of(evidence, in: environment, projectNumber: number) }
        let mine = ["managed-by": "gcpctl", "gcpctl-env": environment.shortName]
        #expect(owner(.labels(mine)) == .environment)
        #expect(owner(.labels(["managed-by": "gcpctl", "gcpctl-env": "prod"])) == .otherEnvironment("prod"))
        #expect(owner(.labels(["gcpctl-env": environment.shortName])) == .unmanaged)
        #expect(owner(.labels(nil)) == .unmanaged)
        #expect(owner(.bucket(labels: mine, projectNumber: number)) == .environment)
        #expect(owner(.bucket(labels: mine, projectNumber: "222222222222")) == .otherProject(number: "222222222222"))
        let email = environment.serviceAccount.email
        #expect(owner(.serviceAccount(email: email, description: "Managed by gcpctl")) == .environment)
        #expect(owner(.serviceAccount(email: email, description: nil)) == .unmanaged)
        #expect(owner(.serviceAccount(email: "other@\(environment.project).iam.gserviceaccount.com", description: "Managed by gcpctl"))
                == .otherEnvironment(nil))
        #expect(owner(.serviceAccount(email: "\(number)-compute@developer.gserviceaccount.com", description: nil)) == .google)
        #expect(!Ownership.otherProject(number: number).isOffered(includeUnmanaged: true))
    }
}
