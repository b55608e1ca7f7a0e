import Foundation

/// An error answered by a Google API, decoded from
/// `{"error":{"code","message","status","errors":[…],"details":[…]}}`.
public struct GoogleAPIError: Error, Sendable, CustomStringConvertible {
    public struct ErrorInfo: Sendable, Equatable {
        public var reason: String
        public var domain: String
        public var metadata: [String: String]
    }

    public struct FieldViolation: Sendable, Equatable {
        public var field: String
        public var description: String
    }

    /// A `google.rpc.PreconditionFailure` violation: `type` names what failed, such as the
    /// organisation policy constraint `constraints/iam.disableServiceAccountKeyCreation`.
    public struct PreconditionViolation: Sendable, Equatable {
        public var type: String
        public var subject: String
        public var description: String
    }

    public var httpStatus: Int
    /// The canonical status (`ALREADY_EXISTS`, `PERMISSION_DENIED`, …) when the API gives it.
    public var status: String?
    public var message: String
    /// `errors[].reason` of the older APIs (Cloud SQL's `operationInProgress`, …).
    public var reasons: [String]
    public var errorInfo: ErrorInfo?
    public var helpLinks: [String]
    public var fieldViolations: [FieldViolation]
    public var preconditionViolations: [PreconditionViolation] = []
    /// `POST sqladmin.googleapis.com/v1/projects/p/instances`: what was asked.
    public var request: String

    public init(httpStatus: Int, status: String? = nil, message: String, reasons: [String] = [],
                errorInfo: ErrorInfo? = nil, helpLinks: [String] = [], fieldViolations: [FieldViolation] = [],
                request: String = "") {
        self.httpStatus = httpStatus
        self.status = status
        self.message = message
        self.reasons = reasons
        self.errorInfo = errorInfo
        self.helpLinks = helpLinks
        self.fieldViolations = fieldViolations
        self.request = request
    }

    public var isNotFound: Bool { httpStatus == 404 }
    public var isAlreadyExists: Bool { httpStatus == 409 && (status == "ALREADY_EXISTS" || status == nil || hasReason("alreadyExists") || hasReason("instanceAlreadyExists")) }
    public var isConflict: Bool { httpStatus == 409 }
    public var isPermissionDenied: Bool { httpStatus == 403 && disabledService == nil }

    public func hasReason(_ reason: String) -> Bool {
        reasons.contains(reason) || errorInfo?.reason == reason
    }

    /// `sqladmin.googleapis.com` when the call failed because that API is disabled.
    public var disabledService: String? {
        if let info = errorInfo, info.reason == "SERVICE_DISABLED" {
            return info.metadata["service"] ?? "the API"
        }
        if httpStatus == 403, hasReason("accessNotConfigured") {
            return GoogleAPIError.firstMatch(#"([a-z0-9-]+\.googleapis\.com)"#, in: message) ?? "the API"
        }
        return nil
    }

    /// The IAM permission the caller lacks, when the error names it.
    public var missingPermission: String? {
        if let permission = errorInfo?.metadata["permission"] { return permission }
        for pattern in [#"[Pp]ermission '([^']+)' denied"#, #"does not have ([a-z]+\.[A-Za-z]+\.[A-Za-z.]+) access"#,
                        #"lacks? (?:the )?(?:IAM )?permission ['"]?([a-z]+\.[A-Za-z]+\.[A-Za-z.]+)"#,
                        #"permission ['"]?([a-z]+\.[a-zA-Z]+\.[a-zA-Z]+)['"]? "#] {
            if let match = GoogleAPIError.firstMatch(pattern, in: message) { return match }
        }
        return nil
    }

    public var description: String {
        let code = status.map { "\(httpStatus) \($0)" } ?? "\(httpStatus)"
        let what = request.isEmpty ? "" : "\(request): "
        if let service = disabledService {
            let project = errorInfo?.metadata["consumer"].map { " in \($0)" } ?? ""
            return "\(what)\(service) is not enabled\(project). Enable it with `gcpctl enable \(service)`"
                + (helpLinks.first.map { " or at \($0)" } ?? "") + ", wait a minute, then retry."
        }
        switch httpStatus {
        case 401:
            return "\(what)the credentials were rejected (\(code)): \(message) Refresh them (gcloud auth application-default login) or check GOOGLE_APPLICATION_CREDENTIALS."
        case 403:
            if let permission = missingPermission {
                return "\(what)permission denied: the caller lacks \(permission) (\(message)). Grant the account a role that includes \(permission)."
            }
            return "\(what)permission denied (\(code)): \(message) Check the account's roles on the project."
        case 429:
            return "\(what)\(code): \(message) Google is limiting requests (a quota or rate limit); "
                + "wait a few minutes and run again, or raise the quota in the console (IAM & Admin → Quotas)."
        case 500, 502, 503, 504:
            return "\(what)\(code): \(message) Google's service failed; run again in a few minutes (it is safe to repeat)."
        default:
            var text = "\(what)\(code): \(message)"
            if !fieldViolations.isEmpty {
                text += " (" + fieldViolations.map { "\($0.field): \($0.description)" }.joined(separator: "; ") + ")"
            }
            return text
        }
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}
