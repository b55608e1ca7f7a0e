/// URL maps (https://cloud.google.com/compute/docs/reference/rest/v1/urlMaps,
/// https://cloud.google.com/load-balancing/docs/url-map-concepts): a default (a backend
/// service, a redirect or a route action), host rules that name existing path matchers,
/// path rules whose paths start with `/` and have `*` only at the end after a `/`; every
/// backend service named must exist, and is answered as a full URL. A redirect gets
/// Google's defaults (`redirectResponseCode` MOVED_PERMANENTLY_DEFAULT, `stripQuery`
/// false). `patch` merges and `update` replaces, both with the current fingerprint. A URL
/// map a target proxy uses cannot be deleted.
enum ComputeURLMapsAPI {
    static let handlers: [String: APIHandler] = [
        "compute.urlMaps.get": ComputeResources.get(.urlMap),
        "compute.urlMaps.list": ComputeResources.list(.urlMap),
        "compute.urlMaps.aggregatedList": ComputeResources.aggregatedList(.urlMap),
        "compute.urlMaps.insert": ComputeResources.insert(.urlMap) { map, target, _, state in
            try check(&map, project: target.project, state: state)
        },
        "compute.urlMaps.patch": ComputeResources.update(.urlMap, type: "patch", fingerprint: true) { map, target, request, state in
            try ComputeResources.merge(&map, request)
            try check(&map, project: target.project, state: state)
        },
        "compute.urlMaps.update": ComputeResources.update(.urlMap, type: "update", fingerprint: true) { map, target, request, state in
            if let name = request.body["name"]?.stringValue, name != target.name {
                throw ComputeErrors.invalid(field: "resource.name", value: name, "The name cannot be changed.")
            }
            var replacement = ComputeResources.withoutOutputFields(request.body, schema: "UrlMap")
            for field in ["kind", "id", "name", "selfLink", "creationTimestamp", "fingerprint"] { replacement[field] = map[field] }
            map = replacement
            try check(&map, project: target.project, state: state)
        },
        "compute.urlMaps.delete": ComputeResources.delete(.urlMap),
    ]

    private static func check(_ map: inout JSONValue, project: String, state: EmulatorState) throws {
        try checkDefault(&map, field: "resource", project: project, state: state)
        var matchers = map["pathMatchers"]?.arrayValue ?? []
        var names = Set<String>()
        for index in matchers.indices {
            let field = "resource.pathMatchers[\(index)]"
            guard let name = matchers[index]["name"]?.stringValue else { throw ComputeErrors.required("\(field).name") }
            guard names.insert(name).inserted else { throw ComputeErrors.invalid(field: "\(field).name", value: name, "Path matcher names must be unique.") }
            try checkDefault(&matchers[index], field: field, project: project, state: state)
            var rules = matchers[index]["pathRules"]?.arrayValue ?? []
            for ruleIndex in rules.indices {
                let ruleField = "\(field).pathRules[\(ruleIndex)]"
                let paths = rules[ruleIndex]["paths"]?.arrayValue?.compactMap(\.stringValue) ?? []
                guard !paths.isEmpty else { throw ComputeErrors.required("\(ruleField).paths") }
                for path in paths where !isValidPath(path) {
                    throw ComputeErrors.invalid(field: "\(ruleField).paths", value: path, "A path starts with '/' and may end in '/*' only.")
                }
                let actions = ["service", "urlRedirect", "routeAction"].filter { rules[ruleIndex][$0] != nil }
                guard actions.count == 1 else {
                    throw ComputeErrors.invalid(field: ruleField, value: paths.joined(separator: ","), "A path rule has exactly one of service, urlRedirect or routeAction.")
                }
                try resolveServices(&rules[ruleIndex], field: ruleField, project: project, state: state)
            }
            if !rules.isEmpty { matchers[index]["pathRules"] = .array(rules) }
            try resolveServices(&matchers[index], field: field, project: project, state: state, only: ["routeRules"])
        }
        if !matchers.isEmpty { map["pathMatchers"] = .array(matchers) }
        var hosts = Set<String>()
        for (index, rule) in (map["hostRules"]?.arrayValue ?? []).enumerated() {
            let field = "resource.hostRules[\(index)]"
            let matcher = rule["pathMatcher"]?.stringValue ?? ""
            guard names.contains(matcher) else {
                throw ComputeErrors.invalid(field: "\(field).pathMatcher", value: matcher, "No path matcher of that name exists in the URL map.")
            }
            let ruleHosts = rule["hosts"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard !ruleHosts.isEmpty else { throw ComputeErrors.required("\(field).hosts") }
            for host in ruleHosts where !hosts.insert(host).inserted {
                throw ComputeErrors.invalid(field: "\(field).hosts", value: host, "A host may appear in one host rule only.")
            }
        }
    }

    /// A URL map or path matcher has one default: a service, a redirect or a route action.
    private static func checkDefault(_ node: inout JSONValue, field: String, project: String, state: EmulatorState) throws {
        let defaults = ["defaultService", "defaultUrlRedirect", "defaultRouteAction"].filter { node[$0] != nil }
        guard defaults.count == 1 || (defaults == ["defaultService", "defaultRouteAction"] && node["defaultRouteAction"]?["weightedBackendServices"] == nil) else {
            throw ComputeErrors.invalid(field: field, value: defaults.joined(separator: ","), "Exactly one of defaultService, defaultUrlRedirect or defaultRouteAction (with weightedBackendServices) must be set.")
        }
        if let service = node["defaultService"]?.stringValue {
            node["defaultService"] = .string(try ComputeResources.resolve(service, field: "\(field).defaultService", kinds: [.backendService], project: project, state: state))
        }
        if var redirect = node["defaultUrlRedirect"] {
            try checkRedirect(&redirect, field: "\(field).defaultUrlRedirect")
            node["defaultUrlRedirect"] = redirect
        }
        try resolveServices(&node, field: field, project: project, state: state, only: ["defaultRouteAction"])
    }

    private static func checkRedirect(_ redirect: inout JSONValue, field: String) throws {
        guard redirect["httpsRedirect"] == true || ["hostRedirect", "pathRedirect", "prefixRedirect"].contains(where: { redirect[$0] != nil }) else {
            throw ComputeErrors.invalid(field: field, value: redirect.serialized, "A redirect changes at least one of the scheme (httpsRedirect), host or path.")
        }
        let defaults: JSONValue = ["redirectResponseCode": "MOVED_PERMANENTLY_DEFAULT", "stripQuery": false]
        redirect = defaults.merging(redirect)
    }

    /// Every backend service a node names (`service`, `backendService` in weighted lists,
    /// under the keys `only` when given), resolved to its full URL.
    private static func resolveServices(_ node: inout JSONValue, field: String, project: String, state: EmulatorState, only: Set<String>? = nil) throws {
        switch node {
        case .object(var members):
            for (key, value) in members where only?.contains(key) ?? true {
                if ["service", "backendService"].contains(key), let text = value.stringValue {
                    members[key] = .string(try ComputeResources.resolve(text, field: "\(field).\(key)", kinds: [.backendService], project: project, state: state))
                } else if key == "urlRedirect" {
                    var redirect = value
                    try checkRedirect(&redirect, field: "\(field).urlRedirect")
                    members[key] = redirect
                } else {
                    var child = value
                    try resolveServices(&child, field: "\(field).\(key)", project: project, state: state)
                    members[key] = child
                }
            }
            node = .object(members)
        case .array(var elements):
            for index in elements.indices { try resolveServices(&elements[index], field: "\(field)[\(index)]", project: project, state: state) }
            node = .array(elements)
        default:
            break
        }
    }

    private static func isValidPath(_ path: String) -> Bool {
        guard path.hasPrefix("/") else { return false }
        guard let star = path.firstIndex(of: "*") else { return true }
        return path.hasSuffix("/*") && star == path.index(before: path.endIndex)
    }
}

extension ComputeKind {
    static let urlMap = ComputeKind(
        collection: "compute.urlMaps", segment: "urlMaps", kind: "compute#urlMap", noun: "url_map", scope: .global,
        parameter: "urlMap", aggregatedKind: "compute#urlMapsAggregatedList", scopedKey: "urlMaps", fingerprinted: true)
}
