extension EnvironmentResolver {
    /// Durations that do not parse stay as written, as -1: the validator reports them.
    func resolve(_ pubsub: EnvironmentFile.PubSub, template: NameTemplate, labels: [String: String]) -> Environment.PubSub {
        Environment.PubSub(
            topics: (pubsub.topics ?? []).map { topic in
                .init(name: template.expand(topic.name), retentionSeconds: topic.messageRetention.map(Self.seconds),
                      labels: labels.merging(topic.labels ?? [:]) { _, own in own })
            },
            subscriptions: (pubsub.subscriptions ?? []).map { subscription in
                .init(
                    name: template.expand(subscription.name),
                    topic: template.expand(subscription.topic),
                    ackDeadlineSeconds: subscription.ackDeadlineSeconds ?? Environment.defaultAckDeadlineSeconds,
                    retentionSeconds: subscription.messageRetention.map(Self.seconds) ?? Environment.defaultSubscriptionRetentionSeconds,
                    deadLetter: subscription.deadLetter.map {
                        .init(topic: template.expand($0.topic), maxDeliveryAttempts: $0.maxDeliveryAttempts ?? Environment.defaultMaxDeliveryAttempts)
                    },
                    retry: subscription.retry.map {
                        .init(minimumBackoffSeconds: $0.minimumBackoff.map(Self.seconds) ?? 10,
                              maximumBackoffSeconds: $0.maximumBackoff.map(Self.seconds) ?? 600)
                    },
                    push: subscription.push.map { .init(service: template.expand($0.service), path: $0.path ?? "/") },
                    labels: labels.merging(subscription.labels ?? [:]) { _, own in own })
            })
    }

    /// `10m`, `7d`, `600s`, `0s` → seconds; -1 when malformed.
    static func seconds(_ text: String) -> Int {
        text == "0s" ? 0 : LogQuery.duration(text) ?? -1
    }
}
