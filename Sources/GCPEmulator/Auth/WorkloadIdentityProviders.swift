/// Workload identity pool providers, kept as IAM's `WorkloadIdentityPoolProvider`
/// resources (`projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/ID`,
/// `state`, `attributeMapping`, `oidc.issuerUri`, `oidc.allowedAudiences`) in the pool's
/// project, for the Security Token Service to check subject tokens against.
enum WorkloadIdentityProviders {
    static let collection = "iam.workloadIdentityPoolProviders"

    /// A provider's full name and the parts the Security Token Service needs.
    struct Audience: Equatable {
        var projectNumber: String
        var pool: String
        var provider: String

        /// `//iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER`.
        init?(_ audience: String) {
            let prefix = "//iam.googleapis.com/"
            guard audience.hasPrefix(prefix) else { return nil }
            let parts = audience.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 8, parts[0] == "projects", !parts[1].isEmpty, parts[1].allSatisfy(\.isNumber),
                  parts[2] == "locations", parts[3] == "global", parts[4] == "workloadIdentityPools", Self.isID(parts[5]),
                  parts[6] == "providers", Self.isID(parts[7]) else { return nil }
            projectNumber = parts[1]
            pool = parts[5]
            provider = parts[7]
        }

        var poolName: String { "projects/\(projectNumber)/locations/global/workloadIdentityPools/\(pool)" }
        var providerName: String { "\(poolName)/providers/\(provider)" }
        /// The audience a provider without `allowedAudiences` accepts in an OIDC token.
        var defaultAllowedAudiences: Set<String> {
            ["https://iam.googleapis.com/\(providerName)", "//iam.googleapis.com/\(providerName)"]
        }

        /// 4 to 32 lowercase letters, digits or hyphens, as Google names pools and providers.
        static func isID(_ id: String) -> Bool {
            (4...32).contains(id.count) && id.allSatisfy { ($0.isLowercase && $0.isLetter) || $0.isNumber || $0 == "-" } && !id.hasPrefix("-")
        }
    }

    static func add(project: String, pool: String, provider: String, issuerURI: String, allowedAudiences: [String],
                    attributeMapping: [String: String], state: inout EmulatorState) -> String {
        if state.projects[project] == nil { state.addProject(project) }
        let number = state.projectNumber(project)
        let name = "projects/\(number)/locations/global/workloadIdentityPools/\(pool)/providers/\(provider)"
        var oidc: JSONValue = ["issuerUri": .string(issuerURI)]
        if !allowedAudiences.isEmpty { oidc["allowedAudiences"] = .array(allowedAudiences.map(JSONValue.string)) }
        state.setResource(project, collection, name, [
            "name": .string(name), "state": "ACTIVE", "disabled": false, "oidc": oidc,
            "attributeMapping": .object(attributeMapping.mapValues(JSONValue.string)),
        ])
        return "//iam.googleapis.com/\(name)"
    }

    /// The provider an audience names, if it exists and is active.
    static func find(_ audience: Audience, state: EmulatorState) -> JSONValue? {
        guard let project = state.projects.values.first(where: { $0.number == audience.projectNumber }),
              let provider = project.collections[collection]?[audience.providerName],
              provider["state"]?.stringValue == "ACTIVE", provider["disabled"]?.boolValue != true else { return nil }
        return provider
    }
}

extension Emulator {
    /// Adds an OIDC provider to a workload identity pool (the pool made if need be), as
    /// `iam.projects.locations.workloadIdentityPools.providers.create` would, and returns the
    /// audience a credentials file names: `//iam.googleapis.com/projects/NUMBER/…/providers/ID`.
    /// `attributeMapping` maps `google.subject` and `attribute.NAME` to `assertion.CLAIM`.
    @discardableResult
    public func addWorkloadIdentityProvider(project: String, pool: String, provider: String, issuerURI: String,
                                            allowedAudiences: [String] = [],
                                            attributeMapping: [String: String] = ["google.subject": "assertion.sub"]) -> String {
        mutateState { state in
            WorkloadIdentityProviders.add(project: project, pool: pool, provider: provider, issuerURI: issuerURI,
                                          allowedAudiences: allowedAudiences, attributeMapping: attributeMapping, state: &state)
        }
    }

    /// Adds `member` to `role`'s binding in a project's IAM policy or, with `resource`
    /// (`projects/P/serviceAccounts/EMAIL`), in that resource's own, as a setIamPolicy would.
    public func addIAMBinding(project: String, resource: String? = nil, role: String, member: String) {
        mutateState { state in
            let name = resource ?? "projects/\(project)"
            var policy = IAMPolicy.read(project, resource: name, state: state,
                                        initial: resource == nil ? ResourceManagerAPI.initialPolicy : ["version": 1, "bindings": []])
            var bindings = policy["bindings"]?.arrayValue ?? []
            if let index = bindings.firstIndex(where: { $0["role"]?.stringValue == role }) {
                var members = bindings[index]["members"]?.arrayValue ?? []
                if !members.contains(.string(member)) { members.append(.string(member)) }
                bindings[index]["members"] = .array(members)
            } else {
                bindings.append(["role": .string(role), "members": [.string(member)]])
            }
            policy["bindings"] = .array(bindings)
            policy["etag"] = .string(Base64.encode((0..<8).map { _ in UInt8.random(in: 0...255) }))
            state.setResource(project, IAMPolicy.collection, name, policy)
        }
    }
}
