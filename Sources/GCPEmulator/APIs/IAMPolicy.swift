import Foundation

/// IAM policies as every `getIamPolicy` / `setIamPolicy` pair keeps them: bindings of a
/// role to members, a version, and an etag that changes on every write. A write naming
/// an etag other than the current one is refused (409 ABORTED), so a stale
/// read-modify-write cannot drop someone else's binding.
enum IAMPolicy {
    static let collection = "iam.policies"

    /// The stored policy for a resource, or the initial one.
    static func read(_ project: String, resource: String, state: EmulatorState, initial: JSONValue) -> JSONValue {
        state.resource(project, collection, resource) ?? initial
    }

    static func write(
        _ request: APIRequest, project: String, resource: String, state: inout EmulatorState, initial: JSONValue
    ) throws -> JSONValue {
        guard let policy = request.body["policy"] else { throw APIError.invalidArgument("Required field policy is missing.", field: "policy") }
        return try write(policy, request: request, project: project, resource: resource, state: &state, initial: initial)
    }

    /// Writes `policy` itself (Cloud Storage's setIamPolicy sends the Policy as the body).
    static func write(
        _ policy: JSONValue, request: APIRequest, project: String, resource: String, state: inout EmulatorState, initial: JSONValue
    ) throws -> JSONValue {
        let current = read(project, resource: resource, state: state, initial: initial)
        if let etag = policy["etag"]?.stringValue, !etag.isEmpty, !sameBytes(etag, current["etag"]?.stringValue) {
            throw APIError.aborted(
                "There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff. The request's ETag '\(etag)' did not match the current policy's ETag '\(current["etag"]?.stringValue ?? "")'.")
        }
        var bindings: [JSONValue] = []
        for binding in policy["bindings"]?.arrayValue ?? [] {
            guard let role = binding["role"]?.stringValue, role.hasPrefix("roles/") || role.contains("/roles/") else {
                throw APIError.invalidArgument("Role \(binding["role"]?.stringValue ?? "(none)") is not a valid role name.")
            }
            let members = binding["members"]?.arrayValue?.compactMap(\.stringValue) ?? []
            for member in members { try checkMember(member, state: state, now: request.now) }
            if request.configuration.refusesPublicMembers, members.contains(where: { $0.hasPrefix("all") }) {
                throw APIError.failedPrecondition(
                    "One or more users named in the policy do not belong to a permitted customer, perhaps due to an organization policy.")
            }
            guard !members.isEmpty else { continue }
            var kept = binding
            kept["members"] = .array(Array(Set(members)).sorted().map(JSONValue.string))
            bindings.append(kept)
        }
        var stored: JSONValue = [
            "version": .int(policy["version"]?.intValue ?? 1),
            "etag": .string(Base64.encode((0..<8).map { _ in UInt8.random(in: 0...255) })),
            "bindings": .array(bindings),
        ]
        if let audit = policy["auditConfigs"] { stored["auditConfigs"] = audit }
        state.setResource(project, collection, resource, stored)
        return stored
    }

    /// An etag is a `bytes` field: in JSON, base64 in either alphabet, with or without
    /// padding (proto3's JSON mapping), so gcloud's URL-safe copy of `ab+c` is `ab-c`.
    static func sameBytes(_ sent: String, _ stored: String?) -> Bool {
        guard let stored else { return false }
        guard let sentBytes = Base64.decode(sent), let storedBytes = Base64.decode(stored) else { return sent == stored }
        return sentBytes == storedBytes
    }

    /// The policy answered to `getIamPolicy`, at the version the caller asked for.
    static func answer(_ policy: JSONValue) -> JSONValue {
        var answer = policy
        if answer["bindings"]?.arrayValue?.isEmpty == true { answer["bindings"] = nil }
        return answer
    }

    static let memberPrefixes = [
        "user:", "serviceAccount:", "group:", "domain:", "deleted:", "principal://", "principalSet://",
        "projectOwner:", "projectEditor:", "projectViewer:",
    ]

    private static func checkMember(_ member: String, state: EmulatorState, now: Date) throws {
        guard member == "allUsers" || member == "allAuthenticatedUsers" || memberPrefixes.contains(where: member.hasPrefix) else {
            throw APIError.invalidArgument("Invalid member: \(member). Members are user:, serviceAccount:, group:, domain: and the like.")
        }
        guard member.hasPrefix("serviceAccount:") else { return }
        let email = String(member.dropFirst("serviceAccount:".count))
        if IAMServiceAccountsAPI.isVisible(email, state: state, now: now) == false {
            throw APIError.invalidArgument("Service account \(email) does not exist.")
        }
    }
}

extension IAMPolicy {
    /// The roles `member` holds in the policy stored for `resource` (none when none is stored).
    static func roles(of member: String, project: String, resource: String, state: EmulatorState) -> Set<String> {
        let bindings = state.resource(project, collection, resource)?["bindings"]?.arrayValue ?? []
        return Set(bindings.filter { $0["condition"] == nil && $0["members"]?.arrayValue?.contains(.string(member)) == true }
            .compactMap { $0["role"]?.stringValue })
    }
}
