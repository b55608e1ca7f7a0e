import Foundation

/// Environments side by side: one row per resource (matched by `ResourceCost.key`, so
/// `clone-uploads-dev` and `clone-uploads-prod` share a row), one column per environment,
/// and the difference between the last and the first.
public struct CostComparison: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var key: String
        /// The resource with its environment's short name as `{env}`: `Cloud Storage bucket clone-uploads-{env}`.
        public var label: String
        /// Environment name → monthly cost; absent where the environment has no such resource.
        public var costs: [String: Decimal]
        /// The last environment's cost minus the first's (a missing resource counts 0).
        public var difference: Decimal
    }

    public var environments: [String]
    public var rows: [Row]
    public var totals: [String: Decimal]
    public var difference: Decimal
    /// Every environment's full estimate, lines and savings included.
    public var estimates: [CostEstimate]

    public init(_ estimates: [CostEstimate]) {
        self.estimates = estimates
        environments = estimates.map(\.environment)
        var keys: [String] = []
        var labels: [String: String] = [:]
        for estimate in estimates {
            for resource in estimate.resources where labels[resource.key] == nil {
                keys.append(resource.key)
                labels[resource.key] = Self.generic("\(resource.kind) \(resource.name)", shortName: estimate.shortName)
            }
        }
        let first = estimates.first, last = estimates.last
        rows = keys.map { key in
            var costs: [String: Decimal] = [:]
            for estimate in estimates {
                if let resource = estimate.resource(key) { costs[estimate.environment] = resource.monthlyCost }
            }
            let difference = (last?.resource(key)?.monthlyCost ?? 0) - (first?.resource(key)?.monthlyCost ?? 0)
            return Row(key: key, label: labels[key] ?? key, costs: costs, difference: difference)
        }
        totals = Dictionary(estimates.map { ($0.environment, $0.total) }) { a, _ in a }
        difference = (last?.total ?? 0) - (first?.total ?? 0)
    }

    /// `digitwinlive-db-dev` → `digitwinlive-db-{env}`, where the short name is a whole
    /// hyphen- or dot-separated part of the name.
    static func generic(_ name: String, shortName: String) -> String {
        let separators: Set<Character> = ["-", ".", "_", " "]
        var parts: [String] = []
        var current = ""
        for character in name {
            if separators.contains(character) {
                parts.append(current == shortName ? "{env}" : current)
                parts.append(String(character))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current == shortName ? "{env}" : current)
        return parts.joined()
    }
}
