/// Credentials that could not be found, read or exchanged for a token. Exit code 1.
public enum CredentialsError: Error, Sendable, CustomStringConvertible, Equatable {
    case notFound(lookedAt: [String])
    case unreadableFile(path: String, variable: String, reason: String)
    case malformedFile(path: String, reason: String)
    case unsupportedType(path: String, type: String)
    case invalidPrivateKey(path: String, reason: String)
    case tokenRejected(source: String, status: Int, reason: String)
    case tokenEndpointUnreachable(source: String, reason: String)
    case tokenMalformed(source: String)

    public var description: String {
        switch self {
        case .notFound(let places):
            return "No Google Cloud credentials found (looked at: \(places.joined(separator: "; "))). "
                + "Run `gcloud auth application-default login`, set GOOGLE_APPLICATION_CREDENTIALS to a service account key file, or set GCPCTL_ACCESS_TOKEN."
        case .unreadableFile(let path, let variable, let reason):
            return "Cannot read the credentials file \(path) named by \(variable): \(reason). Fix the path or unset \(variable)."
        case .malformedFile(let path, let reason):
            return "The credentials file \(path) is not valid: \(reason). Download a new key or run `gcloud auth application-default login`."
        case .unsupportedType(let path, let type):
            return "The credentials file \(path) has type \"\(type)\", which gcpctl does not support yet; use a service_account key or authorized_user credentials."
        case .invalidPrivateKey(let path, let reason):
            return "The private key in \(path) cannot be used: \(reason). Create a new key for the service account."
        case .tokenRejected(let source, let status, let reason):
            return "The token endpoint rejected \(source) (\(status)): \(Self.withoutFullStop(reason)). The key or refresh token may be revoked or deleted; create a new key or log in again."
        case .tokenEndpointUnreachable(let source, let reason):
            return "Could not get an access token from \(source): \(Self.withoutFullStop(reason)). "
                + "The token endpoint is unreachable or failing; check the network or proxy, then run again in a few minutes."
        case .tokenMalformed(let source):
            return "The token endpoint answered \(source) with something that is not an access token; a proxy may be in the way. Check HTTPS_PROXY, then run again."
        }
    }

    /// A reason quoted mid-sentence, so that "Invalid JWT Signature." is not followed by
    /// a second full stop.
    static func withoutFullStop(_ reason: String) -> String {
        reason.hasSuffix(".") ? String(reason.dropLast()) : reason
    }
}
