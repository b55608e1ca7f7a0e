/// A read started beside another one it would otherwise wait for (a secret's versions
/// beside the secret), whose outcome is looked at only if the first says it matters.
extension Result where Failure == any Error {
    /// The outcome of `body`, thrown or not, so that an `async let` of it can always be
    /// awaited: leaving one unawaited cancels it, and under status's read-once transport
    /// that would cancel a read another resource shares.
    init(awaiting body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
