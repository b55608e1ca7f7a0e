/// Resource Manager v1: the project itself and its IAM policy.
public struct ResourceManagerAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct Project: Codable, Sendable {
        public var projectId: String?
        public var projectNumber: String?
        public var name: String?
        public var lifecycleState: String?
    }

    public func project(_ id: String) async throws -> Project {
        try await client.get(.resourceManager, "v1/projects/\(id)")
    }

    public func iamPolicy(project: String) async throws -> IAMPolicy {
        struct Request: Encodable { var options = ["requestedPolicyVersion": 3] }
        return try await client.decode(GoogleCall(.post, .resourceManager, "v1/projects/\(project):getIamPolicy",
                                                  json: Request(), idempotency: .idempotent))
    }

    /// Writes a policy read moments ago; its etag makes a concurrent change fail with 409
    /// ABORTED instead of being overwritten.
    public func setIAMPolicy(project: String, policy: IAMPolicy, retryAlso: [RetryPredicate] = []) async throws -> IAMPolicy {
        struct Request: Encodable { var policy: IAMPolicy }
        return try await client.decode(GoogleCall(.post, .resourceManager, "v1/projects/\(project):setIamPolicy",
                                                  json: Request(policy: policy), idempotency: .idempotent, retryAlso: retryAlso))
    }
}

/// An IAM policy (version 3) as every API's getIamPolicy / setIamPolicy carry it.
public struct IAMPolicy: Codable, Sendable, Equatable {
    public var version: Int?
    public var etag: String?
    public var bindings: [Binding]?
    public var auditConfigs: [JSONValue]?

    public struct Binding: Codable, Sendable, Equatable {
        public var role: String
        public var members: [String]
        public var condition: JSONValue?

        public init(role: String, members: [String], condition: JSONValue? = nil) {
            self.role = role
            self.members = members
            self.condition = condition
        }
    }

    public init(version: Int? = 3, etag: String? = nil, bindings: [Binding]? = nil) {
        self.version = version
        self.etag = etag
        self.bindings = bindings
    }

    /// Unconditional bindings only: a conditional binding grants less than its role.
    public func members(of role: String) -> Set<String> {
        Set((bindings ?? []).filter { $0.role == role && $0.condition == nil }.flatMap(\.members))
    }

    public func roles(of member: String) -> Set<String> {
        Set((bindings ?? []).filter { $0.condition == nil && $0.members.contains(member) }.map(\.role))
    }

    /// Adds `member` to `role`'s unconditional binding; false when it was already there.
    @discardableResult
    public mutating func grant(_ role: String, to member: String) -> Bool {
        var all = bindings ?? []
        if let index = all.firstIndex(where: { $0.role == role && $0.condition == nil }) {
            guard !all[index].members.contains(member) else { return false }
            all[index].members.append(member)
        } else {
            all.append(Binding(role: role, members: [member]))
        }
        bindings = all
        return true
    }

    /// Removes `member` from `role`'s unconditional binding; false when it was not there.
    @discardableResult
    public mutating func revoke(_ role: String, from member: String) -> Bool {
        var changed = false
        bindings = (bindings ?? []).compactMap { binding in
            guard binding.role == role, binding.condition == nil, binding.members.contains(member) else { return binding }
            changed = true
            var binding = binding
            binding.members.removeAll { $0 == member }
            return binding.members.isEmpty ? nil : binding
        }
        return changed
    }
}
