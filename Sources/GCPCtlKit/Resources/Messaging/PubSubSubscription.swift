import GoogleCloud

/// A Pub/Sub subscription: pull, or push to a declared service's URL with an OIDC token of
/// the runtime account. Its topic cannot change (a new subscription would lose the backlog);
/// everything else patches in place. With a dead-letter topic, the Pub/Sub service agent is
/// granted what forwarding needs, which the API does not grant by itself.
public struct PubSubSubscription: KindResource {
    public let subscription: Environment.PubSubSubscription
    /// The runtime account, whose OIDC token authenticates pushes.
    public let pushAccount: String
    /// The services' region, in their URLs.
    public let region: String

    public init(_ subscription: Environment.PubSubSubscription, pushAccount: String, region: String) {
        self.subscription = subscription
        self.pushAccount = pushAccount
        self.region = region
    }

    public var identity: ResourceIdentity { ResourceIdentity(.pubsubSubscription, subscription.name) }

    public var dependencies: [ResourceID] {
        var topics = [subscription.topic]
        if let deadLetter = subscription.deadLetter { topics.append(deadLetter.topic) }
        let ids = topics.map { ResourceID(.pubsubTopic, $0) }
        return subscription.push == nil ? ids : ids + [ResourceID(.serviceAccount, pushAccount)]
    }

    public struct State: Sendable, OwnershipEvident {
        public var subscription: PubSubAPI.Subscription
        /// The project's number: the push URL and the service agent are named by it.
        public var projectNumber: String
        /// Whether the service agent holds both dead-letter grants; nil without a dead-letter topic.
        public var deadLetterGranted: Bool?

        public var ownershipEvidence: Ownership.Evidence { .labels(subscription.labels) }
    }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> State? {
        async let number = context.projectNumber()
        guard let found = try await context.pubsub.subscription(project: context.project, id: identity.name) else {
            _ = try? await number
            return nil
        }
        let projectNumber = try await number
        var granted: Bool?
        if let topic = found.deadLetterPolicy?.deadLetterTopic {
            granted = try await DeadLetterGrants(subscription: identity.name, deadLetterTopic: topic, projectNumber: projectNumber)
                .areHeld(in: context)
        }
        return State(subscription: found, projectNumber: projectNumber, deadLetterGranted: granted)
    }

    public func differences(from state: State) throws -> [FieldChange] {
        let observed = state.subscription, desired = desired(projectNumber: state.projectNumber, project: project(of: observed))
        if let topic = observed.topic, topic != desired.topic {
            throw ImmutableFieldError(resource: id, changes: [FieldChange("topic", old: topic, new: desired.topic)],
                                      advice: "A subscription's topic is fixed: name another subscription, or delete this one (its backlog goes with it).")
        }
        var changes = FieldChanges()
        changes.compare("ackDeadlineSeconds", observed: observed.ackDeadlineSeconds, desired: desired.ackDeadlineSeconds)
        changes.compare("messageRetention", observed: PubSubDurations.text(observed.messageRetentionDuration),
                        desired: PubSubDurations.text(desired.messageRetentionDuration))
        changes.compare("expiration", observed: observed.expirationPolicy?.ttl.flatMap(PubSubDurations.text) ?? "never", desired: "never")
        changes.compare("deadLetter.topic", observed: observed.deadLetterPolicy?.deadLetterTopic ?? "none",
                        desired: desired.deadLetterPolicy?.deadLetterTopic ?? "none")
        changes.compare("deadLetter.maxDeliveryAttempts", observed: observed.deadLetterPolicy?.maxDeliveryAttempts,
                        desired: desired.deadLetterPolicy?.maxDeliveryAttempts)
        if subscription.deadLetter != nil, state.deadLetterGranted != true {
            changes.append(FieldChange("deadLetter.permissions", old: "missing", new: "granted"))
        }
        changes.compare("retry.minimumBackoff", observed: PubSubDurations.text(observed.retryPolicy?.minimumBackoff) ?? "none",
                        desired: PubSubDurations.text(desired.retryPolicy?.minimumBackoff) ?? "none")
        changes.compare("retry.maximumBackoff", observed: PubSubDurations.text(observed.retryPolicy?.maximumBackoff) ?? "none",
                        desired: PubSubDurations.text(desired.retryPolicy?.maximumBackoff) ?? "none")
        changes.compare("push.endpoint", observed: observed.pushEndpoint ?? "pull", desired: desired.pushEndpoint ?? "pull")
        changes.compare("push.serviceAccount", observed: observed.pushConfig?.oidcToken?.serviceAccountEmail ?? "none",
                        desired: desired.pushConfig?.oidcToken?.serviceAccountEmail ?? "none")
        changes.compareLabels(observed: observed.labels, desired: subscription.labels)
        return changes.all
    }

    /// The project a subscription lives in, from its name (`projects/P/subscriptions/S`).
    private func project(of observed: PubSubAPI.Subscription) -> String {
        observed.name?.split(separator: "/").dropFirst().first.map(String.init) ?? ""
    }

    /// What the file declares, as the API writes it.
    func desired(projectNumber: String, project: String) -> PubSubAPI.Subscription {
        var push: PubSubAPI.PushConfig?
        if let target = subscription.push {
            let service = ServiceURLs(projectNumber: projectNumber, region: region).url(of: target.service)
            push = PubSubAPI.PushConfig(pushEndpoint: service + (target.path == "/" ? "" : target.path),
                                        oidcToken: PubSubAPI.OIDCToken(serviceAccountEmail: pushAccount, audience: service))
        }
        return PubSubAPI.Subscription(
            topic: PubSubAPI.topicName(project: project, id: subscription.topic), labels: subscription.labels,
            ackDeadlineSeconds: subscription.ackDeadlineSeconds,
            messageRetentionDuration: PubSubDurations.json(subscription.retentionSeconds), expirationPolicy: .never,
            deadLetterPolicy: subscription.deadLetter.map {
                PubSubAPI.DeadLetterPolicy(deadLetterTopic: PubSubAPI.topicName(project: project, id: $0.topic),
                                           maxDeliveryAttempts: $0.maxDeliveryAttempts)
            },
            retryPolicy: subscription.retry.map {
                PubSubAPI.RetryPolicy(minimumBackoff: PubSubDurations.json($0.minimumBackoffSeconds),
                                      maximumBackoff: PubSubDurations.json($0.maximumBackoffSeconds))
            },
            pushConfig: push)
    }

    public func create(in context: ResourceContext) async throws {
        let number = try await context.projectNumber()
        let body = desired(projectNumber: number, project: context.project)
        _ = try await context.pubsub.createSubscription(project: context.project, id: subscription.name, body)
        try await grantDeadLetter(projectNumber: number, in: context)
        await notePushTarget(in: context)
    }

    public func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws {
        let fields = Set(changes.map { $0.field.split(separator: ".").first.map(String.init) ?? $0.field })
        let masks: [String: String] = [
            "ackDeadlineSeconds": "ackDeadlineSeconds", "messageRetention": "messageRetentionDuration",
            "expiration": "expirationPolicy", "retry": "retryPolicy", "push": "pushConfig", "labels": "labels",
        ]
        var mask = fields.compactMap { masks[$0] }.sorted()
        if changes.contains(where: { $0.field == "deadLetter.topic" || $0.field == "deadLetter.maxDeliveryAttempts" }) {
            mask.append("deadLetterPolicy")
        }
        if !mask.isEmpty {
            _ = try await context.pubsub.patchSubscription(project: context.project, id: subscription.name,
                                                           desired(projectNumber: state.projectNumber, project: context.project),
                                                           updateMask: mask)
        }
        try await grantDeadLetter(projectNumber: state.projectNumber, in: context)
        if fields.contains("push") { await notePushTarget(in: context) }
    }

    /// Grants what is missing only: a read that finds both held sends nothing.
    private func grantDeadLetter(projectNumber: String, in context: ResourceContext) async throws {
        guard let deadLetter = subscription.deadLetter else { return }
        try await DeadLetterGrants(subscription: subscription.name, deadLetterTopic: PubSubAPI.topicName(project: context.project, id: deadLetter.topic),
                                   projectNumber: projectNumber).grant(in: context)
    }

    private func notePushTarget(in context: ResourceContext) async {
        guard let push = subscription.push else { return }
        await context.noteIfNotDeployed(push.service, "pushes to it fail, and Pub/Sub retries them,")
    }

    /// Its backlog goes with it.
    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        try await context.pubsub.deleteSubscription(project: context.project, id: identity.name)
    }
}

extension PubSubAPI.Subscription: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(labels) }
}

extension ResourceKind {
    public static let pubsubSubscription: ResourceKind = ResourceKind(
        id: "pubsub-subscription", title: "Pub/Sub subscription", plural: "Pub/Sub subscriptions", commandNames: ["subscription"],
        service: "pubsub.googleapis.com", section: .messaging,
        teardown: Teardown(consequence: "and its unacknowledged messages", reviewed: "with its unacknowledged messages"),
        nameProblem: NamingRules.pubsubIDProblem,
        identify: { name, _ in ResourceIdentity(.pubsubSubscription, name) },
        list: { context, _ in
            let subscriptions = try await context.pubsub.subscriptions(project: context.project)
            return KindListing(try await subscriptions.asyncMap { subscription in
                let topic = subscription.topic.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? "?"
                return FoundResource(ResourceIdentity(.pubsubSubscription, subscription.id), labels: subscription.labels,
                                     ownership: try await Ownership.of(subscription, in: context),
                                     details: ["topic \(topic)", subscription.pushEndpoint == nil ? "pull" : "push"])
            })
        }, setupPart: .messaging,
        declared: { environment, _ in
            (environment.pubsub?.subscriptions ?? []).map {
                PubSubSubscription($0, pushAccount: environment.serviceAccount.email, region: environment.region)
            }
        })
        .deleted(by: PubSubSubscription.self)
}
