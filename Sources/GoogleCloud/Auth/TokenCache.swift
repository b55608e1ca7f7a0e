import Foundation

/// Hands out access tokens from one provider: cached until shortly before expiry, and
/// with one fetch in flight however many requests need a token at once. Once Google has
/// rejected the credentials themselves, every later call fails at once with that one
/// error instead of asking again.
public actor TokenCache {
    public nonisolated let provider: any CredentialProvider
    let transport: any HTTPTransport
    let refreshMargin: TimeInterval
    /// The time of day the refresh moment is judged by; a seam for tests, `Date.init` otherwise.
    let now: @Sendable () -> Date
    /// Told every token fetched, so that nothing prints it.
    let secrets: SecretSink
    private var cached: AccessToken?
    private var refreshAt: Date?
    private var inFlight: Task<AccessToken, any Error>?
    /// Why the credentials cannot be used, once Google said so.
    public private(set) var rejection: CredentialsError?
    public private(set) var fetchCount = 0

    public init(provider: any CredentialProvider, transport: any HTTPTransport, refreshMargin: TimeInterval = 300,
                now: @escaping @Sendable () -> Date = Date.init, secrets: @escaping SecretSink = { _ in }) {
        self.provider = provider
        self.transport = transport
        self.refreshMargin = refreshMargin
        self.now = now
        self.secrets = secrets
    }

    public func token() async throws -> String {
        if let rejection { throw rejection }
        if let cached, refreshAt.map({ now() < $0 }) ?? true {
            return cached.value
        }
        if let inFlight { return try await inFlight.value.value }
        let task = Task { [provider, transport] in try await provider.fetchToken(transport: transport) }
        inFlight = task
        fetchCount += 1
        defer { inFlight = nil }
        let token: AccessToken
        do {
            token = try await task.value
        } catch let error as CredentialsError {
            if error.isFinal { rejection = rejection ?? error }
            throw error
        }
        secrets(token.value)
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

    /// An API refused `value` even though it was fresh (or cannot be renewed): the
    /// credentials are no good, and every later call says so without asking Google again.
    public func reject(_ value: String, status: String, reason: String) {
        // A refusal of a token already replaced says nothing about the new one.
        guard rejection == nil, cached == nil || cached?.value == value else { return }
        rejection = .rejectedByAPI(source: provider.source.description, status: status, reason: reason,
                                   renewable: provider.source.isRenewable)
    }

    /// Throws the rejection, if Google rejected the credentials: for a command to say it
    /// once instead of once per resource.
    public func checkAccepted() throws(CredentialsError) {
        if let rejection { throw rejection }
    }
}
