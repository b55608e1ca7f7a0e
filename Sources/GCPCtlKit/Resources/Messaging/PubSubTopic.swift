import GoogleCloud

/// A Pub/Sub topic. Labels and message retention change in place (`PATCH` with an update
/// mask); the name is its identity.
public struct PubSubTopic: KindResource {
    public let topic: Environment.PubSubTopic

    public init(_ topic: Environment.PubSubTopic) {
        self.topic = topic
    }

    public var identity: ResourceIdentity { ResourceIdentity(.pubsubTopic, topic.name) }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> PubSubAPI.Topic? {
        try await context.pubsub.topic(project: context.project, id: identity.name)
    }

    public func differences(from state: PubSubAPI.Topic) -> [FieldChange] {
        var changes = FieldChanges()
        changes.compare("messageRetention", observed: PubSubDurations.text(state.messageRetentionDuration) ?? "none",
                        desired: topic.retentionSeconds.map(PubSubDurations.text) ?? "none")
        changes.compareLabels(observed: state.labels, desired: topic.labels)
        return changes.all
    }

    var desired: PubSubAPI.Topic {
        PubSubAPI.Topic(labels: topic.labels, messageRetentionDuration: topic.retentionSeconds.map(PubSubDurations.json))
    }

    /// A 409 after a lost answer is the topic this create made: observe compares it next run.
    public func create(in context: ResourceContext) async throws {
        _ = try await context.pubsub.createTopic(project: context.project, id: topic.name, desired)
    }

    public func update(_ state: PubSubAPI.Topic, changes: [FieldChange], in context: ResourceContext) async throws {
        var mask: [String] = []
        if changes.contains(where: { $0.field.hasPrefix("labels") }) { mask.append("labels") }
        if changes.contains(where: { $0.field == "messageRetention" }) { mask.append("messageRetentionDuration") }
        guard !mask.isEmpty else { return }
        _ = try await context.pubsub.patchTopic(project: context.project, id: topic.name, desired, updateMask: mask)
    }

    /// Its subscriptions stay, detached (`_deleted-topic_`): the subscriptions kind is deleted first.
    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        try await context.pubsub.deleteTopic(project: context.project, id: identity.name)
    }
}

extension PubSubAPI.Topic: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(labels) }
}

extension ResourceKind {
    public static let pubsubTopic: ResourceKind = ResourceKind(
        id: "pubsub-topic", title: "Pub/Sub topic", plural: "Pub/Sub topics", commandNames: ["topic"],
        service: "pubsub.googleapis.com", priceKeys: [.pubsubThroughput], section: .messaging,
        // A topic deleted first would leave its subscriptions detached and its jobs failing.
        teardown: Teardown(consequence: "and the messages it retains", reviewed: "with the messages it retains",
                           after: ["pubsub-subscription", "scheduler-job"]),
        nameProblem: NamingRules.pubsubIDProblem,
        identify: { name, _ in ResourceIdentity(.pubsubTopic, name) },
        list: { context, _ in
            KindListing(try await FoundResource.judging(context.pubsub.topics(project: context.project), in: context) {
                (ResourceIdentity(.pubsubTopic, $0.id), nil)
            })
        }, setupPart: .messaging,
        declared: { environment, _ in (environment.pubsub?.topics ?? []).map(PubSubTopic.init) })
        .deleted(by: PubSubTopic.self)
        .priced { estimator in try estimator.pubsub() }
}

extension StatusSection {
    public static let messaging = StatusSection(id: "messaging", title: "Pub/Sub")
}

extension ResourceContext {
    public var pubsub: PubSubAPI { PubSubAPI(cloud) }
}

extension SetupKind {
    /// Pub/Sub topics and subscriptions, Cloud Scheduler jobs.
    public static let messaging = SetupKind("messaging", synonyms: ["pubsub", "scheduler"])
}
