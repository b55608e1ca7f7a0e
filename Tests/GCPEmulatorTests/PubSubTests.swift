import Foundation
import GCPEmulator
import Testing
import TestSupport

/// The emulator's Pub/Sub against Google's documented behaviour
/// (https://cloud.google.com/pubsub/docs/reference/rest): PUT creates, 409 and 404 texts,
/// defaults, an update mask that must name what changes, detached subscriptions.
@Suite struct PubSubTests {
    let topics = "/pubsub/v1/projects/queue-project/topics/", subscriptions = "/pubsub/v1/projects/queue-project/subscriptions/"

    @Test func topicsAndSubscriptionsAreCreatedWithGooglesDefaultsAndDetachedWhenTheTopicGoes() async throws {
        try await withClient(ungated()) { _, client in
            #expect(try await client.send("PUT", topics + "jobs", json: ["labels": ["team": "a"]]).status == 200)
            let again = try await client.send("PUT", topics + "jobs", json: [:])
            #expect(again.status == 409)
            #expect(again.errorMessage == "Resource already exists in the project (resource=jobs).")
            let missing = try await client.send("PUT", subscriptions + "worker", json: ["topic": "projects/queue-project/topics/nope"])
            #expect(missing.status == 404)
            let created = try await client.send("PUT", subscriptions + "worker", json: ["topic": "projects/queue-project/topics/jobs"])
            #expect(created.status == 200)
            #expect(created.json["ackDeadlineSeconds"] == 10)
            #expect(created.json["messageRetentionDuration"] == "604800s")
            #expect(created.json["expirationPolicy"]?["ttl"] == "2678400s", "an idle subscription expires after 31 days unless told")
            let badDeadline = try await client.send("PUT", subscriptions + "fast", json: ["topic": "projects/queue-project/topics/jobs", "ackDeadlineSeconds": 5])
            #expect(badDeadline.status == 400)

            let noMask = try await client.send("PATCH", topics + "jobs", json: ["topic": ["labels": [:]]])
            #expect(noMask.status == 400)
            let patched = try await client.send("PATCH", subscriptions + "worker",
                                                json: ["subscription": ["ackDeadlineSeconds": 60], "updateMask": "ackDeadlineSeconds"])
            #expect(patched.json["ackDeadlineSeconds"] == 60)

            #expect(try await client.send("DELETE", topics + "jobs").status == 200)
            #expect(try await client.get(subscriptions + "worker").json["topic"] == "_deleted-topic_")
        }
    }
}
