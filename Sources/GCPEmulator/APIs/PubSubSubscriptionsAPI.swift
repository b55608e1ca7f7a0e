/// Pub/Sub v1 subscriptions: create (`PUT v1/projects/P/subscriptions/S`; 409
/// ALREADY_EXISTS; 404 when its topic or dead-letter topic does not exist), get, list
/// (paged), patch (an `UpdateSubscriptionRequest`, `updateMask` required; the topic, filter
/// and message ordering cannot change), delete. The settings' rules are in
/// `PubSubSubscriptionRules`. No messages flow: publishing, pulling and pushing are not
/// emulated (https://cloud.google.com/pubsub/docs/reference/rest/v1/projects.subscriptions).
///
/// Kept under `pubsub.subscriptions` by full name, `projects/P/subscriptions/S`.
enum PubSubSubscriptionsAPI {
    static let collection = PubSubResources.subscriptions.collection
    /// A subscription's `topic` once its topic was deleted.
    static let deletedTopic = "_deleted-topic_"

    static let handlers: [String: APIHandler] = [
        "pubsub.projects.subscriptions.create": create,
        "pubsub.projects.subscriptions.get": get,
        "pubsub.projects.subscriptions.list": list,
        "pubsub.projects.subscriptions.patch": patch,
        "pubsub.projects.subscriptions.delete": delete,
    ]

    private static let immutable: Set = ["topic", "filter", "enableMessageOrdering"]
    private static let updatable: Set = [
        "ackDeadlineSeconds", "pushConfig", "bigqueryConfig", "cloudStorageConfig", "bigtableConfig", "retainAckedMessages",
        "messageRetentionDuration", "labels", "expirationPolicy", "deadLetterPolicy", "retryPolicy", "enableExactlyOnceDelivery",
        "detached", "messageTransforms",
    ]
    /// What a create keeps of the body; the rest is output only.
    private static let settable = updatable.union(immutable)

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let name = request.canonical(request.path("name"))
        let (_, id) = try PubSubResources.checkName(name, PubSubResources.subscriptions)
        guard let topic = request.body["topic"]?.stringValue, !topic.isEmpty else {
            throw APIError.invalidArgument("The topic of a subscription is required.", field: "topic")
        }
        let (_, topicID) = try PubSubResources.checkName(topic, PubSubResources.topics, field: "topic")
        guard let topicName = PubSubTopicsAPI.existing(topic, state: state) else { throw PubSubResources.notFound(topicID) }
        guard state.resource(project, collection, name) == nil else { throw PubSubResources.alreadyExists(id) }
        var subscription = try PubSubSubscriptionRules.completed(kept(request.body), state: state, now: request.now)
        subscription["name"] = .string(name)
        subscription["topic"] = .string(topicName)
        subscription["state"] = "ACTIVE"
        state.setResource(project, collection, name, subscription)
        return .resource(subscription)
    }

    private static func kept(_ body: JSONValue) -> JSONValue {
        .object(body.objectValue?.filter { settable.contains($0.key) && !$0.value.isNull } ?? [:])
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try PubSubResources.find(request, request.path("subscription"), PubSubResources.subscriptions, state: state).value)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let subscriptions = state.resources(project, collection).map(\.value)
        return .resource(try request.page(subscriptions, defaultSize: 100).body("subscriptions"))
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, existing) = try PubSubResources.find(request, request.path("name"), PubSubResources.subscriptions, state: state)
        let mask = try PubSubResources.updateMask(request.body, PubSubResources.subscriptions, updatable: updatable)
        let changes = try PubSubResources.updated(request.body, PubSubResources.subscriptions, name: name, request: request)
        var subscription = try PubSubSubscriptionRules.completed(kept(mask.apply(from: changes, to: existing)), state: state, now: request.now)
        for field in ["name", "state", "topic"] { subscription[field] = existing[field] }
        state.setResource(project, collection, name, subscription)
        return .resource(subscription)
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, _) = try PubSubResources.find(request, request.path("subscription"), PubSubResources.subscriptions, state: state)
        state.removeResource(project, collection, name)
        PubSubIAM.forget(project, name: name, state: &state)
        return .empty
    }
}
