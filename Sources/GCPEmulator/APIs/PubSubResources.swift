/// What Pub/Sub's topics and subscriptions share: the resource name rules, Pub/Sub's error
/// texts, durations in range, the update mask of an `Update…Request`, and IAM policies on
/// the resource (https://cloud.google.com/pubsub/docs/reference/rest).
enum PubSubResources {
    /// `topics` or `subscriptions`: the collection segment of a name, and the store's key.
    struct Kind: Sendable {
        var segment: String
        var collection: String
        /// Proto name of the resource in an update request (`topic`, `subscription`).
        var field: String
        var typeName: String
    }

    static let topics = Kind(segment: "topics", collection: "pubsub.topics", field: "topic", typeName: "Topic")
    static let subscriptions = Kind(segment: "subscriptions", collection: "pubsub.subscriptions", field: "subscription", typeName: "Subscription")

    /// A resource id: 3 to 255 characters, a letter first, then letters, digits and
    /// `-_.~+%`, not starting with `goog`
    /// (https://cloud.google.com/pubsub/docs/pubsub-basics#resource_names).
    static func isValidID(_ id: String) -> Bool {
        let scalars = id.unicodeScalars
        guard (3...255).contains(scalars.count), let first = scalars.first, first.isASCII, first.properties.isAlphabetic,
            !id.hasPrefix("goog")
        else { return false }
        return scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.~+%".unicodeScalars.contains($0)) }
    }

    /// `(project, id)` of `projects/P/KIND/ID`, or nil when `name` is not one.
    static func parse(_ name: String, _ kind: Kind) -> (project: String, id: String)? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "projects", !parts[1].isEmpty, parts[2] == kind.segment else { return nil }
        return (String(parts[1]), String(parts[3]))
    }

    /// The name checked: its id follows the rules, else 400 as Pub/Sub words it.
    static func checkName(_ name: String, _ kind: Kind, field: String = "name") throws -> (project: String, id: String) {
        guard let parsed = parse(name, kind), isValidID(parsed.id) else { throw invalidName(name, field: field) }
        return parsed
    }

    static func invalidName(_ name: String, field: String = "name") -> APIError {
        APIError.invalidArgument(
            "Invalid resource name given (\(field)=\(name)). Refer to https://cloud.google.com/pubsub/docs/pubsub-basics#resource_names for more information.",
            field: field)
    }

    static func notFound(_ id: String) -> APIError { .notFound("Resource not found (resource=\(id)).") }

    static func alreadyExists(_ id: String) -> APIError { .alreadyExists("Resource already exists in the project (resource=\(id)).") }

    /// The stored resource a request's name refers to (its project given as id or number), or 404.
    static func find(_ request: APIRequest, _ name: String, _ kind: Kind, state: EmulatorState) throws -> (project: String, name: String, value: JSONValue) {
        let project = try request.requireProject()
        let name = request.canonical(name)
        guard let value = state.resource(project, kind.collection, name) else {
            throw notFound(parse(name, kind)?.id ?? name)
        }
        return (project, name, value)
    }

    /// 400 unless `value` (a JSON Duration) lies within `range` seconds.
    static func checkDuration(_ value: JSONValue?, field: String, range: ClosedRange<Double>, rule: String) throws {
        guard let text = value?.stringValue else { return }
        guard let seconds = ProtoDuration.seconds(text), range.contains(seconds) else {
            throw APIError.invalidArgument("Invalid \(field) given (\(text)): \(rule)", field: field)
        }
    }

    /// The `updateMask` of an `Update…Request`: required, and naming only fields that can change.
    static func updateMask(_ body: JSONValue, _ kind: Kind, updatable: Set<String>) throws -> FieldMask {
        let mask = FieldMask(body["updateMask"]?.stringValue ?? "")
        guard !mask.isEmpty else {
            throw APIError.invalidArgument("The update_mask in the Update\(kind.typeName)Request must be set.", field: "updateMask")
        }
        for field in mask.topLevelFields.sorted() where !updatable.contains(field) {
            throw APIError.invalidArgument(
                "Invalid update_mask provided in the Update\(kind.typeName)Request: '\(field)' is not a known \(kind.typeName) field that can be updated.",
                field: "updateMask")
        }
        return mask
    }

    /// The resource of an update request, whose name (when given) must be the path's.
    static func updated(_ body: JSONValue, _ kind: Kind, name: String, request: APIRequest) throws -> JSONValue {
        guard let resource = body[kind.field], resource.objectValue != nil else {
            throw APIError.invalidArgument("The \(kind.field) in the Update\(kind.typeName)Request is required.", field: kind.field)
        }
        if let given = resource["name"]?.stringValue, !given.isEmpty, request.canonical(given) != name {
            throw APIError.invalidArgument("The \(kind.field) name in the request body (\(given)) does not match the URL (\(name)).", field: "\(kind.field).name")
        }
        return resource
    }
}
