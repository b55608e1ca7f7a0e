extension EnvironmentResolver {
    static let defaultUptimePath = "/health"

    /// Checks for the public services, in the file's order; policies for the alerts asked
    /// (all four when `alerts:` is absent). A malformed duration stays as -1 for the validator.
    func resolve(_ monitoring: EnvironmentFile.Monitoring, shortName: String, services: [Environment.Service],
                 cloudSQL: Environment.CloudSQL?, edge: Environment.Edge?, labels: [String: String]) -> Environment.Monitoring {
        let settings = monitoring.uptimeChecks
        let path = settings?.path ?? Self.defaultUptimePath
        let checks = services.filter(\.isPublic).map { service in
            // A service behind the edge is watched where its users reach it, through the domain.
            let edge = edge.flatMap { $0.services.contains(service.name) ? $0 : nil }
            return Environment.Monitoring.UptimeCheck(
                name: "\(service.name)-health-\(shortName)", service: service.name,
                host: edge.map { .domain($0.domain) } ?? .runApp, path: (edge?.pathPrefix(of: service.name) ?? "") + path,
                periodSeconds: settings?.period.map(Self.seconds) ?? 60, timeoutSeconds: settings?.timeout.map(Self.seconds) ?? 10)
        }
        let alerts = monitoring.alerts ?? EnvironmentFile.Alerts(uptime: true, errorRatio: 0.01, sqlCpu: 0.8, sqlDisk: 0.85)
        var policies: [Environment.Monitoring.AlertPolicy] = []
        if alerts.uptime ?? false {
            policies += checks.map { .init(name: "\($0.service)-uptime-\(shortName)", condition: .uptime(check: $0.name, service: $0.service)) }
        }
        if let ratio = alerts.errorRatio {
            policies += services.map { .init(name: "\($0.name)-5xx-\(shortName)", condition: .errorRatio(service: $0.name, threshold: ratio)) }
        }
        if let instance = cloudSQL?.instance {
            if let cpu = alerts.sqlCpu { policies.append(.init(name: "\(instance)-cpu", condition: .sqlCPU(instance: instance, threshold: cpu))) }
            if let disk = alerts.sqlDisk { policies.append(.init(name: "\(instance)-disk", condition: .sqlDisk(instance: instance, threshold: disk))) }
        }
        return Environment.Monitoring(email: monitoring.email, uptimeChecks: checks, alertPolicies: policies, labels: labels)
    }
}
