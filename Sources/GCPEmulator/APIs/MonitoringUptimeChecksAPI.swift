/// Cloud Monitoring v3 uptime checks: create (Google assigns the id: the display name's
/// words and a random suffix), get, list (`filter`, paged, `totalSize`), patch (`updateMask`,
/// or the whole check; the monitored resource and checker type cannot change), delete
/// (refused while an alert policy's condition names the check's id). What the checks see
/// is answered by `timeSeries.list` (`MonitoringTimeSeriesAPI`, `UptimeCheckResults`)
/// (https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.uptimeCheckConfigs).
///
/// Kept under `monitoring.uptimeCheckConfigs` by full name, `projects/P/uptimeCheckConfigs/ID`;
/// `@createdAt` (seconds since 1970, bookkeeping) is when it started checking.
enum MonitoringUptimeChecksAPI {
    static let collection = "monitoring.uptimeCheckConfigs"

    static let handlers: [String: APIHandler] = [
        "monitoring.projects.uptimeCheckConfigs.create": create,
        "monitoring.projects.uptimeCheckConfigs.get": get,
        "monitoring.projects.uptimeCheckConfigs.list": list,
        "monitoring.projects.uptimeCheckConfigs.patch": patch,
        "monitoring.projects.uptimeCheckConfigs.delete": delete,
    ]

    private static let immutable: Set = ["monitoredResource", "resourceGroup", "syntheticMonitor", "checkerType", "isInternal"]
    private static let updatable: Set = [
        "displayName", "httpCheck", "tcpCheck", "timeout", "contentMatchers", "selectedRegions", "period", "userLabels", "disabled",
        "logCheckFailures", "internalCheckers",
    ]

    /// The id's suffix: eleven letters and digits, as Google's look.
    private static func newID(_ displayName: String) -> String {
        let words = displayName.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.joined(separator: "-")
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let suffix = String((0..<11).map { _ in alphabet.randomElement()! })
        return (words.isEmpty ? "uptime-check" : String(words.prefix(80))) + "-" + suffix
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        var check = try UptimeCheckRules.completed(request.body, project: project)
        let name = "projects/\(project)/uptimeCheckConfigs/\(newID(check["displayName"]?.stringValue ?? ""))"
        check["name"] = .string(name)
        check["@createdAt"] = .double(request.now.timeIntervalSince1970)
        state.setResource(project, collection, name, check)
        return .resource(check)
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try MonitoringAPI.find(request, in: collection, state).resource)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let filter = try ListFilter(MonitoringFilter.normalized(request.query["filter"]))
        let checks = state.resources(project, collection).map(\.value).filter(filter.matches)
        var body = try request.page(checks, defaultSize: 100).body("uptimeCheckConfigs")
        body["totalSize"] = .int(checks.count)
        return .resource(body)
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, existing) = try MonitoringAPI.find(request, in: collection, state)
        let mask = FieldMask(request.query["updateMask"] ?? "")
        for field in mask.topLevelFields.sorted() where !updatable.contains(field) {
            throw APIError.invalidArgument("Field \(field) cannot be updated.", field: "updateMask")
        }
        var updated = mask.isEmpty ? request.body : mask.apply(from: request.body, to: existing)
        for field in immutable.sorted() {
            if mask.isEmpty, let given = updated[field], given != existing[field] {
                throw APIError.invalidArgument("Field \(field) cannot be updated.", field: field)
            }
            updated[field] = existing[field]
        }
        var check = try UptimeCheckRules.completed(updated, project: project)
        check["name"] = .string(name)
        check["@createdAt"] = existing["@createdAt"]
        state.setResource(project, collection, name, check)
        return .resource(check)
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, _) = try MonitoringAPI.find(request, in: collection, state)
        let id = String(name.split(separator: "/").last ?? "")
        if let policy = state.resources(project, MonitoringAPI.collection).first(where: { references($0.value, checkID: id) }) {
            throw APIError.failedPrecondition(
                "The uptime check configuration \(name) is referenced by the alert policy \(policy.name); delete or change the policy first.")
        }
        state.removeResource(project, collection, name)
        state.removeResource(project, UptimeCheckResults.collection, name)
        return .empty
    }

    /// Whether a policy's condition filters name `check_id = "ID"`.
    static func references(_ policy: JSONValue, checkID: String) -> Bool {
        (policy["conditions"]?.arrayValue ?? []).contains { condition in
            condition.objectValue?.values.contains { kind in
                let filter = (kind["filter"]?.stringValue ?? "").filter { !$0.isWhitespace }
                return filter.contains("check_id=\"\(checkID)\"")
            } ?? false
        }
    }
}
