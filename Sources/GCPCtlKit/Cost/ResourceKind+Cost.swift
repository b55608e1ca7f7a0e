extension ResourceKind {
    /// This kind, with its resources' cost lines: `cost` prices every kind that has them,
    /// then the costs that are not a kind (Cloud Build).
    func priced(by lines: @escaping @Sendable (inout CostEstimator) throws -> [ResourceCost]) -> ResourceKind {
        var kind = self
        kind.cost = lines
        return kind
    }
}

extension ResourceKinds {
    /// The order `gcpctl cost` has always listed resources in, by kind id. Kept so that cost's
    /// output does not move (kinds step 8); a kind not named here comes after, in registry order.
    static let costOrder = ["sql-instance", "cloud-run-service", "bucket", "artifact-registry", "secret"]

    /// The kinds with cost lines, in `costOrder`.
    static var priced: [ResourceKind] {
        func position(_ kind: ResourceKind) -> Int { costOrder.firstIndex(of: kind.id) ?? costOrder.count }
        return all.filter { $0.cost != nil }.enumerated()
            .sorted { (position($0.element), $0.offset) < (position($1.element), $1.offset) }.map(\.element)
    }
}
