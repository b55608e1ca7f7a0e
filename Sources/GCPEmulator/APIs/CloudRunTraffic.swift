/// A Cloud Run service's traffic and URLs: the checks Google makes on `traffic` (targets
/// naming known revisions, percents summing to 100, well-formed unique tags), the
/// `trafficStatuses` a ready service shows, and its URL forms:
/// `https://SERVICE-PROJECTNUMBER.REGION.run.app` (deterministic),
/// `https://SERVICE-HASH-RC.a.run.app` (legacy, per project and region) and
/// `https://TAG---SERVICE-PROJECTNUMBER.REGION.run.app` (a tag).
enum CloudRunTraffic {
    static let latest = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"
    static let revision = "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION"
    static let defaultTraffic: JSONValue = [["type": .string(latest), "percent": 100]]

    /// `projects/P/locations/R/services/S` → (S, R).
    private static func parts(_ serviceName: String) -> (service: String, region: String) {
        let parts = serviceName.split(separator: "/").map(String.init)
        return parts.count == 6 ? (parts[5], parts[3]) : ("", "")
    }

    static func host(_ serviceName: String, number: String) -> String {
        let (service, region) = parts(serviceName)
        return "\(service)-\(number).\(region).run.app"
    }

    static func uri(_ serviceName: String, number: String) -> String { "https://" + host(serviceName, number: number) }

    static func tagURI(_ tag: String, serviceName: String, number: String) -> String {
        "https://\(tag)---" + host(serviceName, number: number)
    }

    /// The legacy URL: a hash per project and region, and a short region code.
    static func legacyURL(_ serviceName: String, project: String) -> String {
        let (service, region) = parts(serviceName)
        var hash = UInt64(ProjectState.projectNumber(for: project + "/" + region)) ?? 0
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var text = ""
        for _ in 0..<10 {
            text.append(alphabet[Int(hash % 36)])
            hash = hash / 36 &+ 0x9E37_79B9
        }
        return "https://\(service)-\(text)-\(regionCodes[region] ?? String(region.prefix(2))).a.run.app"
    }

    private static let regionCodes = [
        "us-central1": "uc", "us-east1": "ue", "us-east4": "uk", "us-west1": "uw", "us-west2": "wl",
        "europe-west1": "ew", "europe-west2": "nw", "europe-west3": "ey", "europe-west4": "ez", "europe-north1": "lz",
        "asia-east1": "de", "asia-northeast1": "an", "asia-southeast1": "as", "australia-southeast1": "ts",
    ]

    /// 400 for traffic Google refuses; `revisions` are those a REVISION target may name.
    /// `service` is the service's id: with a tag it makes the tag host's first label, which
    /// Cloud Run holds to 46 characters.
    static func check(_ traffic: [JSONValue], revisions: Set<String>, service: String) throws {
        var total = 0
        var tags: Set<String> = []
        for (index, target) in traffic.enumerated() {
            let field = "traffic[\(index)]"
            let type = target["type"]?.stringValue ?? (target["revision"] != nil ? revision : latest)
            let named = target["revision"]?.stringValue ?? ""
            if type == revision {
                guard !named.isEmpty else { throw APIError.invalidArgument("\(field).revision: must be specified for a REVISION target.", field: field + ".revision") }
                guard revisions.contains(named) else {
                    throw APIError.invalidArgument("Revision '\(named)' referenced in traffic not found.", field: field + ".revision")
                }
            } else if type == latest, !named.isEmpty {
                throw APIError.invalidArgument("\(field).revision: must not be set for a LATEST target.", field: field + ".revision")
            }
            let percent = target["percent"]?.intValue ?? 0
            guard (0...100).contains(percent) else {
                throw APIError.invalidArgument("\(field).percent: must be between 0 and 100.", field: field + ".percent")
            }
            total += percent
            if let tag = target["tag"]?.stringValue, !tag.isEmpty {
                guard isValidTag(tag) else {
                    throw APIError.invalidArgument("\(field).tag: '\(tag)' must be lowercase letters, digits and hyphens, starting with a letter.", field: field + ".tag")
                }
                guard tag.count + service.count <= 46 else {
                    throw APIError.invalidArgument(
                        "traffic tag '\(tag)' and service name '\(service)' together are too long. Combined traffic tag and service name cannot exceed 46 characters.",
                        field: field + ".tag")
                }
                guard tags.insert(tag).inserted else { throw APIError.invalidArgument("Duplicate traffic tag '\(tag)'.", field: field + ".tag") }
            }
        }
        guard traffic.isEmpty || total == 100 else {
            throw APIError.invalidArgument("Traffic percentages must sum to 100, but they sum to \(total).", field: "traffic")
        }
    }

    private static func isValidTag(_ tag: String) -> Bool {
        guard tag.count <= 46, let first = tag.first, first.isLetter, first.isLowercase, tag.last != "-" else { return false }
        return tag.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }
    }

    /// The `trafficStatuses` of a service serving `latestReady`.
    static func statuses(_ traffic: [JSONValue], latestReady: String, serviceName: String, number: String) -> [JSONValue] {
        traffic.map { target in
            var status: JSONValue = ["type": target["type"] ?? .string(latest)]
            status["revision"] = status["type"] == .string(latest) ? .string(latestReady) : target["revision"]
            if let percent = target["percent"]?.intValue, percent > 0 { status["percent"] = .int(percent) }
            if let tag = target["tag"]?.stringValue, !tag.isEmpty {
                status["tag"] = .string(tag)
                status["uri"] = .string(tagURI(tag, serviceName: serviceName, number: number))
            }
            return status
        }
    }

    /// The revisions a service's traffic can reach: those with a share or a tag.
    static func servingRevisions(_ service: JSONValue) -> Set<String> {
        Set((service["trafficStatuses"]?.arrayValue ?? []).filter { ($0["percent"]?.intValue ?? 0) > 0 || $0["tag"] != nil }
            .compactMap { $0["revision"]?.stringValue })
    }
}
