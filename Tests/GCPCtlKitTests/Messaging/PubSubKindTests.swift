import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// Production's Pub/Sub (environments/production.yaml): topics, then the push subscription
/// with its dead-letter topic and the service agent's grants; nothing twice; plan, status,
/// list and delete by identity.
@Suite struct PubSubKindTests {
    static let topic = "projects/\(EmulatedProject.project)/topics/jobs-prod"
    static let deadTopic = "projects/\(EmulatedProject.project)/topics/jobs-dead-prod"
    static let subscription = "projects/\(EmulatedProject.project)/subscriptions/jobs-worker-prod"

    func prod(_ project: EmulatedProject, _ name: String, format: OutputFormat = .text,
              _ body: @escaping @Sendable (CommandContext, CloudConnector) async throws -> GCPCtlKit.ExitStatus) async -> EmulatedProject.Run {
        await project.run(name, settings: GlobalSettings(environment: "prod", assumeYes: true, format: format), body)
    }

    func agentRoles(_ project: EmulatedProject, on resource: String) -> [String] {
        let bindings = project.resource(EmulatorCollections.iamPolicies, resource)?["bindings"]?.arrayValue ?? []
        return bindings.filter { binding in
            (binding["members"]?.arrayValue ?? []).contains { $0.stringValue?.hasSuffix("@gcp-sa-pubsub.iam.gserviceaccount.com") == true }
        }.compactMap { $0["role"]?.stringValue }
    }

    @Test func setupCreatesTopicsThenThePushSubscriptionAndASecondRunSendsNothing() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup(environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            let topic = try #require(project.resource(EmulatorCollections.pubsubTopics, Self.topic))
            #expect(topic["labels"]?["managed-by"]?.stringValue == "gcpctl")
            #expect(project.resource(EmulatorCollections.pubsubTopics, Self.deadTopic)?["messageRetentionDuration"]?.stringValue == "604800s")
            let subscription = try #require(project.resource(EmulatorCollections.pubsubSubscriptions, Self.subscription))
            #expect(subscription["topic"]?.stringValue == Self.topic)
            #expect(subscription["ackDeadlineSeconds"]?.intValue == 60)
            #expect(subscription[path: "deadLetterPolicy.deadLetterTopic"]?.stringValue == Self.deadTopic)
            #expect(subscription[path: "deadLetterPolicy.maxDeliveryAttempts"]?.intValue == 5)
            #expect(subscription[path: "retryPolicy.minimumBackoff"]?.stringValue == "10s")
            #expect(subscription[path: "expirationPolicy"]?.objectValue?.isEmpty == true, "never expires")
            let endpoint = try #require(subscription[path: "pushConfig.pushEndpoint"]?.stringValue)
            #expect(endpoint.hasPrefix("https://face-processing-service-") && endpoint.hasSuffix(".us-central1.run.app/pubsub/jobs"))
            #expect(subscription[path: "pushConfig.oidcToken.serviceAccountEmail"]?.stringValue
                    == "digitwinlive-sa@\(EmulatedProject.project).iam.gserviceaccount.com")
            #expect(agentRoles(project, on: Self.deadTopic) == ["roles/pubsub.publisher"])
            #expect(agentRoles(project, on: Self.subscription) == ["roles/pubsub.subscriber"])
            #expect(run.diagnostics.contains("face-processing-service is not deployed yet"), "\(run.diagnostics)")

            // Dependency order: every topic before the subscription.
            let creates = project.emulator.requests().filter(\.mutating).compactMap(\.methodID)
            let subscriptionCreate = try #require(creates.firstIndex(of: "pubsub.projects.subscriptions.create"))
            #expect(creates.indices.filter { creates[$0] == "pubsub.projects.topics.create" }.allSatisfy { $0 < subscriptionCreate })

            project.emulator.clearRequests()
            let again = await project.setup(environment: "prod")
            #expect(again.status == .success, "\(again.diagnostics)")
            #expect(project.mutatingRequests.map(\.methodID) == [], "a second setup changes nothing")
            #expect(await project.plan(environment: "prod").output.contains("No changes"))
        }
    }

    @Test func planShowsEachFieldThatDiffersAndSetupPatchesOnlyThose() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.editEnvironment("production") {
                $0.replacingOccurrences(of: "ackDeadlineSeconds: 60", with: "ackDeadlineSeconds: 120")
                    .replacingOccurrences(of: "      messageRetention: 7d\n  subscriptions", with: "      messageRetention: 3d\n  subscriptions")
            }
            let plan = await project.plan(environment: "prod")
            #expect(plan.output.contains("ackDeadlineSeconds: 60 → 120"), "\(plan.output)")
            #expect(plan.output.contains("messageRetention: 7d → 3d"), "\(plan.output)")
            project.emulator.clearRequests()
            #expect(await project.setup(environment: "prod").status == .success)
            #expect(project.mutatingRequests.compactMap(\.methodID).sorted()
                    == ["pubsub.projects.subscriptions.patch", "pubsub.projects.topics.patch"])
            #expect(project.resource(EmulatorCollections.pubsubSubscriptions, Self.subscription)?["ackDeadlineSeconds"]?.intValue == 120)
            #expect(project.resource(EmulatorCollections.pubsubTopics, Self.deadTopic)?["messageRetentionDuration"]?.stringValue == "259200s")
        }
    }

    @Test func missingDeadLetterGrantsAreAPlannedChangeAndAreGrantedAgain() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.emulator.mutateState { _ = $0.removeResource(EmulatedProject.project, EmulatorCollections.iamPolicies, Self.subscription) }
            let plan = await project.plan(environment: "prod")
            #expect(plan.output.contains("deadLetter.permissions: missing → granted"), "\(plan.output)")
            project.emulator.clearRequests()
            #expect(await project.setup(environment: "prod").status == .success)
            #expect(project.mutatingRequests.compactMap(\.methodID) == ["pubsub.projects.subscriptions.setIamPolicy"])
            #expect(agentRoles(project, on: Self.subscription) == ["roles/pubsub.subscriber"])
        }
    }

    @Test func statusShowsTheMessagingRowsAndTheirDrift() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let status = await project.status(environment: "prod")
            #expect(status.output.contains("=== Pub/Sub ==="), "\(status.output)")
            let lines = status.output.split(separator: "\n")
            let worker = try #require(lines.first { $0.contains("jobs-worker-prod") })
            #expect(worker.contains("ok") && worker.contains("push https://face-processing-service-") && worker.contains("jobs-dead-prod after 5 attempts"))
            #expect(lines.contains { $0.contains("jobs-dead-prod") && $0.contains("7d") })

            // Changed behind gcpctl's back: drift, fixed by setup.
            let context = try await project.resourceContext(environment: "prod")
            var changed = try #require(try await context.pubsub.subscription(project: context.project, id: "jobs-worker-prod"))
            changed.ackDeadlineSeconds = 30
            _ = try await context.pubsub.patchSubscription(project: context.project, id: "jobs-worker-prod", changed, updateMask: ["ackDeadlineSeconds"])
            let drifted = await project.status(environment: "prod")
            let row = try #require(drifted.output.split(separator: "\n").first { $0.contains("jobs-worker-prod") })
            #expect(row.contains("drift"), "\(drifted.output)")
            #expect(drifted.output.contains("ackDeadlineSeconds: 30 → 60"), "\(drifted.output)")
        }
    }

    @Test func listShowsOwnersAndDeleteRemovesBySubscriptionThenTopicName() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let context = try await project.resourceContext(environment: "prod")
            _ = try await context.pubsub.createTopic(project: context.project, id: "someone-elses", PubSubAPI.Topic())

            let listed = await prod(project, "list", format: .json) { context, connector in
                try await ListWorkflow(kinds: [.pubsubTopic, .pubsubSubscription], includeUnmanaged: true).run(context, connector: connector)
            }
            let document = try JSONDecoder().decode(ListDocument.self, from: Data(listed.output.utf8))
            let rows = document.resources.map { "\($0.kind) \($0.name) \($0.managed) \($0.environment ?? "-")" }
            #expect(rows.sorted() == [
                "subscription jobs-worker-prod true prod", "topic jobs-dead-prod true prod",
                "topic jobs-prod true prod", "topic someone-elses false -",
            ], "\(listed.output)")

            let refused = await prod(project, "delete") { context, connector in
                try await DeleteWorkflow(kind: .pubsubTopic, name: "someone-elses", force: false).run(context, connector: connector)
            }
            #expect(refused.status != .success)
            #expect(project.resource(EmulatorCollections.pubsubTopics, "projects/\(EmulatedProject.project)/topics/someone-elses") != nil)

            for (kind, name) in [(ResourceKind.pubsubSubscription, "jobs-worker-prod"), (.pubsubTopic, "jobs-prod")] {
                let deleted = await prod(project, "delete") { context, connector in
                    try await DeleteWorkflow(kind: kind, name: name, force: false).run(context, connector: connector)
                }
                #expect(deleted.status == .success, "\(deleted.diagnostics)")
            }
            #expect(project.resource(EmulatorCollections.pubsubSubscriptions, Self.subscription) == nil)
            #expect(project.resource(EmulatorCollections.pubsubTopics, Self.topic) == nil)
        }
    }

    @Test func costPricesTheThroughputBeyondTheFreeTier() async throws {
        let directory = ScratchDirectory()
        Repository.writeEnvironment("production", to: directory)
        let environment = try await directory.loader(["GCP_PROJECT_ID": "my-project-123"]).load(EnvironmentRequest(name: "prod"))
        var estimator = CostEstimator(environment: environment, observed: nil, prices: PriceBook.builtIn)
        let costs = try estimator.pubsub()
        let lines = try #require(costs.first).lines
        #expect(lines.map(\.item) == ["message delivery", "free tier"])
        #expect(lines.reduce(Decimal(0)) { $0 + $1.monthlyCost } == 0, "1 GiB a month is inside the 10 GiB free tier")
    }

    @Test(arguments: [
        ("ackDeadlineSeconds: 60", "ackDeadlineSeconds: 5", "use 10 to 600 seconds"),
        ("      topic: jobs-{env}\n      ackDeadlineSeconds", "      topic: jobz-{env}\n      ackDeadlineSeconds", "not one of the topics"),
        ("        topic: jobs-dead-{env}", "        topic: jobs-{env}", "must not be the subscription's own topic"),
        ("maxDeliveryAttempts: 5", "maxDeliveryAttempts: 200", "use 5 to 100"),
        ("{minimumBackoff: 10s, maximumBackoff: 600s}", "{minimumBackoff: 10s, maximumBackoff: 9000s}", "use 0s to 600s"),
        ("push: {service: face-processing-service,", "push: {service: face-procesing-service,", "did you mean 'face-processing-service'"),
        ("    - name: jobs-dead-{env}", "    - name: goog-dead-{env}", "not start with 'goog'"),
        ("      messageRetention: 7d\n  subscriptions", "      messageRetention: 7 days\n  subscriptions", "not a duration"),
    ])
    func badPubSubSettingsAreRefusedWithTheKey(original: String, replacement: String, message: String) async {
        await expectProductionRefused(replacing: original, with: replacement, message: message, key: "pubsub.")
    }
}
