/// An uptime check configuration checked and completed as Google documents
/// `UptimeCheckConfig` (https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.uptimeCheckConfigs):
/// a display name; one of a monitored resource (of the types uptime checks take; an
/// `uptime_url` needs its `host`), a resource group or a synthetic monitor; one of an
/// HTTP or TCP check (but for a synthetic monitor); `timeout` required, 1 to 60 s; `period`
/// 60, 300, 600 or 900 s (60 s unless given); `selectedRegions`, when given, covering at
/// least three checker locations, and never with `isInternal`. Filled in as Google answers:
/// the HTTP check's path (with its leading `/`), port (443 with SSL, else 80) and request
/// method (GET), the checker type (static IP checkers), the uptime URL's `project_id`.
enum UptimeCheckRules {
    static let resourceTypes: Set = [
        "uptime_url", "gce_instance", "gae_app", "aws_ec2_instance", "aws_elb_load_balancer", "k8s_service",
        "servicedirectory_service", "cloud_run_revision",
    ]
    /// Checker locations by selectable region.
    static let regionLocations: [String: [String]] = [
        "USA": ["usa-oregon", "usa-iowa", "usa-virginia"], "USA_OREGON": ["usa-oregon"], "USA_IOWA": ["usa-iowa"],
        "USA_VIRGINIA": ["usa-virginia"], "EUROPE": ["eur-belgium"], "SOUTH_AMERICA": ["sam-brazil"],
        "ASIA_PACIFIC": ["apac-singapore"],
    ]
    static let allLocations = ["usa-oregon", "usa-iowa", "usa-virginia", "eur-belgium", "apac-singapore", "sam-brazil"]
    private static let settable: Set = [
        "displayName", "monitoredResource", "resourceGroup", "syntheticMonitor", "httpCheck", "tcpCheck", "period", "timeout",
        "contentMatchers", "checkerType", "selectedRegions", "isInternal", "internalCheckers", "userLabels", "disabled", "logCheckFailures",
    ]

    /// The checker locations a check runs from.
    static func locations(_ check: JSONValue) -> [String] {
        let regions = (check["selectedRegions"]?.arrayValue ?? []).compactMap(\.stringValue).filter { $0 != "REGION_UNSPECIFIED" }
        guard !regions.isEmpty else { return allLocations }
        let chosen = Set(regions.flatMap { regionLocations[$0] ?? [] })
        return allLocations.filter(chosen.contains)
    }

    static func completed(_ body: JSONValue, project: String) throws -> JSONValue {
        var check = JSONValue.object(body.objectValue?.filter { settable.contains($0.key) && !$0.value.isNull } ?? [:])
        guard check["displayName"]?.stringValue?.isEmpty == false else {
            throw APIError.invalidArgument("Field uptime_check_config.display_name is required.", field: "displayName")
        }
        let targets = ["monitoredResource", "resourceGroup", "syntheticMonitor"].filter { check[$0] != nil }
        guard targets.count == 1 else {
            throw APIError.invalidArgument("An uptime check needs exactly one of monitored_resource, resource_group or synthetic_monitor.", field: "monitoredResource")
        }
        if let resource = check["monitoredResource"] { check["monitoredResource"] = try monitoredResource(resource, project: project) }
        let kinds = ["httpCheck", "tcpCheck"].filter { check[$0] != nil }
        guard kinds.count == (check["syntheticMonitor"] == nil ? 1 : 0) else {
            throw APIError.invalidArgument("An uptime check needs exactly one of http_check or tcp_check.", field: "httpCheck")
        }
        if let http = check["httpCheck"] { check["httpCheck"] = try httpCheck(http) }
        guard let timeout = check["timeout"]?.stringValue, let seconds = ProtoDuration.seconds(timeout), (1...60).contains(seconds) else {
            throw APIError.invalidArgument("Field uptime_check_config.timeout is required and must be between 1 and 60 seconds.", field: "timeout")
        }
        check["period"] = check["period"] ?? "60s"
        guard ["60s", "300s", "600s", "900s"].contains(check["period"]?.stringValue.flatMap(ProtoDuration.seconds).map(ProtoDuration.format) ?? "") else {
            throw APIError.invalidArgument("The period must be 60s, 300s, 600s or 900s.", field: "period")
        }
        try checkRegions(check)
        check["checkerType"] = check["checkerType"].flatMap { $0 == "CHECKER_TYPE_UNSPECIFIED" ? nil : $0 } ?? "STATIC_IP_CHECKERS"
        try ResourceLabels.check(check["userLabels"], field: "userLabels")
        return check
    }

    private static func monitoredResource(_ resource: JSONValue, project: String) throws -> JSONValue {
        let type = resource["type"]?.stringValue ?? ""
        guard resourceTypes.contains(type) else {
            throw APIError.invalidArgument("Monitored resource type '\(type)' is not supported by uptime checks.", field: "monitoredResource.type")
        }
        var completed = resource
        if type == "uptime_url" {
            guard resource["labels"]?["host"]?.stringValue?.isEmpty == false else {
                throw APIError.invalidArgument("An uptime_url monitored resource needs the label host.", field: "monitoredResource.labels.host")
            }
            completed["labels"]?["project_id"] = resource["labels"]?["project_id"] ?? .string(project)
        }
        return completed
    }

    private static func httpCheck(_ check: JSONValue) throws -> JSONValue {
        var completed = check
        let path = check["path"]?.stringValue ?? "/"
        completed["path"] = .string(path.hasPrefix("/") ? path : "/" + path)
        let ssl = check["useSsl"]?.boolValue ?? false
        let port = check["port"]?.intValue ?? 0
        guard (0...65535).contains(port) else { throw APIError.invalidArgument("The port must be between 1 and 65535.", field: "httpCheck.port") }
        completed["port"] = .int(port == 0 ? (ssl ? 443 : 80) : port)
        let method = check["requestMethod"]?.stringValue.flatMap { $0 == "METHOD_UNSPECIFIED" ? nil : $0 } ?? "GET"
        completed["requestMethod"] = .string(method)
        let contentType = check["contentType"]?.stringValue ?? "TYPE_UNSPECIFIED"
        if method == "GET" {
            guard check["body"]?.stringValue?.isEmpty ?? true else {
                throw APIError.invalidArgument("A GET uptime check cannot have a body.", field: "httpCheck.body")
            }
            guard contentType == "TYPE_UNSPECIFIED" else {
                throw APIError.invalidArgument("A GET uptime check cannot have a content type.", field: "httpCheck.contentType")
            }
        } else if contentType == "TYPE_UNSPECIFIED" {
            throw APIError.invalidArgument("A POST uptime check needs a content type.", field: "httpCheck.contentType")
        }
        return completed
    }

    private static func checkRegions(_ check: JSONValue) throws {
        let regions = check["selectedRegions"]?.arrayValue ?? []
        guard !regions.isEmpty else { return }
        guard check["isInternal"]?.boolValue != true else {
            throw APIError.invalidArgument("selected_regions cannot be given for an internal check.", field: "selectedRegions")
        }
        guard locations(check).count >= 3 else {
            throw APIError.invalidArgument("The selected regions must include at least 3 locations.", field: "selectedRegions")
        }
    }
}
