/// Credentials that could not be found, read or exchanged for a token. Exit code 1.
public enum CredentialsError: Error, Sendable, CustomStringConvertible, Equatable {
    case notFound(lookedAt: [String])
    case unreadableFile(path: String, variable: String, reason: String)
    case malformedFile(path: String, reason: String)
    case unsupportedType(path: String, type: String, lookedAt: [String])
    case unsupportedSource(path: String, reason: String)
    case executablesNotAllowed(path: String)
    case invalidPrivateKey(path: String, reason: String)
    case tokenRejected(source: String, status: Int, reason: String)
    case tokenEndpointUnreachable(source: String, reason: String)
    case tokenMalformed(source: String)
    case subjectTokenUnavailable(source: String, reason: String)
    case exchangeRejected(source: String, status: Int, reason: String)
    case impersonationFailed(target: String, source: String, status: Int, reason: String)
    case invalidServiceAccount(email: String, origin: String)
    /// An API refused the token itself (401 after a fresh token was tried): every later
    /// request would be refused too.
    case rejectedByAPI(source: String, status: String, reason: String, renewable: Bool)

    /// Whether asking again cannot help: Google refused the credentials themselves (not a
    /// network failure, which a later attempt may not meet).
    public var isFinal: Bool {
        switch self {
        case .tokenRejected, .exchangeRejected, .impersonationFailed, .rejectedByAPI: true
        default: false
        }
    }

    /// The places a missing source is looked for, and how to give gcpctl a token directly.
    static let alternatives = "Run `gcloud auth application-default login`, set GOOGLE_APPLICATION_CREDENTIALS to a service account key or a workload identity federation file, or set GCPCTL_ACCESS_TOKEN (or CLOUDSDK_AUTH_ACCESS_TOKEN) to an access token."

    public var description: String {
        switch self {
        case .notFound(let places):
            return "No Google Cloud credentials found (looked at: \(places.joined(separator: "; "))). " + Self.alternatives
        case .unreadableFile(let path, let variable, let reason):
            return "Cannot read the credentials file \(path) named by \(variable): \(reason). Fix the path or unset \(variable)."
        case .malformedFile(let path, let reason):
            return "The credentials file \(path) is not valid: \(reason). Download a new key or run `gcloud auth application-default login`."
        case .unsupportedType(let path, let type, let places):
            return "The credentials file \(path) has type \"\(type)\", which gcpctl does not support (looked at: \(places.joined(separator: "; "))); "
                + "use service_account, authorized_user, external_account or impersonated_service_account credentials, or set GCPCTL_ACCESS_TOKEN (or CLOUDSDK_AUTH_ACCESS_TOKEN) to an access token."
        case .unsupportedSource(let path, let reason):
            return "The credentials file \(path) names a token source gcpctl does not support: \(reason). "
                + "Use a file, url or executable credential_source, or set GCPCTL_ACCESS_TOKEN (or CLOUDSDK_AUTH_ACCESS_TOKEN) to an access token."
        case .executablesNotAllowed(let path):
            return "The credentials file \(path) gets its token by running a command (credential_source.executable), which is off unless allowed: "
                + "set GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES=1 if you trust that command, as Google's libraries require."
        case .invalidPrivateKey(let path, let reason):
            return "The private key in \(path) cannot be used: \(reason). Create a new key for the service account."
        case .tokenRejected(let source, let status, let reason):
            return "The token endpoint rejected \(source) (\(status)): \(Self.withoutFullStop(reason)). The key or refresh token may be revoked or deleted; create a new key or log in again."
        case .tokenEndpointUnreachable(let source, let reason):
            return "Could not get an access token from \(source): \(Self.withoutFullStop(reason)). "
                + "The token endpoint is unreachable or failing; check the network or proxy, then run again in a few minutes."
        case .tokenMalformed(let source):
            return "The token endpoint answered \(source) with something that is not an access token; a proxy may be in the way. Check HTTPS_PROXY, then run again."
        case .subjectTokenUnavailable(let source, let reason):
            return "Could not read the identity token for \(source): \(Self.withoutFullStop(reason)). "
                + "In CI, check that the job may request an identity token (GitHub Actions: `permissions: id-token: write`)."
        case .exchangeRejected(let source, let status, let reason):
            return "The Security Token Service refused the identity token of \(source) (\(status)): \(Self.withoutFullStop(reason)). "
                + "Check the file's audience, and that the pool's provider accepts this token (its issuer, allowed audiences and attribute condition)."
        case .impersonationFailed(let target, let source, let status, let reason):
            return "Could not impersonate \(target) with \(source) (\(status)): \(Self.withoutFullStop(reason)). "
                + Self.impersonationAdvice(status: status, target: target)
        case .invalidServiceAccount(let email, let origin):
            return "\(origin) names \"\(email)\", which is not a service account email (NAME@PROJECT.iam.gserviceaccount.com)."
        case .rejectedByAPI(let source, let status, let reason, let renewable):
            let advice = renewable
                ? "They may be revoked or lack access to Google Cloud; log in again or create a new key."
                : "The token is expired or revoked; set a fresh one (e.g. `gcloud auth print-access-token`) or use other credentials."
            return "Google Cloud rejected \(source): the credentials were rejected (\(status)): \(Self.withoutFullStop(reason)). \(advice)"
        }
    }

    static func impersonationAdvice(status: Int, target: String) -> String {
        switch status {
        case 403: "The caller needs roles/iam.serviceAccountTokenCreator on \(target) (roles/iam.workloadIdentityUser for a workload identity pool), and the IAM Service Account Credentials API enabled."
        case 404: "Check the service account's email: it does not exist or was deleted."
        case 401: "The credentials used to impersonate were refused; log in again or fix the workload identity federation file."
        default: "Run again in a few minutes; if it persists, check the service account."
        }
    }

    /// A reason quoted mid-sentence, so that "Invalid JWT Signature." is not followed by
    /// a second full stop.
    static func withoutFullStop(_ reason: String) -> String {
        reason.hasSuffix(".") ? String(reason.dropLast()) : reason
    }
}
