import Foundation

/// Cloud Monitoring v3 alerting policies: create (Google assigns the policy's and its
/// conditions' ids, `creationRecord`, `mutationRecord`), get, list (filter, paged,
/// `totalSize`), patch (`updateMask`, or the whole policy) and delete. A project starts with
/// none. A policy needs a display name and 1 to 6 conditions, each with a display name
/// and one kind of condition; more than one condition needs a combiner.
///
/// Kept under `monitoring.alertPolicies` by name, `projects/P/alertPolicies/ID`.
enum MonitoringAPI {
    static let collection = "monitoring.alertPolicies"

    static let handlers: [String: APIHandler] = [
        "monitoring.projects.alertPolicies.create": create,
        "monitoring.projects.alertPolicies.get": get,
        "monitoring.projects.alertPolicies.list": list,
        "monitoring.projects.alertPolicies.patch": patch,
        "monitoring.projects.alertPolicies.delete": delete,
    ]

    private static let conditionKinds = [
        "conditionThreshold", "conditionAbsent", "conditionMatchedLog", "conditionMonitoringQueryLanguage",
        "conditionPrometheusQueryLanguage", "conditionSql",
    ]
    private static let outputOnly: Set = ["name", "creationRecord", "mutationRecord"]

    /// A numeric id as Monitoring gives them.
    static func newID() -> String { String(UInt64.random(in: 1_000_000_000_000_000_000...9_999_999_999_999_999_999)) }

    private static func check(_ policy: JSONValue) throws {
        guard policy["displayName"]?.stringValue?.isEmpty == false else {
            throw APIError.invalidArgument("Field alert_policy.display_name is required.", field: "displayName")
        }
        let conditions = policy["conditions"]?.arrayValue ?? []
        guard (1...6).contains(conditions.count) else {
            throw APIError.invalidArgument("An alerting policy must have between 1 and 6 conditions; found \(conditions.count).", field: "conditions")
        }
        for (index, condition) in conditions.enumerated() {
            guard condition["displayName"]?.stringValue?.isEmpty == false else {
                throw APIError.invalidArgument("Field alert_policy.conditions[\(index)].display_name is required.", field: "conditions[\(index)].displayName")
            }
            guard conditionKinds.filter({ condition[$0] != nil }).count == 1 else {
                throw APIError.invalidArgument("Condition \(index) must specify exactly one condition type.", field: "conditions[\(index)]")
            }
        }
        if conditions.count > 1, [nil, "COMBINE_UNSPECIFIED"].contains(policy["combiner"]?.stringValue) {
            throw APIError.invalidArgument("An alerting policy with more than one condition must specify a combiner.", field: "combiner")
        }
    }

    /// The policy as stored: its conditions named, `enabled` defaulting to true.
    private static func stored(_ body: JSONValue, name: String, existing: JSONValue?, request: APIRequest) -> JSONValue {
        var policy = JSONValue.object(body.objectValue?.filter { !outputOnly.contains($0.key) } ?? [:])
        let known = Set((existing?["conditions"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        policy["conditions"] = .array((policy["conditions"]?.arrayValue ?? []).map { condition in
            var condition = condition
            if !known.contains(condition["name"]?.stringValue ?? "") { condition["name"] = .string("\(name)/conditions/\(newID())") }
            return condition
        })
        policy["name"] = .string(name)
        policy["enabled"] = policy["enabled"] ?? true
        policy["combiner"] = policy["combiner"] ?? (policy["conditions"]?.arrayValue?.count == 1 ? "OR" : nil)
        let record = mutationRecord(request)
        policy["creationRecord"] = existing?["creationRecord"] ?? record
        policy["mutationRecord"] = record
        return policy
    }

    /// Who changed a Monitoring resource, and when.
    static func mutationRecord(_ request: APIRequest) -> JSONValue {
        ["mutateTime": .string(request.timestamp), "mutatedBy": "emulator@example.com"]
    }

    /// Every notification channel a policy names must exist in the project
    /// ("Notification channel not found", 404; a malformed name is 400).
    private static func checkChannels(_ policy: JSONValue, project: String, request: APIRequest, state: EmulatorState) throws {
        for channel in (policy["notificationChannels"]?.arrayValue ?? []).compactMap(\.stringValue) {
            let parts = channel.split(separator: "/")
            guard parts.count == 4, parts[0] == "projects", parts[2] == "notificationChannels" else {
                throw APIError.invalidArgument(
                    "Name must begin with 'projects/{project_id}/notificationChannels/{channel_id}', got: \(channel)", field: "notificationChannels")
            }
            guard state.resource(project, MonitoringChannelsAPI.collection, request.canonical(channel)) != nil else {
                throw APIError.notFound("Notification channel not found: \(channel)")
            }
        }
    }

    /// The policy, channel or check the request's `name` names in `collection`: Monitoring
    /// keeps all three by full name and answers 404 alike.
    static func find(_ request: APIRequest, in collection: String,
                     _ state: EmulatorState) throws -> (project: String, name: String, resource: JSONValue) {
        let project = try request.requireProject()
        let name = request.canonical(request.path("name"))
        guard let resource = state.resource(project, collection, name) else {
            throw APIError.notFound("Requested entity was not found.")
        }
        return (project, name, resource)
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        try check(request.body)
        try checkChannels(request.body, project: project, request: request, state: state)
        let name = "projects/\(project)/alertPolicies/\(newID())"
        let policy = stored(request.body, name: name, existing: nil, request: request)
        state.setResource(project, collection, name, policy)
        return .resource(policy)
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try find(request, in: collection, state).resource)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let filter = try ListFilter(MonitoringFilter.normalized(request.query["filter"]))
        let policies = state.resources(project, collection).map(\.value).filter(filter.matches)
        var body = try request.page(policies, defaultSize: 1000).body("alertPolicies")
        body["totalSize"] = .int(policies.count)
        return .resource(body)
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, existing) = try find(request, in: collection, state)
        var updated = existing
        if let mask = request.query["updateMask"], !mask.isEmpty {
            for field in mask.split(separator: ",").map({ String($0.split(separator: ".").first ?? "") }) {
                guard !outputOnly.contains(field) else { throw APIError.invalidArgument("Field \(field) cannot be updated.", field: "updateMask") }
                updated[field] = request.body[field]
            }
        } else {
            updated = request.body
        }
        try check(updated)
        try checkChannels(updated, project: project, request: request, state: state)
        let policy = stored(updated, name: name, existing: existing, request: request)
        state.setResource(project, collection, name, policy)
        return .resource(policy)
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, _) = try find(request, in: collection, state)
        state.removeResource(project, collection, name)
        return .empty
    }
}
