import GoogleCloud

/// How every Compute kind (the network's and the edge's) waits for its deletion.
extension ResourceContext {
    /// Waits for a Compute delete; a resource still used by another is a dependency that was
    /// not deleted first, said with Compute's own reason (which names the user).
    func waitForComputeDeletion(_ operation: ComputeOperation?, what: String) async throws {
        guard let operation else { return }
        let ended = try await compute.finished(operation, project: project, what: what, poller: poller, progress: progress)
        guard let message = ended.failureMessage else { return }
        throw OperationError.failed(what: what, message: ended.failedAsInUse ? "\(message); delete what uses it first" : message)
    }
}
