import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Cleanup finds production's topics, subscription and jobs, and deletes each topic only
/// after the subscriptions and jobs that use it, and the runtime account after the push
/// subscription and the HTTP job that act as it (kinds-design §8).
@Suite struct MessagingCleanupTests {
    @Test func cleanupDeletesSubscriptionsAndJobsBeforeTheirTopicsAndTheAccount() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.emulator.clearRequests()
            let run = await project.cleanupAll(environment: "prod", deleteProtected: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.output.contains("Pub/Sub topic jobs-prod"), "\(run.output)")
            #expect(run.output.contains("Cloud Scheduler job nightly-cleanup-prod"), "\(run.output)")
            #expect(project.names(EmulatorCollections.pubsubTopics).isEmpty)
            #expect(project.names(EmulatorCollections.pubsubSubscriptions).isEmpty)
            #expect(project.names(EmulatorCollections.schedulerJobs).isEmpty)

            let deletes = project.emulator.requests().filter(\.mutating).compactMap(\.methodID)
            func last(_ method: String) -> Int { deletes.lastIndex(of: method) ?? -1 }
            func first(_ method: String) -> Int { deletes.firstIndex(of: method) ?? .max }
            #expect(last("pubsub.projects.subscriptions.delete") < first("pubsub.projects.topics.delete"))
            #expect(last("cloudscheduler.projects.locations.jobs.delete") < first("pubsub.projects.topics.delete"))
            #expect(last("cloudscheduler.projects.locations.jobs.delete") < first("iam.projects.serviceAccounts.delete"))
            #expect(last("pubsub.projects.subscriptions.delete") < first("iam.projects.serviceAccounts.delete"))
        }
    }
}
