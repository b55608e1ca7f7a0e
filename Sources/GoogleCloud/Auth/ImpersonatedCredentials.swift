import Foundation

/// A service account's tokens, asked of IAM Credentials (`generateAccessToken`) with other
/// credentials: an `impersonated_service_account` file, an external account's
/// `service_account_impersonation_url`, or `--impersonate-service-account`.
public struct ImpersonatedCredentials: CredentialProvider {
    static let defaultLifetimeSeconds = 3600

    let sourceCredentials: any CredentialProvider
    let email: String
    let delegates: [String]
    let url: String
    let lifetimeSeconds: Int
    public let quotaProject: String?
    let secrets: SecretSink

    /// `url` is the `generateAccessToken` URL as a file names it (Google's form), or nil for
    /// the account's own; either is sent through the endpoint overrides.
    init(source: any CredentialProvider, email: String, delegates: [String] = [], url: String? = nil,
         endpoints: Endpoints, lifetimeSeconds: Int? = nil, quotaProject: String? = nil,
         secrets: @escaping SecretSink = { _ in }) {
        sourceCredentials = source
        self.email = email
        self.delegates = delegates.map(Self.resourceName)
        self.url = endpoints.resolve(googleURL: url ?? Self.generateAccessTokenURL(for: email))
        self.lifetimeSeconds = lifetimeSeconds ?? Self.defaultLifetimeSeconds
        self.quotaProject = quotaProject
        self.secrets = secrets
    }

    public var source: CredentialSource { .impersonated(email: email, by: sourceCredentials.source) }

    static func generateAccessTokenURL(for email: String) -> String {
        "https://iamcredentials.googleapis.com/v1/\(resourceName(email)):generateAccessToken"
    }

    /// `projects/-/serviceAccounts/EMAIL`, the form IAM Credentials takes (the `-` is required).
    static func resourceName(_ account: String) -> String {
        account.hasPrefix("projects/") ? account : "projects/-/serviceAccounts/\(account)"
    }

    /// The account a `…/serviceAccounts/EMAIL:generateAccessToken` URL names.
    static func email(in url: String) -> String? {
        guard let start = url.range(of: "/serviceAccounts/")?.upperBound,
              let end = url.range(of: ":generateAccessToken")?.lowerBound, start < end else { return nil }
        return String(url[start..<end]).removingPercentEncoding
    }

    /// Whether `email` has a service account's shape: NAME@DOMAIN, nothing that could change a URL's path.
    static func isServiceAccountEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(".") else { return false }
        return email.allSatisfy { $0.isLetter || $0.isNumber || "-._@".contains($0) } && email.allSatisfy(\.isASCII)
    }

    public func fetchToken(transport: any HTTPTransport) async throws -> AccessToken {
        let sourceToken = try await sourceCredentials.fetchToken(transport: transport)
        secrets(sourceToken.value)
        var body: [String: Any] = ["scope": [ServiceAccountCredentials.scope], "lifetime": "\(lifetimeSeconds)s"]
        if !delegates.isEmpty { body["delegates"] = delegates }
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer \(sourceToken.value)")
        headers.add("Content-Type", "application/json")
        headers.add("Accept", "application/json")
        let request = HTTPRequest(method: .post, url: url, headers: headers,
                                  body: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))
        let response = try await TokenEndpoint.send(request, to: "IAM Credentials", source: source, transport: transport) {
            [email, sourceCredentials] status, error in
            .impersonationFailed(target: email, source: sourceCredentials.source.description, status: status, reason: error.message)
        }
        guard let answer = try? JSONDecoder().decode(GenerateAccessTokenResponse.self, from: response.body),
              !answer.accessToken.isEmpty else {
            throw CredentialsError.tokenMalformed(source: source.description)
        }
        let expiry = answer.expireTime.flatMap(RFC3339Date.parse) ?? Date().addingTimeInterval(TimeInterval(lifetimeSeconds))
        return AccessToken(value: answer.accessToken, expiresAt: expiry)
    }

    /// The project in the account's email (`NAME@PROJECT.iam.gserviceaccount.com`), else the
    /// source credentials' project.
    public func projectID(transport: any HTTPTransport) async throws -> String? {
        let domain = email.split(separator: "@").last.map(String.init) ?? ""
        if domain.hasSuffix(".iam.gserviceaccount.com") { return String(domain.dropLast(".iam.gserviceaccount.com".count)) }
        return try await sourceCredentials.projectID(transport: transport)
    }
}

/// IAM Credentials' answer: `{"accessToken", "expireTime"}` (RFC 3339).
struct GenerateAccessTokenResponse: Decodable {
    var accessToken: String
    var expireTime: String?
}

/// RFC 3339 times as Google writes them, with or without fractions of a second.
enum RFC3339Date {
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
