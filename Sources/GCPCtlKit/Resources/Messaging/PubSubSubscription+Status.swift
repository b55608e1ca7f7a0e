import GoogleCloud

extension PubSubSubscription: StatusDescribing {
    func statusDetails(of state: State, extra: Void?) -> [StatusDetail] {
        let observed = state.subscription
        let deadLetter = observed.deadLetterPolicy.map {
            "\($0.deadLetterTopic?.split(separator: "/").last.map(String.init) ?? "?") after \($0.maxDeliveryAttempts ?? Environment.defaultMaxDeliveryAttempts) attempts"
        }
        return [
            StatusDetail("topic", column: "TOPIC", observed.topic?.split(separator: "/").last.map(String.init)),
            StatusDetail("delivery", column: "DELIVERY", observed.pushEndpoint.map { "push \($0)" } ?? "pull"),
            StatusDetail("ackDeadlineSeconds", column: "ACK DEADLINE", observed.ackDeadlineSeconds.map { "\($0)s" }),
            StatusDetail("messageRetention", column: "RETENTION", PubSubDurations.text(observed.messageRetentionDuration)),
            StatusDetail("deadLetter", column: "DEAD LETTER", deadLetter ?? "none"),
        ]
    }

    /// A subscription Google cannot deliver for (its push endpoint's or dead-letter topic's
    /// permissions were revoked) is unhealthy; dead-lettering without the agent's grants
    /// forwards nothing.
    func health(of state: State, extra: Void?, environment: Environment) -> StatusFinding? {
        if state.subscription.state == "RESOURCE_ERROR" {
            return StatusFinding(state: .unhealthy, reason: "Pub/Sub reports RESOURCE_ERROR: it cannot deliver (check the push endpoint and the dead-letter topic)",
                                 fix: StatusFix.setup(environment))
        }
        return nil
    }
}
