extension EnvironmentValidator {
    static let pubsubRetention = 600...(31 * 86_400)

    mutating func checkPubSub() {
        guard let pubsub = environment.pubsub else { return }
        let root = DocumentPath.root.key("pubsub")
        for (index, topic) in pubsub.topics.enumerated() {
            let path = root.key("topics").index(index)
            checkName(path.key("name"), topic.name, rule: NamingRules.pubsubIDProblem)
            if let seconds = topic.retentionSeconds {
                check(path.key("messageRetention"), durationProblem(seconds, range: Self.pubsubRetention, what: "10m to 31d"))
            }
            checkLabels(topic.labels, at: path.key("labels"), inheriting: environment.labels)
        }
        checkUnique(pubsub.topics.map(\.name), at: { root.key("topics").index($0).key("name") }, what: "topic names")
        let topics = pubsub.topics.map(\.name)
        for (index, subscription) in pubsub.subscriptions.enumerated() {
            let path = root.key("subscriptions").index(index)
            checkName(path.key("name"), subscription.name, rule: NamingRules.pubsubIDProblem)
            check(path.key("topic"), undeclaredProblem(subscription.topic, among: topics, what: "topics"))
            if !(10...600).contains(subscription.ackDeadlineSeconds) {
                check(path.key("ackDeadlineSeconds"), "\(subscription.ackDeadlineSeconds) is out of range; use 10 to 600 seconds")
            }
            check(path.key("messageRetention"), durationProblem(subscription.retentionSeconds, range: Self.pubsubRetention, what: "10m to 31d"))
            if let deadLetter = subscription.deadLetter {
                check(path.key("deadLetter").key("topic"), undeclaredProblem(deadLetter.topic, among: topics, what: "topics"))
                if deadLetter.topic == subscription.topic {
                    check(path.key("deadLetter").key("topic"), "the dead-letter topic must not be the subscription's own topic")
                }
                if !(5...100).contains(deadLetter.maxDeliveryAttempts) {
                    check(path.key("deadLetter").key("maxDeliveryAttempts"), "\(deadLetter.maxDeliveryAttempts) is out of range; use 5 to 100")
                }
            }
            if let retry = subscription.retry {
                check(path.key("retry").key("minimumBackoff"), durationProblem(retry.minimumBackoffSeconds, range: 0...600, what: "0s to 600s"))
                check(path.key("retry").key("maximumBackoff"), durationProblem(retry.maximumBackoffSeconds, range: 0...600, what: "0s to 600s"))
                if retry.minimumBackoffSeconds > retry.maximumBackoffSeconds {
                    check(path.key("retry"), "minimumBackoff must not be longer than maximumBackoff")
                }
            }
            if let push = subscription.push {
                checkServiceTarget(push.service, path: push.path, at: path.key("push"))
            }
            checkLabels(subscription.labels, at: path.key("labels"), inheriting: environment.labels)
        }
        checkUnique(pubsub.subscriptions.map(\.name), at: { root.key("subscriptions").index($0).key("name") }, what: "subscription names")
    }

    /// A push endpoint or an HTTP target: a declared service, and a path on it.
    mutating func checkServiceTarget(_ service: String, path: String, at location: DocumentPath) {
        if !wasDropped("services") {
            check(location.key("service"), undeclaredProblem(service, among: environment.services.map(\.name), what: "services"))
        }
        if !path.hasPrefix("/") || path.contains(where: { $0 == " " || $0 == "?" || $0 == "#" }) {
            check(location.key("path"), "'\(path)' is not a path; start it with / and leave out spaces, ? and #")
        }
    }

    /// `-1` is what the resolver makes of a duration it cannot read.
    func durationProblem(_ seconds: Int, range: ClosedRange<Int>, what: String) -> String? {
        if seconds < 0 { return "not a duration; write a number and a unit: 30s, 10m, 2h or 7d" }
        return range.contains(seconds) ? nil : "\(seconds) seconds is out of range; use \(what)"
    }

    func undeclaredProblem(_ name: String, among declared: [String], what: String) -> String? {
        guard !declared.contains(name) else { return nil }
        return "'\(name)' is not one of the \(what) this environment declares (\(declared.joined(separator: ", ")))"
            + Suggestion.phrase(for: name, in: declared)
    }
}
