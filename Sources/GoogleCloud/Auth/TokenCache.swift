import Foundation

/// Hands out access tokens from one provider: cached until shortly before expiry, and
/// with one fetch in flight however many requests need a token at once.
public actor TokenCache {
    public nonisolated let provider: any CredentialProvider
    let transport: any HTTPTransport
    let refreshMargin: TimeInterval
    /// The time of day the refresh moment is judged by; a seam for tests, `Date.init` otherwise.
    let now: @Sendable () -> Date
    private var cached: AccessToken?
    private var refreshAt: Date?
    private var inFlight: Task<AccessToken, any Error>?
    public private(set) var fetchCount = 0

    public init(provider: any CredentialProvider, transport: any HTTPTransport, refreshMargin: TimeInterval = 300,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.provider = provider
        self.transport = transport
        self.refreshMargin = refreshMargin
        self.now = now
    }

    public func token() async throws -> String {
        if let cached, refreshAt.map({ now() < $0 }) ?? true {
            return cached.value
        }
        if let inFlight { return try await inFlight.value.value }
        let task = Task { [provider, transport] in try await provider.fetchToken(transport: transport) }
        inFlight = task
        fetchCount += 1
        defer { inFlight = nil }
        let token = try await task.value
        cached = token
        refreshAt = token.expiresAt.map { expiry in
            // Short-lived tokens (an emulator's, a test's) refresh at half their life.
            let lifetime = expiry.timeIntervalSince(now())
            return expiry.addingTimeInterval(-min(refreshMargin, max(0, lifetime) / 2))
        }
        return token.value
    }

    /// Forget a token the server refused, so the next call fetches a new one. A token
    /// the user gave cannot be renewed, so it stays.
    public func invalidate(_ value: String) {
        if cached?.value == value, cached?.expiresAt != nil { cached = nil }
    }
}
