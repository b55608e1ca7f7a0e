/// Pub/Sub v1 topics: create (`PUT v1/projects/P/topics/T`, 409 ALREADY_EXISTS), get, list
/// (paged), patch (an `UpdateTopicRequest` whose `updateMask` is required), delete (its
/// subscriptions stay, their `topic` becoming `_deleted-topic_`), and the names of a
/// topic's subscriptions. No operations: the answer is the topic. Names are answered
/// with the project id, as Pub/Sub does
/// (https://cloud.google.com/pubsub/docs/reference/rest/v1/projects.topics).
///
/// Kept under `pubsub.topics` by full name, `projects/P/topics/T`.
enum PubSubTopicsAPI {
    static let collection = PubSubResources.topics.collection

    static let handlers: [String: APIHandler] = [
        "pubsub.projects.topics.create": create,
        "pubsub.projects.topics.get": get,
        "pubsub.projects.topics.list": list,
        "pubsub.projects.topics.patch": patch,
        "pubsub.projects.topics.delete": delete,
        "pubsub.projects.topics.subscriptions.list": subscriptions,
    ]

    /// What a create keeps of the body; the rest is output only.
    private static let settable: Set = [
        "labels", "messageRetentionDuration", "messageStoragePolicy", "kmsKeyName", "schemaSettings",
        "ingestionDataSourceSettings", "messageTransforms",
    ]
    /// The fields `updateMask` may name (`kmsKeyName` is fixed at creation).
    private static let updatable = settable.subtracting(["kmsKeyName"])

    /// "Cannot be more than 31 days or less than 10 minutes." (Topic.messageRetentionDuration)
    static let retentionRange = 600.0...2_678_400.0

    private static func check(_ topic: JSONValue) throws {
        try ResourceLabels.check(topic["labels"], field: "labels")
        try PubSubResources.checkDuration(topic["messageRetentionDuration"], field: "message_retention_duration",
                                          range: retentionRange, rule: "it must be between 10 minutes and 31 days.")
    }

    private static func stored(_ body: JSONValue, name: String) -> JSONValue {
        var topic = JSONValue.object(body.objectValue?.filter { settable.contains($0.key) && !$0.value.isNull } ?? [:])
        topic["name"] = .string(name)
        topic["state"] = "ACTIVE"
        return topic
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let name = request.canonical(request.path("name"))
        let (_, id) = try PubSubResources.checkName(name, PubSubResources.topics)
        try check(request.body)
        guard state.resource(project, collection, name) == nil else { throw PubSubResources.alreadyExists(id) }
        let topic = stored(request.body, name: name)
        state.setResource(project, collection, name, topic)
        return .resource(topic)
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try PubSubResources.find(request, request.path("topic"), PubSubResources.topics, state: state).value)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let topics = state.resources(project, collection).map(\.value)
        return .resource(try request.page(topics, defaultSize: 100).body("topics"))
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, existing) = try PubSubResources.find(request, request.path("name"), PubSubResources.topics, state: state)
        let mask = try PubSubResources.updateMask(request.body, PubSubResources.topics, updatable: updatable)
        let changes = try PubSubResources.updated(request.body, PubSubResources.topics, name: name, request: request)
        let topic = stored(mask.apply(from: changes, to: existing), name: name)
        try check(topic)
        state.setResource(project, collection, name, topic)
        return .resource(topic)
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, _) = try PubSubResources.find(request, request.path("topic"), PubSubResources.topics, state: state)
        state.removeResource(project, collection, name)
        PubSubIAM.forget(project, name: name, state: &state)
        // Subscriptions outlive their topic, detached from it; they may be in any project.
        for (subscriptionProject, entry) in state.projects {
            for (key, subscription) in entry.collections[PubSubSubscriptionsAPI.collection] ?? [:] where subscription["topic"] == .string(name) {
                var detached = subscription
                detached["topic"] = .string(PubSubSubscriptionsAPI.deletedTopic)
                state.setResource(subscriptionProject, PubSubSubscriptionsAPI.collection, key, detached)
            }
        }
        return .empty
    }

    /// `{subscriptions: [NAME, …]}`: the names of the subscriptions attached to the topic.
    private static func subscriptions(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (_, name, _) = try PubSubResources.find(request, request.path("topic"), PubSubResources.topics, state: state)
        let names = state.projects.keys.sorted().flatMap { project in
            state.resources(project, PubSubSubscriptionsAPI.collection).filter { $0.value["topic"] == .string(name) }.map { JSONValue.string($0.name) }
        }
        return .resource(try request.page(names, defaultSize: 100).body("subscriptions"))
    }

    /// The topic `name` names (its project given by id or number) as stored, with the
    /// project's id; nil when there is no such topic.
    static func existing(_ name: String, state: EmulatorState) -> String? {
        guard let (project, id) = PubSubResources.parse(name, PubSubResources.topics),
            let projectID = state.projects[project]?.id ?? state.projects.values.first(where: { $0.number == project })?.id
        else { return nil }
        let stored = "projects/\(projectID)/topics/\(id)"
        return state.resource(projectID, collection, stored) != nil ? stored : nil
    }
}
