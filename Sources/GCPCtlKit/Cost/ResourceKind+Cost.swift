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
    /// The kinds with cost lines, in registry order.
    static var priced: [ResourceKind] { all.filter { $0.cost != nil } }
}
