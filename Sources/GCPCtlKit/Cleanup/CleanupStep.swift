/// Deletion runs step by step, everything within a step at once: what uses a resource
/// goes before it (services before the database, secrets and account they use; role
/// bindings before their account; the APIs last, when asked).
public enum CleanupStep: Int, CaseIterable, Comparable, Sendable {
    case services, clustersAndInstances, buckets, secrets, repositories, roleBindings, serviceAccounts, apis

    public static func < (lhs: CleanupStep, rhs: CleanupStep) -> Bool { lhs.rawValue < rhs.rawValue }
}
