import GoogleCloud

/// What dead lettering needs and the API does not grant: the Pub/Sub service agent publishes
/// to the dead-letter topic and acknowledges on the subscription
/// (https://cloud.google.com/pubsub/docs/handling-failures#grant_forwarding_permissions).
/// Without them messages are never forwarded, and nothing says so.
struct DeadLetterGrants: Sendable {
    var subscription: String
    /// `projects/P/topics/T`.
    var deadLetterTopic: String
    var projectNumber: String

    var agent: String { PubSubAPI.serviceAgent(projectNumber: projectNumber) }
    var topicID: String { String(deadLetterTopic.split(separator: "/").last ?? "") }

    static let publisher = "roles/pubsub.publisher", subscriber = "roles/pubsub.subscriber"

    /// Both policies, read together.
    func areHeld(in context: ResourceContext) async throws -> Bool {
        async let topicPolicy = context.pubsub.iamPolicy(project: context.project, .topic(topicID))
        let subscriptionPolicy = try await context.pubsub.iamPolicy(project: context.project, .subscription(subscription))
        return try await topicPolicy.members(of: Self.publisher).contains(agent)
            && subscriptionPolicy.members(of: Self.subscriber).contains(agent)
    }

    /// Read-modify-write of each policy; one that holds the grant already is not written.
    func grant(in context: ResourceContext) async throws {
        async let topic = context.pubsub.grant(Self.publisher, to: agent, on: .topic(topicID), project: context.project)
        _ = try await context.pubsub.grant(Self.subscriber, to: agent, on: .subscription(subscription), project: context.project)
        _ = try await topic
    }
}
