import GoogleCloud

extension EnvironmentValidator {
    /// Google's preconfigured WAF rules (https://cloud.google.com/armor/docs/waf-rules).
    static let wafRules = [
        "sqli-v33-stable", "xss-v33-stable", "lfi-v33-stable", "rfi-v33-stable", "rce-v33-stable", "methodenforcement-v33-stable",
        "scannerdetection-v33-stable", "protocolattack-v33-stable", "php-v33-stable", "sessionfixation-v33-stable",
        "java-v33-stable", "nodejs-v33-stable", "cve-canary", "json-sqli-canary",
    ]
    /// The windows a rate limit may count over (https://cloud.google.com/armor/docs/rate-limiting-overview).
    static let rateLimitIntervals = [10, 30, 60, 120, 180, 240, 300, 600, 900, 1200, 1800, 2700, 3600]
    static let exceedActions = ["deny(403)", "deny(404)", "deny(429)", "deny(502)"]

    mutating func checkEdge() {
        guard let edge = environment.edge else { return }
        let path = DocumentPath.root.key("edge")
        check(path.key("domain"), Self.domainProblem(edge.domain))
        checkName(path.key("name"), edge.name, rule: Self.computeNameProblem)
        for (what, name) in edge.generatedNames {
            check(path.key("name"), Self.computeNameProblem(name).map { "\(what) would be named '\(name)': \($0)" })
        }
        checkName(path.key("address"), edge.address, rule: Self.computeNameProblem)
        checkEdgeRoutes(edge, at: path.key("routes"))
        if let armor = edge.armor { checkArmor(armor, at: path.key("armor")) }
    }

    private mutating func checkEdgeRoutes(_ edge: Environment.Edge, at path: DocumentPath) {
        if edge.defaultService.isEmpty {
            check(path, "routes need a 'default' service, for every path no other route names")
        } else {
            check(path.key("default"), edgeServiceProblem(edge.defaultService))
        }
        for route in edge.routes {
            check(path.key(route.path), Self.routePathProblem(route.path) ?? edgeServiceProblem(route.service))
        }
    }

    /// Behind the edge only a public service answers: the load balancer sends no credentials.
    private func edgeServiceProblem(_ name: String) -> String? {
        guard !wasDropped("services") else { return nil }
        let declared = environment.services.map(\.name)
        guard let service = environment.service(named: name) else {
            return "'\(name)' is not one of this environment's services (\(declared.joined(separator: ", ")))" + Suggestion.phrase(for: name, in: declared)
        }
        return service.isPublic ? nil : "'\(name)' is not public: the load balancer sends no credentials; set public: true on it or route elsewhere"
    }

    private mutating func checkArmor(_ armor: Environment.Edge.Armor, at path: DocumentPath) {
        checkName(path.key("policy"), armor.policy, rule: Self.computeNameProblem)
        if let limit = armor.rateLimit {
            if limit.count < 1 { check(path.key("rateLimit").key("count"), "must be at least 1 request") }
            if !Self.rateLimitIntervals.contains(limit.intervalSec) {
                check(path.key("rateLimit").key("intervalSec"),
                      "\(limit.intervalSec) is not a window Cloud Armor counts over; use one of \(Self.rateLimitIntervals.map(String.init).joined(separator: ", "))")
            }
            check(path.key("rateLimit").key("exceed"), choiceProblem(limit.exceed, allowed: Self.exceedActions, what: "exceed action"))
        }
        for (index, rule) in armor.waf.enumerated() {
            check(path.key("waf").index(index), choiceProblem(rule, allowed: Self.wafRules, what: "preconfigured WAF rule"))
        }
        checkUnique(armor.waf, at: { path.key("waf").index($0) }, what: "WAF rules")
        for (index, range) in armor.allow.enumerated() where !Self.isAddressRange(range) {
            check(path.key("allow").index(index), "'\(range)' is not an IPv4 address or range such as 203.0.113.0/24")
        }
        if armor.allow.count > 10 { check(path.key("allow"), "\(armor.allow.count) ranges, more than the 10 one Cloud Armor rule matches") }
    }

    static func computeNameProblem(_ name: String) -> String? {
        ComputeAPI.isValidName(name) ? nil
            : "'\(name)' is not a Compute Engine name: 1 to 63 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen"
    }

    static func domainProblem(_ domain: String) -> String? {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let valid = domain.utf8.count <= 253 && labels.count >= 2 && labels.allSatisfy { label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        return valid ? nil : "'\(domain)' is not a fully qualified domain name (app.example.com); a managed certificate takes no wildcard"
    }

    /// `/ws/*`: starts with `/`, and `*` only at the end, after a `/`.
    static func routePathProblem(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return "the route '\(path)' must start with /" }
        let stars = path.filter { $0 == "*" }.count
        guard stars == 0 || (stars == 1 && path.hasSuffix("/*")) else { return "the route '\(path)' may have * only at its end, after a / (/ws/*)" }
        return nil
    }

    static func isAddressRange(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        if parts.count == 2 { guard let prefix = Int(parts[1]), (0...32).contains(prefix) else { return false } }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { Int($0).map { (0...255).contains($0) } ?? false }
    }
}
