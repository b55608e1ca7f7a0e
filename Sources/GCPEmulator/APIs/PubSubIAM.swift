/// IAM policies on Pub/Sub topics and subscriptions (getIamPolicy is a GET with
/// `options.requestedPolicyVersion`, setIamPolicy a POST, both with etags). Only roles that
/// grant Pub/Sub permissions can be bound on them: `roles/pubsub.*` and the basic roles
/// (https://cloud.google.com/pubsub/docs/access-control#roles). Dead lettering needs two
/// such grants for the Pub/Sub service agent
/// (https://cloud.google.com/pubsub/docs/handling-failures#grant_forwarding_permissions).
enum PubSubIAM {
    static let handlers: [String: APIHandler] = [
        "pubsub.projects.topics.getIamPolicy": getIamPolicy(PubSubResources.topics),
        "pubsub.projects.topics.setIamPolicy": setIamPolicy(PubSubResources.topics),
        "pubsub.projects.topics.testIamPermissions": testIamPermissions(PubSubResources.topics),
        "pubsub.projects.subscriptions.getIamPolicy": getIamPolicy(PubSubResources.subscriptions),
        "pubsub.projects.subscriptions.setIamPolicy": setIamPolicy(PubSubResources.subscriptions),
        "pubsub.projects.subscriptions.testIamPermissions": testIamPermissions(PubSubResources.subscriptions),
    ]

    /// A new resource's policy: no bindings, Pub/Sub's empty etag.
    static let initial: JSONValue = ["version": 1, "etag": "ACAB"]

    /// The service agent that forwards dead-lettered messages and mints push tokens.
    static func serviceAgent(projectNumber: String) -> String {
        "serviceAccount:service-\(projectNumber)@gcp-sa-pubsub.iam.gserviceaccount.com"
    }

    private static func getIamPolicy(_ kind: PubSubResources.Kind) -> APIHandler {
        { request, state in
            let (project, name, _) = try PubSubResources.find(request, request.path("resource"), kind, state: state)
            return .resource(IAMPolicy.answer(IAMPolicy.read(project, resource: name, state: state, initial: initial)))
        }
    }

    private static func setIamPolicy(_ kind: PubSubResources.Kind) -> APIHandler {
        { request, state in
            let (project, name, _) = try PubSubResources.find(request, request.path("resource"), kind, state: state)
            for binding in request.body["policy"]?["bindings"]?.arrayValue ?? [] {
                let role = binding["role"]?.stringValue ?? ""
                guard role.hasPrefix("roles/pubsub.") || ["roles/owner", "roles/editor", "roles/viewer"].contains(role) else {
                    throw APIError.invalidArgument("Role \(role) is not supported for this resource.", field: "policy.bindings")
                }
            }
            return .resource(IAMPolicy.answer(try IAMPolicy.write(request, project: project, resource: name, state: &state, initial: initial)))
        }
    }

    private static func testIamPermissions(_ kind: PubSubResources.Kind) -> APIHandler {
        { request, state in
            _ = try PubSubResources.find(request, request.path("resource"), kind, state: state)
            let granted = (request.body["permissions"]?.arrayValue ?? []).compactMap(\.stringValue).filter { $0.hasPrefix("pubsub.") }
            return .resource(granted.isEmpty ? [:] : ["permissions": .array(granted.map(JSONValue.string))])
        }
    }

    /// Forgets a deleted resource's policy: a new one of the same name starts afresh.
    static func forget(_ project: String, name: String, state: inout EmulatorState) {
        state.removeResource(project, IAMPolicy.collection, name)
    }
}
