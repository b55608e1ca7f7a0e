/// The list a user confirms: everything that will be deleted, in the order it will be,
/// with what deleting it takes along.
enum CleanupReview {
    static func show(_ chosen: [DiscoveredResource], apis: [String]?, project: String, on reporter: Reporter) {
        reporter.section("To delete from project \(project), in this order")
        let order = CleanupOrder(chosen)
        func depth(_ resource: DiscoveredResource) -> Int { resource.deletions.last.map { order.depth(of: $0.id) } ?? 0 }
        let ordered = chosen.sorted { lhs, rhs in
            (depth(lhs), lhs.kind.order, lhs.name) < (depth(rhs), rhs.kind.order, rhs.name)
        }
        for resource in ordered {
            reporter.line("  - \(resource.title)\(consequence(resource).map { " (\($0))" } ?? "")")
        }
        if let apis {
            reporter.line("  - then turn off \(apis.count) API\(apis.count == 1 ? "" : "s"): \(apis.joined(separator: ", "))")
        }
    }

    /// What goes with it (its kind's `teardown`), what goes before it, and protection lifted.
    static func consequence(_ resource: DiscoveredResource) -> String? {
        let teardown = resource.kind.teardown
        let parts = [teardown.reviewed, resource.deletions.count > 1 ? teardown.companionsReviewed : nil,
                     resource.isProtected ? "deletion protection is lifted first" : nil].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
