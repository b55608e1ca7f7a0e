import Foundation

// The edge's prices (https://cloud.google.com/load-balancing/pricing, https://cloud.google.com/armor/pricing).
extension PriceKey {
    /// The first five forwarding rules of a project are billed together, by the hour.
    public static let lbForwardingRule = PriceKey("lb.forwardingRule", unit: "hour",
                                                  catalog: .init(service: CatalogMatch.computeEngine, words: ["forwarding rule"],
                                                                 excluded: ["additional"], usageUnit: "h"))
    public static let lbDataProcessing = PriceKey("lb.dataProcessing", unit: "GiB",
                                                  catalog: .init(service: CatalogMatch.computeEngine, words: ["load balancer", "data processing"],
                                                                 usageUnit: "GiBy"))
    // Cloud Armor Standard.
    public static let armorPolicy = PriceKey("armor.policy", unit: "policy-month", isGlobal: true,
                                             catalog: .init(service: CatalogMatch.networking, words: ["armor", "policy"], usageUnit: "mo"))
    public static let armorRule = PriceKey("armor.rule", unit: "rule-month", isGlobal: true,
                                           catalog: .init(service: CatalogMatch.networking, words: ["armor", "rule"], usageUnit: "mo"))
    public static let armorRequests = PriceKey("armor.requests", unit: "1M requests", isGlobal: true,
                                               catalog: .init(service: CatalogMatch.networking, words: ["armor", "request"],
                                                              usageUnit: "count", usageUnitsPerBookUnit: 1_000_000))
}

extension CatalogMatch {
    static let computeEngine = "Compute Engine", networking = "Networking"
}

extension CostEstimator {
    /// Hours of the forwarding rules, and the data the load balancer processes (in and out,
    /// `usage.lbGbPerMonth`).
    mutating func loadBalancer() throws -> [ResourceCost] {
        guard let edge = environment.edge else { return [] }
        let rules = edge.httpsRedirect ? 2 : 1
        let hours = try price(.lbForwardingRule), processing = try price(.lbDataProcessing)
        let gb = Decimal(exactly: environment.usage?.lbGbPerMonth ?? 0) ?? 0
        let lines = [
            CostLine("forwarding rules", quantity: 730, price: hours,
                     note: "\(rules) rule\(rules == 1 ? "" : "s"), 730 h; the first 5 of a project are billed together"),
            CostLine("data processed", quantity: gb, price: processing,
                     note: environment.usage?.lbGbPerMonth == nil ? "usage.lbGbPerMonth not set" : "usage.lbGbPerMonth, in and out"),
        ]
        return [ResourceCost(key: "edge", kind: "Load balancer", name: edge.name, summary: "\(edge.domain), \(rules) forwarding rules",
                             lines: lines)]
    }

    /// The policy, its rules (the default rule included) and every request it evaluates.
    mutating func cloudArmor() throws -> [ResourceCost] {
        guard let edge = environment.edge, let armor = edge.armor else { return [] }
        let policy = try price(.armorPolicy), rule = try price(.armorRule), requests = try price(.armorRequests)
        let rules = SecurityPolicy(armor: armor, labels: [:]).rules.count + 1
        let lines = [
            CostLine("policy", quantity: 1, price: policy, note: "Cloud Armor Standard"),
            CostLine("rules", quantity: Decimal(rules), price: rule, note: "\(rules - 1) declared and the default rule"),
            CostLine("requests", quantity: Decimal(usage.requestsPerMonth) / 1_000_000, price: requests,
                     note: "usage.requestsPerMonth \(Decimal(usage.requestsPerMonth).quantityText()), every one through the edge"),
        ]
        return [ResourceCost(key: "armor", kind: "Cloud Armor policy", name: armor.policy, lines: lines)]
    }
}
