import Foundation

/// Cloud Logging v2, `entries.list` (POST v2/entries:list): the entries of the projects in
/// `resourceNames` that match `filter` (the subset `LogFilter` models), ordered by
/// `timestamp asc` (the default) or `timestamp desc`, then `insertId`, in pages of
/// `pageSize` (default 50, at most 1000). Entries are what the emulator saw: a request log
/// entry for every request a Cloud Run service's URL received (`RunRequestLog`), each line of
/// a build's log (`BuildLogEntries`), and what a test adds (`Emulator.appendLogEntry`).
enum LoggingAPI {
    static let collection = "logging.entries"

    static let handlers: [String: APIHandler] = ["logging.entries.list": list]

    static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let names = (request.body["resourceNames"]?.arrayValue ?? []).compactMap(\.stringValue)
            + (request.body["projectIds"]?.arrayValue ?? []).compactMap { $0.stringValue.map { "projects/" + $0 } }
        guard !names.isEmpty else {
            throw APIError.invalidArgument("resource_names is required: name at least one project, e.g. projects/my-project.", field: "resourceNames")
        }
        guard names.count <= 100 else { throw APIError.invalidArgument("At most 100 resource names may be given.", field: "resourceNames") }
        let filter = try LogFilter(request.body["filter"]?.stringValue ?? "")
        let order = request.body["orderBy"]?.stringValue?.trimmingCharacters(in: .whitespaces).lowercased() ?? "timestamp asc"
        guard ["timestamp asc", "timestamp desc", "timestamp"].contains(order) else {
            throw APIError.invalidArgument("order_by must be \"timestamp asc\" or \"timestamp desc\".", field: "orderBy")
        }
        let pageSize = request.body["pageSize"]?.intValue ?? 50
        guard pageSize >= 0 else { throw APIError.invalidArgument("page_size must not be negative.", field: "pageSize") }

        var entries: [JSONValue] = []
        for name in names {
            let parts = name.split(separator: "/")
            guard parts.count == 2, parts[0] == "projects" else {
                throw APIError.invalidArgument("The emulator lists the entries of projects only (projects/PROJECT_ID), not \(name).", field: "resourceNames")
            }
            guard let project = state.resolveProject(String(parts[1])) else {
                throw APIError.permissionDenied("Permission denied on resource project \(parts[1]) (or it may not exist).")
            }
            entries += state.resources(project, collection).map(\.value)
            entries += BuildLogEntries.entries(project: project, state: state, now: request.now)
        }
        entries = entries.filter(filter.matches)
        let key: (JSONValue) -> (Date, String) = { entry in
            (entry["timestamp"]?.stringValue.flatMap(RFC3339.parse) ?? .distantPast, entry["insertId"]?.stringValue ?? "")
        }
        entries.sort { order == "timestamp desc" ? key($0) > key($1) : key($0) < key($1) }

        let start = try request.body["pageToken"]?.stringValue.map { token -> Int in
            guard let data = Base64.decode(token), let offset = Int(String(decoding: data, as: UTF8.self)), offset >= 0 else {
                throw APIError.invalidArgument("Invalid page token.", field: "pageToken")
            }
            return offset
        } ?? 0
        let size = min(pageSize == 0 ? 50 : pageSize, 1000)
        let page = Array(entries.dropFirst(start).prefix(size))
        var body: JSONValue = ["entries": .array(page)]
        if start + page.count < entries.count {
            body["nextPageToken"] = .string(Data(String(start + page.count).utf8).base64EncodedString())
        }
        return .resource(body)
    }

    /// Adds an entry as Logging stores it: the project's id in `logName`, an `insertId`
    /// and a `receiveTimestamp` when the writer gave none.
    static func append(_ entry: JSONValue, project: String, now: Date, state: inout EmulatorState) {
        var entry = entry
        let count = state.resources(project, collection).count
        let insertId = entry["insertId"]?.stringValue ?? String(format: "%012x", count + 1)
        entry["insertId"] = .string(insertId)
        if entry["timestamp"] == nil { entry["timestamp"] = .string(RFC3339.format(now)) }
        entry["receiveTimestamp"] = .string(RFC3339.format(now))
        state.setResource(project, collection, String(format: "%010d", count + 1), entry)
    }
}
