import Foundation

/// What every Compute resource shares: get, list and aggregatedList; insert, update and
/// delete as operations; names; references checked on the way in and stored as full URLs;
/// fingerprints; "in use" refusals. Each resource group's file (ComputeNetworksAPI, …)
/// adds only its own rules.
///
/// A new resource is stored at once but marked `@pendingCreate` until its operation is
/// DONE: reads answer 404 and references to it 400 `resourceNotReady` meanwhile, so a
/// client that does not wait for the operation finds out (with in-process durations of 0
/// the operation is done before the answer).
enum ComputeResources {
    /// A resource named by a request, found.
    struct Target {
        var project: String
        var region: String?
        var name: String
        var key: String
        var value: JSONValue

        var selfLink: String { value["selfLink"]?.stringValue ?? "" }
    }

    typealias Prepare = @Sendable (_ resource: inout JSONValue, _ target: Target, _ request: APIRequest, _ state: inout EmulatorState) throws -> Void

    // MARK: Reading

    /// The resource the path names (by name or numeric id), or Compute's 404.
    static func find(_ request: APIRequest, _ kind: ComputeKind, _ state: EmulatorState, parameter: String? = nil) throws -> Target {
        let project = try request.requireProject()
        let region = kind.scope == .regional ? request.path("region") : nil
        let given = request.path(parameter ?? kind.parameter)
        var key = ComputeKind.key(region: region, name: given)
        if state.resource(project, kind.collection, key) == nil, !given.isEmpty, given.allSatisfy(\.isNumber),
            let match = state.resources(project, kind.collection).first(where: { $0.value["id"]?.stringValue == given && $0.value["region"]?.stringValue == region.map { ComputeLinks.regionURL(project: project, region: $0) } })
        {
            key = match.name
        }
        guard let value = state.resource(project, kind.collection, key), value["@pendingCreate"] == nil else {
            throw ComputeErrors.notFound(kind.path(project: project, region: region, name: given))
        }
        return Target(project: project, region: region, name: value["name"]?.stringValue ?? given, key: key, value: value)
    }

    /// A resource as clients read it: derived fields filled in, bookkeeping left out.
    static func view(_ value: JSONValue, _ kind: ComputeKind, project: String, state: EmulatorState) -> JSONValue {
        kind.decorate(value, project, state).publicView
    }

    static func get(_ kind: ComputeKind) -> APIHandler {
        { request, state in
            let target = try find(request, kind, state)
            return .resource(view(target.value, kind, project: target.project, state: state))
        }
    }

    /// The visible resources of a kind in a scope (`region` nil: every scope), filtered.
    static func visible(_ kind: ComputeKind, project: String, region: String??, filter: ComputeFilter, state: EmulatorState) -> [JSONValue] {
        state.resources(project, kind.collection).map(\.value)
            .filter { $0["@pendingCreate"] == nil }
            .filter { value in
                guard case .some(let wanted) = region else { return true }
                return value["region"]?.stringValue == wanted.map { ComputeLinks.regionURL(project: project, region: $0) }
            }
            .map { view($0, kind, project: project, state: state) }
            .filter(filter.matches)
    }

    static func list(_ kind: ComputeKind) -> APIHandler {
        { request, state in
            let project = try request.requireProject()
            let region = kind.scope == .regional ? request.path("region") : nil
            let items = visible(kind, project: project, region: .some(region), filter: try ComputeFilter(request.query["filter"]), state: state)
            let scope = ComputeKind.scopePath(project: project, region: region)
            let page = try request.page(ordered(items, request))
            return .resource(page.body("items", base: [
                "kind": .string(kind.listKind), "id": .string("\(scope)/\(kind.segment)"),
                "selfLink": .string(ComputeLinks.url("\(scope)/\(kind.segment)")),
            ]))
        }
    }

    /// `aggregatedList`: every scope's resources, keyed `global` or `regions/R`.
    static func aggregatedList(_ kind: ComputeKind) -> APIHandler {
        { request, state in
            let project = try request.requireProject()
            let items = visible(kind, project: project, region: .none, filter: try ComputeFilter(request.query["filter"]), state: state)
            let page = try request.page(ordered(items, request))
            var scopes: [String: JSONValue] = [:]
            for item in page.items {
                let scope = item["region"]?.stringValue.flatMap(ComputeLinks.path(of:)).map { $0.split(separator: "/").dropFirst(2).joined(separator: "/") } ?? "global"
                var list = scopes[scope]?[kind.scopedKey]?.arrayValue ?? []
                list.append(item)
                scopes[scope] = [kind.scopedKey: .array(list)]
            }
            var body: JSONValue = [
                "kind": .string(kind.aggregatedKind), "id": .string("projects/\(project)/aggregated/\(kind.segment)"),
                "items": .object(scopes), "selfLink": .string(ComputeLinks.url("projects/\(project)/aggregated/\(kind.segment)")),
            ]
            if let token = page.nextPageToken { body["nextPageToken"] = .string(token) }
            return .resource(body)
        }
    }

    /// By name (Compute's default), or newest first for `orderBy=creationTimestamp desc`.
    private static func ordered(_ items: [JSONValue], _ request: APIRequest) throws -> [JSONValue] {
        switch request.query["orderBy"] {
        case nil, "name": return items.sorted { ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "") }
        case "creationTimestamp desc": return items.sorted { ($0["creationTimestamp"]?.stringValue ?? "") > ($1["creationTimestamp"]?.stringValue ?? "") }
        case let other?: throw ComputeErrors.invalid(field: "orderBy", value: other, "Only `name` and `creationTimestamp desc` are supported.")
        }
    }

    // MARK: Changing

    /// `insert`: a new resource under the name in the body, answered with its operation.
    static func insert(_ kind: ComputeKind, prepare: @escaping Prepare) -> APIHandler {
        { request, state in
            let project = try request.requireProject()
            if let earlier = try ComputeOperations.repeated(request, project: project, state: state) { return .resource(earlier) }
            let region = kind.scope == .regional ? request.path("region") : nil
            guard let name = request.body["name"]?.stringValue else { throw ComputeErrors.required("resource.name") }
            try checkName(name)
            let key = ComputeKind.key(region: region, name: name)
            let path = kind.path(project: project, region: region, name: name)
            if state.resource(project, kind.collection, key) != nil { throw ComputeErrors.alreadyExists(path) }
            var resource = withoutOutputFields(request.body, schema: request.route.method.requestSchema)
            resource["fingerprint"] = nil
            resource["labelFingerprint"] = nil
            let target = Target(project: project, region: region, name: name, key: key, value: resource)
            try prepare(&resource, target, request, &state)
            resource = resource.merging([
                "kind": .string(kind.kind), "id": .string(ComputeOperations.newID()), "name": .string(name),
                "creationTimestamp": .string(request.timestamp), "selfLink": .string(ComputeLinks.url(path)),
            ])
            if let region { resource["region"] = .string(ComputeLinks.regionURL(project: project, region: region)) }
            if kind.fingerprinted { resource["fingerprint"] = .string(fingerprint()) }
            if resource["labels"] != nil || kind.hasLabels { resource["labelFingerprint"] = .string(labelFingerprint(resource["labels"])) }
            resource["@pendingCreate"] = true
            state.setResource(project, kind.collection, key, resource)
            return .resource(ComputeOperations.start(
                request, state: &state, kind: kind, project: project, region: region, key: key, name: name, type: "insert", change: .create))
        }
    }

    /// A change of an existing resource (`patch`, `update`, `set…`), applied when its
    /// operation is done. `fingerprint` true: the body's `fingerprint` must be the current one.
    static func update(
        _ kind: ComputeKind, type: String, fingerprint checksFingerprint: Bool = false, parameter: String? = nil,
        change: @escaping Prepare
    ) -> APIHandler {
        { request, state in
            let target = try find(request, kind, state, parameter: parameter)
            if let earlier = try ComputeOperations.repeated(request, project: target.project, state: state) { return .resource(earlier) }
            if target.value["@pendingDelete"] != nil { throw ComputeErrors.notReady(kind.path(project: target.project, region: target.region, name: target.name)) }
            if checksFingerprint, request.body["fingerprint"] != target.value["fingerprint"] {
                throw ComputeErrors.conditionNotMet("Invalid fingerprint.")
            }
            var resource = target.value
            try change(&resource, target, request, &state)
            return .resource(ComputeOperations.start(
                request, state: &state, kind: kind, project: target.project, region: target.region, key: target.key,
                name: target.name, type: type, change: .replace(resource)))
        }
    }

    /// `patch`: JSON merge of the body's settable fields (lists replaced, null removes).
    static func merge(_ resource: inout JSONValue, _ request: APIRequest, immutable: Set<String> = []) throws {
        var changes = withoutOutputFields(request.body, schema: request.route.method.requestSchema)
        for field in ["fingerprint", "labelFingerprint", "name"] { changes[field] = nil }
        for field in immutable.sorted() {
            guard let given = changes[field], !given.isNull else { continue }
            guard given == resource[field] else {
                throw ComputeErrors.invalid(field: "resource.\(field)", value: given.stringValue ?? given.serialized, "This field cannot be changed after creation.")
            }
        }
        resource = resource.merging(changes)
    }

    /// `delete`: refused with 400 `resourceInUseByAnotherResource` while another resource
    /// references it, or (`inUseFailsOperation`, as a network's delete does) answered with
    /// an operation that fails for that reason.
    static func delete(
        _ kind: ComputeKind, inUseFailsOperation: Bool = false,
        alsoUsedBy: @escaping @Sendable (Target, EmulatorState) -> [String] = { _, _ in [] }
    ) -> APIHandler {
        { request, state in
            let target = try find(request, kind, state)
            if let earlier = try ComputeOperations.repeated(request, project: target.project, state: state) { return .resource(earlier) }
            let path = kind.path(project: target.project, region: target.region, name: target.name)
            if target.value["@pendingDelete"] != nil { throw ComputeErrors.notReady(path) }
            let users = alsoUsedBy(target, state) + self.users(of: target.selfLink, project: target.project, state: state)
            var failure: ComputeOperations.Failure?
            if let user = users.first {
                let message = ComputeErrors.inUseMessage(noun: kind.noun, path: path, by: user)
                guard inUseFailsOperation else { throw ComputeErrors.inUse(noun: kind.noun, path: path, by: user) }
                failure = .init(code: "RESOURCE_IN_USE_BY_ANOTHER_RESOURCE", httpStatus: 400, message: message)
            } else {
                var pending = target.value
                pending["@pendingDelete"] = true
                state.setResource(target.project, kind.collection, target.key, pending)
            }
            return .resource(ComputeOperations.start(
                request, state: &state, kind: kind, project: target.project, region: target.region, key: target.key,
                name: target.name, type: "delete", change: failure == nil ? .delete : .none, failure: failure))
        }
    }

    // MARK: References

    /// Checks a reference the request gives and answers its full URL: 400 when malformed or
    /// of another kind, 404 when the resource does not exist, 400 `resourceNotReady` while
    /// it is being created.
    static func resolve(_ text: String, field: String, kinds: [ComputeKind], project: String, state: EmulatorState) throws -> String {
        let reference = try ComputeReference.parse(text, field: field, project: project)
        guard let kind = kinds.first(where: { $0.segment == reference.segment && ($0.scope == .regional) == (reference.region != nil) }) else {
            throw ComputeErrors.invalid(field: field, value: text, "Expected a reference to \(kinds.map(\.segment).joined(separator: " or ")).")
        }
        let owner = state.projects[reference.project] != nil ? reference.project : (state.projects.values.first { $0.number == reference.project }?.id ?? reference.project)
        guard let value = state.resource(owner, kind.collection, reference.key) else { throw ComputeErrors.notFound(reference.path) }
        if value["@pendingCreate"] != nil { throw ComputeErrors.notReady(reference.path) }
        return value["selfLink"]?.stringValue ?? reference.url
    }

    /// The stored resource a full URL names, nil when there is none.
    static func stored(_ url: String, _ kind: ComputeKind, state: EmulatorState) -> JSONValue? {
        guard let reference = try? ComputeReference.parse(url, field: "", project: "") else { return nil }
        return state.resource(reference.project, kind.collection, reference.key)
    }

    /// The paths (`projects/P/...`) of the resources in the project that hold `url`.
    static func users(of url: String, project: String, state: EmulatorState) -> [String] {
        guard !url.isEmpty else { return [] }
        var users: [String] = []
        for (collection, resources) in (state.projects[project]?.collections ?? [:]).sorted(by: { $0.key < $1.key })
        where collection.hasPrefix("compute.") && collection != ComputeOperations.requestIDs {
            for (_, value) in resources.sorted(by: { $0.key < $1.key }) {
                let own = value["selfLink"]?.stringValue
                guard own != url, contains(value, url) else { continue }
                users.append(ComputeLinks.path(of: own ?? "") ?? own ?? "")
            }
        }
        return users
    }

    private static func contains(_ value: JSONValue, _ url: String) -> Bool {
        switch value {
        case .string(let text): return text == url
        case .array(let elements): return elements.contains { contains($0, url) }
        case .object(let members): return members.contains { $0.key != "selfLink" && contains($0.value, url) }
        default: return false
        }
    }

    // MARK: Fields

    /// RFC 1035, as Compute's schemas say: `[a-z]([-a-z0-9]{0,61}[a-z0-9])?`.
    static func checkName(_ name: String) throws {
        let bytes = Array(name.utf8)
        let valid = (1...63).contains(bytes.count) && (97...122).contains(bytes[0]) && bytes.last != UInt8(ascii: "-")
            && bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
        guard valid else {
            throw ComputeErrors.invalid(field: "resource.name", value: name, "Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'")
        }
    }

    /// The body without the fields its schema calls output only ("[Output Only] …"), which
    /// Compute ignores on input.
    static func withoutOutputFields(_ body: JSONValue, schema: String?) -> JSONValue {
        guard let schema, case .object(var members) = body else { return body }
        for field in outputFields(schema) { members[field] = nil }
        return .object(members)
    }

    private static let outputFieldCache = Locked<[String: Set<String>]>([:])

    static func outputFields(_ schema: String) -> Set<String> {
        if let cached = outputFieldCache.withLock({ $0[schema] }) { return cached }
        let properties = DiscoveryCatalog.documents(for: "compute").first?.schemas[schema]?["properties"]?.objectValue ?? [:]
        let fields = Set(properties.filter { property in
            let description = property.value["description"]?.stringValue ?? ""
            return property.value["readOnly"] == true || description.hasPrefix("[Output Only]") || description.hasPrefix("Output only.")
        }.keys)
        outputFieldCache.withLock { $0[schema] = fields }
        return fields
    }

    /// Compute's fingerprints: 8 bytes, base64.
    static func fingerprint() -> String { Base64.encode((0..<8).map { _ in UInt8.random(in: 0...255) }) }

    /// A label fingerprint follows the labels: the same labels, the same fingerprint.
    static func labelFingerprint(_ labels: JSONValue?) -> String {
        // Compute's fingerprint of no labels, as every unlabelled resource shows it.
        guard let labels = labels?.objectValue, !labels.isEmpty else { return "42WmSpB8rSM=" }
        let text = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.stringValue ?? "")" }.joined(separator: ",")
        let hash = Checksums.crc32c(Array(text.utf8))
        return Base64.encode([UInt8(hash >> 24 & 0xFF), UInt8(hash >> 16 & 0xFF), UInt8(hash >> 8 & 0xFF), UInt8(hash & 0xFF), 0, 0, 0, 0])
    }

    /// `setLabels` (`GlobalSetLabelsRequest`): the labels replace the old ones when
    /// `labelFingerprint` is the current one, else 412.
    static func setLabels(_ kind: ComputeKind) -> APIHandler {
        update(kind, type: "setLabels", parameter: "resource") { resource, _, request, _ in
            guard request.body["labelFingerprint"] == resource["labelFingerprint"] else {
                throw ComputeErrors.conditionNotMet("Labels fingerprint either invalid or resource labels have changed")
            }
            resource["labels"] = request.body["labels"] ?? [:]
            resource["labelFingerprint"] = .string(labelFingerprint(resource["labels"]))
        }
    }
}
