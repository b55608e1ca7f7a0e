import Foundation

// Cloud Monitoring's prices (https://cloud.google.com/stackdriver/pricing): uptime check
// executions beyond a free allotment, and alerting by the condition.
extension PriceKey {
    /// One check run from one checker location is one execution.
    public static let uptimeCheckExecutions = PriceKey("monitoring.uptimeExecutions", unit: "1K executions", isGlobal: true,
                                                       catalog: .init(service: CatalogMatch.monitoring, words: ["uptime"],
                                                                      usageUnit: "count", usageUnitsPerBookUnit: 1000))
    /// Each condition of each alert policy, a month.
    public static let alertConditions = PriceKey("monitoring.alertConditions", unit: "condition-month", isGlobal: true,
                                                 catalog: .init(service: CatalogMatch.monitoring, words: ["alert", "condition"], usageUnit: "mo"))
}

extension CatalogMatch {
    static let monitoring = "Cloud Monitoring"
}

extension CostEstimator {
    /// Every check runs from Google's six checker locations once a period.
    mutating func uptimeChecks() throws -> [ResourceCost] {
        let checks = environment.monitoring?.uptimeChecks ?? []
        guard !checks.isEmpty else { return [] }
        let price = try price(.uptimeCheckExecutions)
        let runs = checks.reduce(Decimal(0)) { total, check in
            total + Units.secondsPerMonth / Decimal(max(check.periodSeconds, 1)) * Self.uptimeCheckerLocations
        }
        let thousands = runs / 1000
        let lines = [
            CostLine("executions", quantity: thousands, price: price,
                     note: "\(checks.count) check\(checks.count == 1 ? "" : "s") from \(Self.uptimeCheckerLocations) locations, every \(checks[0].periodSeconds)s"),
            freeTierLine(price, used: thousands, note: "\((price.free * 1000).quantityText()) executions a month free, per project"),
        ].compactMap { $0 }
        return [ResourceCost(key: "uptime-checks", kind: "Uptime checks", name: "\(checks.count) check\(checks.count == 1 ? "" : "s")", lines: lines)]
    }

    /// One condition per policy.
    mutating func alertPolicies() throws -> [ResourceCost] {
        let policies = environment.monitoring?.alertPolicies ?? []
        guard !policies.isEmpty else { return [] }
        let line = CostLine("conditions", quantity: Decimal(policies.count), price: try price(.alertConditions),
                            note: "\(policies.count) polic\(policies.count == 1 ? "y" : "ies") of one condition each")
        return [ResourceCost(key: "alert-policies", kind: "Alert policies", name: "\(policies.count) polic\(policies.count == 1 ? "y" : "ies")", lines: [line])]
    }

    /// Checks run from every location unless regions are chosen, which gcpctl does not do.
    static let uptimeCheckerLocations: Decimal = 6
}
