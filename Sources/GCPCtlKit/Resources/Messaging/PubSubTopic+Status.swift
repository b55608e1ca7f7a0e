import GoogleCloud

extension PubSubTopic: StatusDescribing {
    /// The subscriptions attached to it, whoever made them.
    func observeExtra(in context: ResourceContext) async throws -> [String] {
        try await context.pubsub.topicSubscriptions(project: context.project, topic: topic.name)
    }

    func statusDetails(of state: PubSubAPI.Topic, extra: [String]?) -> [StatusDetail] {
        [
            StatusDetail("messageRetention", column: "RETENTION", PubSubDurations.text(state.messageRetentionDuration) ?? "none"),
            extra.map { StatusDetail("subscriptionCount", column: "SUBSCRIPTIONS", $0.count) }
                ?? StatusDetail("subscriptionCount", column: "SUBSCRIPTIONS", nil),
        ]
    }
}
