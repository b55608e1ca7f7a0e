/// The list a user confirms: everything that will be deleted, in the order it will be,
/// with what deleting it takes along.
enum CleanupReview {
    static func show(_ chosen: [DiscoveredResource], apis: [String]?, project: String, on reporter: Reporter) {
        reporter.section("To delete from project \(project), in this order")
        let ordered = chosen.sorted { lhs, rhs in
            (lhs.deletions.map(\.step).min() ?? .apis, LegacyCleanupOrder.position(of: lhs.kind), lhs.name)
                < (rhs.deletions.map(\.step).min() ?? .apis, LegacyCleanupOrder.position(of: rhs.kind), rhs.name)
        }
        for resource in ordered {
            reporter.line("  - \(resource.title)\(consequence(resource).map { " (\($0))" } ?? "")")
        }
        if let apis {
            reporter.line("  - then turn off \(apis.count) API\(apis.count == 1 ? "" : "s"): \(apis.joined(separator: ", "))")
        }
    }

    static func consequence(_ resource: DiscoveredResource) -> String? {
        switch resource.kind {
        case .bucket, .buildBucket: "every object and version in it first"
        case .sqlInstance: resource.isProtected ? "with its data and backups; deletion protection is lifted first" : "with its data and backups"
        case .artifactRepository: "with every image in it"
        case .serviceAccount: resource.deletions.count > 1 ? "its project roles first" : nil
        case .gkeCluster: "with its workloads"
        case .cloudRunService: "with all its revisions"
        case .secret: "with all its versions"
        default: nil
        }
    }
}
