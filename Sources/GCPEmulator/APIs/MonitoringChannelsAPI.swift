/// Cloud Monitoring v3 notification channels: create (Google assigns the id), get, list
/// (`filter`, `orderBy`, paged, `totalSize`), patch (`updateMask`, or the whole channel),
/// delete (refused while an alert policy names the channel, unless `force`, which takes it
/// out of those policies). A channel's `type` fixes the labels it needs: an `email` channel
/// `labels.email_address`, and no other label. Email channels need no verification
/// (https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.notificationChannels).
///
/// Kept under `monitoring.notificationChannels` by full name, `projects/P/notificationChannels/ID`.
enum MonitoringChannelsAPI {
    static let collection = "monitoring.notificationChannels"

    static let handlers: [String: APIHandler] = [
        "monitoring.projects.notificationChannels.create": create,
        "monitoring.projects.notificationChannels.get": get,
        "monitoring.projects.notificationChannels.list": list,
        "monitoring.projects.notificationChannels.patch": patch,
        "monitoring.projects.notificationChannels.delete": delete,
    ]

    /// The labels each channel type takes, the required ones first
    /// (`projects.notificationChannelDescriptors`).
    private static let labelsByType: [String: (required: [String], optional: [String])] = [
        "email": (["email_address"], []),
        "sms": (["number"], []),
        "slack": (["channel_name"], ["auth_token", "team"]),
        "pagerduty": (["service_key"], []),
        "webhook_tokenauth": (["url"], []),
        "webhook_basicauth": (["url", "username", "password"], []),
        "pubsub": (["topic"], []),
        "google_chat": (["space"], []),
    ]
    private static let settable: Set = ["type", "displayName", "description", "labels", "userLabels", "enabled"]

    private static func check(_ channel: JSONValue) throws {
        let type = channel["type"]?.stringValue ?? ""
        guard let labels = labelsByType[type] else {
            throw APIError.invalidArgument("Unknown notification channel type '\(type)'; see notificationChannelDescriptors.", field: "type")
        }
        let given = channel["labels"]?.objectValue ?? [:]
        for key in labels.required where given[key]?.stringValue?.isEmpty ?? true {
            throw APIError.invalidArgument("A \(type) channel needs the label \(key).", field: "labels.\(key)")
        }
        for key in given.keys.sorted() where !labels.required.contains(key) && !labels.optional.contains(key) {
            throw APIError.invalidArgument("The label \(key) is not a label of \(type) channels.", field: "labels.\(key)")
        }
        if type == "email", !isEmailAddress(given["email_address"]?.stringValue ?? "") {
            throw APIError.invalidArgument("Invalid email address '\(given["email_address"]?.stringValue ?? "")'.", field: "labels.email_address")
        }
        if let name = channel["displayName"]?.stringValue, name.count > 512 {
            throw APIError.invalidArgument("The display name is limited to 512 characters.", field: "displayName")
        }
        try ResourceLabels.check(channel["userLabels"], field: "userLabels")
    }

    private static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
    }

    private static func stored(_ body: JSONValue, name: String, existing: JSONValue?, request: APIRequest) -> JSONValue {
        var channel = JSONValue.object(body.objectValue?.filter { settable.contains($0.key) && !$0.value.isNull } ?? [:])
        channel["name"] = .string(name)
        channel["enabled"] = channel["enabled"] ?? true
        let record = MonitoringAPI.mutationRecord(request)
        channel["creationRecord"] = existing?["creationRecord"] ?? record
        channel["mutationRecords"] = .array((existing?["mutationRecords"]?.arrayValue ?? []) + [record])
        return channel
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        try check(request.body)
        let name = "projects/\(project)/notificationChannels/\(MonitoringAPI.newID())"
        let channel = stored(request.body, name: name, existing: nil, request: request)
        state.setResource(project, collection, name, channel)
        return .resource(channel)
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try MonitoringAPI.find(request, in: collection, state).resource)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let filter = try ListFilter(MonitoringFilter.normalized(request.query["filter"]))
        let channels = MonitoringFilter.ordered(state.resources(project, collection).map(\.value).filter(filter.matches), by: request.query["orderBy"])
        var body = try request.page(channels, defaultSize: 1000).body("notificationChannels")
        body["totalSize"] = .int(channels.count)
        return .resource(body)
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, existing) = try MonitoringAPI.find(request, in: collection, state)
        let mask = FieldMask(request.query["updateMask"] ?? "")
        for field in mask.topLevelFields.sorted() where !settable.contains(field) {
            throw APIError.invalidArgument("Field \(field) cannot be updated.", field: "updateMask")
        }
        let updated = mask.isEmpty ? request.body : mask.apply(from: request.body, to: existing)
        guard updated["type"] == existing["type"] else {
            throw APIError.invalidArgument("The type of a notification channel cannot be changed.", field: "type")
        }
        try check(updated)
        let channel = stored(updated, name: name, existing: existing, request: request)
        state.setResource(project, collection, name, channel)
        return .resource(channel)
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, _) = try MonitoringAPI.find(request, in: collection, state)
        let referencing = state.resources(project, MonitoringAPI.collection).filter {
            $0.value["notificationChannels"]?.arrayValue?.contains(.string(name)) == true
        }
        if !referencing.isEmpty, request.query["force"]?.lowercased() != "true" {
            throw APIError.failedPrecondition(
                "Notification channel \(name) is used by alert policy \(referencing[0].name); delete it with force=true to take it out of the policies too.")
        }
        for (policyName, policy) in referencing {
            var updated = policy
            updated["notificationChannels"] = .array((policy["notificationChannels"]?.arrayValue ?? []).filter { $0 != .string(name) })
            state.setResource(project, MonitoringAPI.collection, policyName, updated)
        }
        state.removeResource(project, collection, name)
        return .empty
    }
}
