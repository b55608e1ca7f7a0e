import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// `gcpctl cleanup` against the emulator, stdin scripted: what it finds, asks and deletes.
@Suite struct CleanupTests {
    static let buckets: Set = ["clone-documents-dev", "clone-face-models-dev", "clone-uploads-dev", "clone-voice-models-dev",
                               "demo-project_cloudbuild", "demo-project_cloudbuild-logs"]
    static let secrets: Set = ["database-password", "jwt-secret", "refresh-secret"]

    @Test func theMenuDeletesExactlyWhatWasChosenAfterReviewAndConfirmation() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            // Kinds, in registry order: 1 Artifact Registry, 2 buckets, 3 service accounts (the
            // runtime and the build account), 4 secrets, 5 Cloud SQL, 6 the staging bucket.
            let run = await project.cleanup(input: ["2,4", "1,4", "2", "y"], interactive: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("  2) buckets (5)"))
            #expect(run.diagnostics.contains("  3) service accounts (2)"))
            #expect(run.diagnostics.contains("  3) clone-uploads-dev (US-CENTRAL1; 0 objects, 0 B)"))
            #expect(run.output.contains("=== To delete from project demo-project, in this order ==="))
            #expect(run.output.contains("  - bucket clone-documents-dev (every object and version in it first)"))
            #expect(run.diagnostics.contains("Delete these 3 resources from project demo-project? [y/N]"))

            #expect(project.names(EmulatorCollections.buckets) == ["clone-face-models-dev", "clone-uploads-dev", "demo-project_cloudbuild",
                                                                   "demo-project_cloudbuild-logs"])
            #expect(project.names(EmulatorCollections.secrets) == ["database-password", "refresh-secret"])
            #expect(project.names(EmulatorCollections.sqlInstances) == ["digitwinlive-db-dev"])
            let deletes = project.mutatingRequests.map { $0.methodID ?? "" }.sorted()
            #expect(deletes == ["secretmanager.projects.secrets.delete", "storage.buckets.delete", "storage.buckets.delete"])
            #expect(run.output.contains("deleted (3): bucket clone-documents-dev, bucket clone-voice-models-dev, secret jwt-secret"))
            #expect(run.output.contains("kept, not chosen (10):"))
        }
    }

    @Test func quittingTheMenuOrAnsweringNoDeletesNothing() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            let quit = await project.cleanup(input: ["q"], interactive: true)
            #expect(quit.status == .configurationError)
            #expect(quit.output.contains("Cancelled; nothing was deleted."))
            let no = await project.cleanup(input: ["all", "all", "all", "n"], interactive: true)
            #expect(no.status == .configurationError)
            #expect(no.output.contains("Cancelled; nothing was deleted."))
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    @Test func aWrongDeleteAllTextCancelsWithNothingDeleted() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            let run = await project.cleanup(CleanupOptions(mode: .all), input: ["delete all"], interactive: true)
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("Type DELETE ALL to confirm:"))
            #expect(run.diagnostics.contains("'delete all' is not 'DELETE ALL'; cancelled"))
            #expect(project.mutatingRequests.isEmpty)
            #expect(project.names(EmulatorCollections.buckets) == CleanupTests.buckets)
        }
    }

    @Test func typingDeleteAllDeletesEverything() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let run = await project.cleanup(CleanupOptions(mode: .all), input: ["DELETE ALL"], interactive: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.names(EmulatorCollections.buckets).isEmpty)
            #expect(run.output.contains("Cleanup of development in project demo-project: 13 deleted."), "\(run.output)")
        }
    }

    @Test func selectiveAsksYesOrNoForEachKind() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            // Artifact Registry n, buckets y, service accounts y, secrets n, Cloud SQL n, staging
            // bucket n; then confirm.
            let run = await project.cleanup(CleanupOptions(mode: .selective), yes: true, input: ["n", "y", "y", "n", "n", "n"], interactive: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("Delete the 5 buckets (clone-documents-dev, clone-face-models-dev, clone-uploads-dev, clone-voice-models-dev, demo-project_cloudbuild-logs)? [y/N]"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("Delete the Cloud SQL instance digitwinlive-db-dev? [y/N]"))
            #expect(run.diagnostics.contains("Delete these 7 resources from project demo-project? yes (--yes)"), "\(run.diagnostics)")
            #expect(project.names(EmulatorCollections.buckets) == ["demo-project_cloudbuild"])
            #expect(project.names(EmulatorCollections.serviceAccounts).isEmpty)
            #expect(project.names(EmulatorCollections.secrets) == CleanupTests.secrets)
            #expect(project.names(EmulatorCollections.sqlInstances) == ["digitwinlive-db-dev"])
            #expect(project.roleBindings(of: "serviceAccount:digitwinlive-sa@demo-project.iam.gserviceaccount.com").isEmpty,
                    "the account's role bindings were removed")
        }
    }

    @Test func withoutATerminalNothingIsDeletedWithoutYes() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            let all = await project.cleanup(CleanupOptions(mode: .all, confirmProject: EmulatedProject.project))
            #expect(all.status == .configurationError)
            #expect(all.diagnostics.contains("standard input is not a terminal and --yes was not given"))
            let menu = await project.cleanup(yes: true)
            #expect(menu.status == .configurationError)
            #expect(menu.diagnostics.contains("the menu needs a terminal"))
            let noProject = await project.cleanup(CleanupOptions(mode: .all), yes: true)
            #expect(noProject.status == .configurationError)
            #expect(noProject.diagnostics.contains("pass --confirm-project=demo-project to confirm without a terminal"))
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    @Test func aMismatchedProjectRefusesBeforeLookingAtAnything() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            let run = await project.cleanup(CleanupOptions(mode: .all, confirmProject: "other-project"), yes: true)
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("--confirm-project=other-project does not match the environment's project demo-project"))
            #expect(project.emulator.requests().isEmpty)
            #expect(project.names(EmulatorCollections.buckets) == CleanupTests.buckets)
        }
    }

    @Test func aSecondCleanupFindsNothingAndSendsNoMutatingRequest() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            #expect(await project.cleanupAll().status == .success)
            project.emulator.clearRequests()
            let second = await project.cleanupAll()
            #expect(second.status == .success, "\(second.diagnostics)")
            #expect(second.diagnostics.contains("Nothing to delete"))
            #expect(project.mutatingRequests.map { "\($0.method) \($0.url)" } == [])
        }
    }

    @Test func jsonFormatPrintsOneDocumentWithEveryResourceAndItsOutcome() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let run = await project.cleanupAll(format: .json)
            #expect(run.status == .success, "\(run.diagnostics)")
            let document = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
            let resources = document?["resources"] as? [[String: Any]] ?? []
            #expect(resources.count == 13)
            #expect(resources.allSatisfy { $0["outcome"] as? String == "deleted" && $0["managedBy"] as? String == "gcpctl (dev)" })
            #expect(document?["ok"] as? Bool == true)
            let notListed = document?["notListed"] as? [[String: Any]] ?? []
            // Development enables neither Serverless VPC Access, Memorystore, Pub/Sub, Cloud Scheduler nor GKE.
            #expect(notListed.map { $0["kind"] as? String } == ["vpc-connector", "redis-instance", "pubsub-topic", "pubsub-subscription", "scheduler-job", "gke-cluster"])
        }
    }
}
