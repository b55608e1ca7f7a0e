import Foundation

public struct AccessToken: Sendable, Equatable {
    public var value: String
    /// nil for a token given by the user, whose lifetime gcpctl cannot know.
    public var expiresAt: Date?

    public init(value: String, expiresAt: Date?) {
        self.value = value
        self.expiresAt = expiresAt
    }
}

/// The answer of an OAuth 2.0 token endpoint or the metadata server.
struct TokenResponse: Decodable {
    var access_token: String
    var expires_in: Double?
    var token_type: String?

    func accessToken(receivedAt now: Date) -> AccessToken {
        AccessToken(value: access_token, expiresAt: now.addingTimeInterval(expires_in ?? 3600))
    }
}
