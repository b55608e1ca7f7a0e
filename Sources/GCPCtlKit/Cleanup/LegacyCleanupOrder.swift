/// The order cleanup's menus, tables and listings have always shown kinds in. It gives way
/// to the registry's order (`ResourceKinds.all`) when cleanup's output may move, with
/// deletion by dependencies instead of steps (kinds step 6).
enum LegacyCleanupOrder {
    /// Every kind cleanup finds.
    static let kinds: [ResourceKind] = [
        .cloudRunService, .gkeCluster, .sqlInstance, .bucket, .buildBucket, .secret, .artifactRepository, .serviceAccount,
    ]

    static func position(of kind: ResourceKind) -> Int { kinds.firstIndex(of: kind) ?? kinds.count }

    /// The step that has always deleted this kind.
    static func step(of kind: ResourceKind) -> CleanupStep {
        switch kind {
        case .cloudRunService: .services
        case .gkeCluster, .sqlInstance: .clustersAndInstances
        case .bucket, .buildBucket: .buckets
        case .secret: .secrets
        case .artifactRepository: .repositories
        case .projectRoles: .roleBindings
        case .serviceAccount: .serviceAccounts
        default: .apis
        }
    }
}
