import Foundation

/// A subscription's settings checked and completed as Pub/Sub documents them
/// (https://cloud.google.com/pubsub/docs/reference/rest/v1/projects.subscriptions):
/// `ackDeadlineSeconds` 10 to 600 (0 or none: 10); `messageRetentionDuration` 10 minutes to
/// 31 days (none: 7 days); `expirationPolicy` absent means a 31-day ttl, present without a
/// ttl never expires, a ttl at least 1 day; `deadLetterPolicy` names an existing topic and
/// 5 to 100 attempts (0 or none: 5); `retryPolicy` backoffs 0 to 600 s (10 s and 600 s
/// unless given); a push endpoint is an https URL, its OIDC token names a service account;
/// one delivery kind at most (push, BigQuery, Cloud Storage, Bigtable).
enum PubSubSubscriptionRules {
    static let retentionRange = 600.0...2_678_400.0
    static let defaultRetention = "604800s"
    static let defaultExpiration = "2678400s"

    /// `subscription` with Google's defaults filled in, or 400 / 404 for what Google refuses.
    static func completed(_ subscription: JSONValue, state: EmulatorState, now: Date) throws -> JSONValue {
        var result = subscription
        let deadline = subscription["ackDeadlineSeconds"]?.intValue ?? 0
        guard deadline == 0 || (10...600).contains(deadline) else {
            throw APIError.invalidArgument(
                "Invalid ack_deadline_seconds given (\(deadline)): the ack deadline must be between 10 and 600 seconds.", field: "ackDeadlineSeconds")
        }
        result["ackDeadlineSeconds"] = .int(deadline == 0 ? 10 : deadline)
        try PubSubResources.checkDuration(subscription["messageRetentionDuration"], field: "message_retention_duration",
                                          range: retentionRange, rule: "it must be between 10 minutes and 31 days.")
        result["messageRetentionDuration"] = subscription["messageRetentionDuration"] ?? .string(defaultRetention)
        try ResourceLabels.check(subscription["labels"], field: "labels")
        result["expirationPolicy"] = try expirationPolicy(subscription["expirationPolicy"])
        result["deadLetterPolicy"] = try deadLetterPolicy(subscription["deadLetterPolicy"], state: state)
        result["retryPolicy"] = try retryPolicy(subscription["retryPolicy"])
        result["pushConfig"] = try pushConfig(subscription["pushConfig"], state: state, now: now)
        let deliveries = ["bigqueryConfig", "cloudStorageConfig", "bigtableConfig"].filter { subscription[$0] != nil && subscription[$0]?.isNull == false }
            + (result["pushConfig"]?["pushEndpoint"] != nil ? ["pushConfig"] : [])
        guard deliveries.count <= 1 else {
            throw APIError.invalidArgument("A subscription may have at most one of push, BigQuery, Cloud Storage or Bigtable delivery; found \(deliveries.joined(separator: ", ")).", field: deliveries[1])
        }
        return result
    }

    private static func expirationPolicy(_ policy: JSONValue?) throws -> JSONValue {
        guard let policy, !policy.isNull else { return ["ttl": .string(defaultExpiration)] }
        guard let ttl = policy["ttl"]?.stringValue else { return [:] }
        guard let seconds = ProtoDuration.seconds(ttl), seconds >= 86_400 else {
            throw APIError.invalidArgument("Invalid expiration_policy.ttl given (\(ttl)): the minimum is 1 day.", field: "expirationPolicy.ttl")
        }
        return policy
    }

    private static func deadLetterPolicy(_ policy: JSONValue?, state: EmulatorState) throws -> JSONValue? {
        guard let policy, !policy.isNull else { return nil }
        let topic = policy["deadLetterTopic"]?.stringValue ?? ""
        let (_, id) = try PubSubResources.checkName(topic, PubSubResources.topics, field: "dead_letter_topic")
        guard let stored = PubSubTopicsAPI.existing(topic, state: state) else { throw PubSubResources.notFound(id) }
        let attempts = policy["maxDeliveryAttempts"]?.intValue ?? 0
        guard attempts == 0 || (5...100).contains(attempts) else {
            throw APIError.invalidArgument(
                "Invalid max_delivery_attempts given (\(attempts)): it must be between 5 and 100.", field: "deadLetterPolicy.maxDeliveryAttempts")
        }
        var completed = policy
        completed["deadLetterTopic"] = .string(stored)
        completed["maxDeliveryAttempts"] = .int(attempts == 0 ? 5 : attempts)
        return completed
    }

    private static func retryPolicy(_ policy: JSONValue?) throws -> JSONValue? {
        guard let policy, !policy.isNull else { return nil }
        for field in ["minimumBackoff", "maximumBackoff"] {
            try PubSubResources.checkDuration(policy[field], field: "retry_policy.\(field == "minimumBackoff" ? "minimum_backoff" : "maximum_backoff")",
                                              range: 0...600, rule: "it must be between 0 and 600 seconds.")
        }
        var completed = policy
        completed["minimumBackoff"] = policy["minimumBackoff"] ?? "10s"
        completed["maximumBackoff"] = policy["maximumBackoff"] ?? "600s"
        let minimum = ProtoDuration.seconds(completed["minimumBackoff"]?.stringValue ?? "") ?? 0
        let maximum = ProtoDuration.seconds(completed["maximumBackoff"]?.stringValue ?? "") ?? 0
        guard minimum <= maximum else {
            throw APIError.invalidArgument("Invalid retry_policy: minimum_backoff must not be greater than maximum_backoff.", field: "retryPolicy")
        }
        return completed
    }

    /// Push: an https endpoint, with Google's default wrapper version attribute; an OIDC
    /// token needs the endpoint and a service account that exists. Pull: `{}`.
    private static func pushConfig(_ config: JSONValue?, state: EmulatorState, now: Date) throws -> JSONValue {
        guard let config, !config.isNull, config.objectValue?.isEmpty == false else { return [:] }
        guard let endpoint = config["pushEndpoint"]?.stringValue, !endpoint.isEmpty else {
            guard config["oidcToken"] == nil else {
                throw APIError.invalidArgument("An oidc_token needs a push_endpoint.", field: "pushConfig.oidcToken")
            }
            return [:]
        }
        guard let url = URLComponents(string: endpoint), url.scheme?.lowercased() == "https", url.host?.isEmpty == false else {
            throw APIError.invalidArgument(
                "Invalid push endpoint given (endpoint=\(endpoint)). Refer to https://cloud.google.com/pubsub/docs/push#properties_of_a_push_subscription for more information.",
                field: "pushConfig.pushEndpoint")
        }
        var completed = config
        if let token = config["oidcToken"], !token.isNull {
            let email = token["serviceAccountEmail"]?.stringValue ?? ""
            guard !email.isEmpty else {
                throw APIError.invalidArgument("The oidc_token needs a service_account_email.", field: "pushConfig.oidcToken.serviceAccountEmail")
            }
            if IAMServiceAccountsAPI.isVisible(email, state: state, now: now) == false {
                throw APIError.invalidArgument("Service account \(email) does not exist.", field: "pushConfig.oidcToken.serviceAccountEmail")
            }
        }
        if config["noWrapper"] == nil, config["attributes"]?["x-goog-version"] == nil {
            completed["attributes"] = .object((config["attributes"]?.objectValue ?? [:]).merging(["x-goog-version": "v1"]) { $1 })
        }
        return completed
    }
}
