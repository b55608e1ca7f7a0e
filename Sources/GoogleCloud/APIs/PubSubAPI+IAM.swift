/// IAM policies on Pub/Sub topics and subscriptions. Dead lettering needs the Pub/Sub
/// service agent to hold `roles/pubsub.publisher` on the dead-letter topic and
/// `roles/pubsub.subscriber` on the subscription; the API does not grant them
/// (https://cloud.google.com/pubsub/docs/handling-failures#grant_forwarding_permissions).
extension PubSubAPI {
    /// A topic or a subscription, by id.
    public enum Resource: Sendable, Equatable {
        case topic(String)
        case subscription(String)

        func path(_ project: String) -> APIPath {
            switch self {
            case .topic(let id): PubSubAPI.topicPath(project, id)
            case .subscription(let id): PubSubAPI.subscriptionPath(project, id)
            }
        }
    }

    public func iamPolicy(project: String, _ resource: Resource) async throws -> IAMPolicy {
        try await client.decode(GoogleCall(.get, .pubsub, resource.path(project) + ":getIamPolicy",
                                           query: [("options.requestedPolicyVersion", "3")]))
    }

    /// Writes a policy read moments ago; its etag makes a concurrent change fail with 409
    /// ABORTED instead of being overwritten.
    public func setIAMPolicy(project: String, _ resource: Resource, policy: IAMPolicy) async throws -> IAMPolicy {
        struct Request: Encodable { var policy: IAMPolicy }
        return try await client.decode(GoogleCall(.post, .pubsub, resource.path(project) + ":setIamPolicy", json: Request(policy: policy),
                                                  idempotency: .idempotent, retryAlso: [RetryPredicates.serviceAccountNotYetVisible]))
    }

    /// Grants `role` to `member` on the resource by read-modify-write: nothing is written
    /// when the member holds it already (false); a concurrent change (409 / 412) makes it
    /// read again, at most `attempts` times.
    @discardableResult
    public func grant(_ role: String, to member: String, on resource: Resource, project: String, attempts: Int = 5) async throws -> Bool {
        for attempt in 1...max(1, attempts) {
            var policy = try await iamPolicy(project: project, resource)
            guard policy.grant(role, to: member) else { return false }
            do {
                _ = try await setIAMPolicy(project: project, resource, policy: policy)
                return true
            } catch let error as GoogleAPIError where (error.httpStatus == 409 || error.httpStatus == 412) && attempt < attempts {
                continue
            }
        }
        return false
    }
}
