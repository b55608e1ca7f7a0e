import Foundation

/// A workload identity federation file (`"type": "external_account"`), as
/// `gcloud iam workload-identity-pools create-cred-config` and CI actions such as
/// google-github-actions/auth write it (Google's AIP-4117).
struct ExternalAccountFile: Decodable, Sendable {
    static let defaultTokenURL = "https://sts.googleapis.com/v1/token"

    var type: String
    /// `//iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER`.
    var audience: String
    var subject_token_type: String
    var token_url: String?
    var service_account_impersonation_url: String?
    var service_account_impersonation: ImpersonationSettings?
    var credential_source: CredentialSourceSettings
    var quota_project_id: String?
    var workforce_pool_user_project: String?
    /// Client authentication at the token URL, when the provider asks for it.
    var client_id: String?
    var client_secret: String?

    struct ImpersonationSettings: Decodable, Sendable {
        var token_lifetime_seconds: Int?
    }

    struct CredentialSourceSettings: Decodable, Sendable {
        var file: String?
        var url: String?
        var headers: [String: String]?
        var format: Format?
        var executable: Executable?
        /// `aws1`: an AWS source, signed requests gcpctl does not make.
        var environment_id: String?
    }

    struct Format: Decodable, Sendable {
        /// `text` (the default) or `json`.
        var type: String?
        var subject_token_field_name: String?
    }

    struct Executable: Decodable, Sendable {
        var command: String
        var timeout_millis: Int?
        var output_file: String?
    }

    /// The email of the account `service_account_impersonation_url` impersonates
    /// (`…/serviceAccounts/EMAIL:generateAccessToken`).
    var impersonatedEmail: String? { service_account_impersonation_url.flatMap(ImpersonatedCredentials.email(in:)) }

    /// "pool POOL, provider PROVIDER" from an audience, for messages; the audience itself
    /// when it has another shape.
    static func providerName(_ audience: String) -> String {
        let parts = audience.split(separator: "/").map(String.init)
        guard let pool = parts.firstIndex(where: { $0 == "workloadIdentityPools" || $0 == "workforcePools" }),
              let provider = parts.firstIndex(of: "providers"), pool + 1 < parts.count, provider + 1 < parts.count else {
            return audience
        }
        return "pool \(parts[pool + 1]), provider \(parts[provider + 1])"
    }

    /// Where the subject token comes from, checked as Google's libraries check it: exactly one
    /// of file, url and executable; a json format names its field.
    func subjectTokenSource(path: String, environment: [String: String]) throws -> SubjectTokenSource {
        let source = credential_source
        if let environment = source.environment_id {
            throw CredentialsError.unsupportedSource(
                path: path, reason: "credential_source.environment_id \"\(environment)\" (AWS) needs signed AWS requests")
        }
        let given = [source.file != nil, source.url != nil, source.executable != nil].filter { $0 }.count
        guard given == 1 else {
            throw CredentialsError.malformedFile(
                path: path, reason: "credential_source must have exactly one of \"file\", \"url\" and \"executable\"")
        }
        if let executable = source.executable {
            guard environment["GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES"] == "1" else {
                throw CredentialsError.executablesNotAllowed(path: path)
            }
            return .executable(try ExecutableSubjectToken(executable, file: self, path: path, environment: environment))
        }
        let format = try subjectTokenFormat(path: path)
        if let file = source.file { return .file(file, format: format) }
        return .url(source.url ?? "", headers: source.headers ?? [:], format: format)
    }

    private func subjectTokenFormat(path: String) throws -> SubjectTokenFormat {
        switch credential_source.format?.type ?? "text" {
        case "text":
            return .text
        case "json":
            guard let field = credential_source.format?.subject_token_field_name, !field.isEmpty else {
                throw CredentialsError.malformedFile(
                    path: path, reason: "credential_source.format of type json needs subject_token_field_name")
            }
            return .json(field: field)
        case let other:
            throw CredentialsError.malformedFile(
                path: path, reason: "credential_source.format.type is \"\(other)\", not \"text\" or \"json\"")
        }
    }
}
