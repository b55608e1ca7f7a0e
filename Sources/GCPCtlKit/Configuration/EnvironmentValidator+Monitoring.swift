extension EnvironmentValidator {
    static let uptimePeriods = [60, 300, 600, 900]

    mutating func checkMonitoring() {
        guard let monitoring = environment.monitoring else { return }
        let root = DocumentPath.root.key("monitoring")
        if let email = monitoring.email {
            check(root.key("email"), NamingRules.emailAddressProblem(email))
        }
        if let check = monitoring.uptimeChecks.first {
            let settings = root.key("uptimeChecks")
            if check.periodSeconds < 0 || !Self.uptimePeriods.contains(check.periodSeconds) {
                self.check(settings.key("period"), check.periodSeconds < 0
                    ? durationProblem(check.periodSeconds, range: 60...900, what: "60s, 5m, 10m or 15m")
                    : "\(check.periodSeconds) seconds is not a period uptime checks run at; use 60s, 5m, 10m or 15m")
            }
            self.check(settings.key("timeout"), durationProblem(check.timeoutSeconds, range: 1...60, what: "1s to 60s"))
            if !check.path.hasPrefix("/") || check.path.contains(where: { $0 == " " || $0 == "?" || $0 == "#" }) {
                self.check(settings.key("path"), "'\(check.path)' is not a path; start it with / and leave out spaces, ? and #")
            }
        }
        // One policy per service shares one threshold: report it once.
        var shares: [String: Double] = [:]
        for policy in monitoring.alertPolicies {
            switch policy.condition {
            case .uptime: break
            case .errorRatio(_, let threshold): shares["errorRatio"] = threshold
            case .sqlCPU(_, let threshold): shares["sqlCpu"] = threshold
            case .sqlDisk(_, let threshold): shares["sqlDisk"] = threshold
            }
        }
        for (key, value) in shares.sorted(by: { $0.key < $1.key }) where !(value > 0 && value <= 1) {
            check(root.key("alerts").key(key), "\(value) is not a share; write a number above 0 and at most 1 (0.8 for 80%)")
        }
    }
}
