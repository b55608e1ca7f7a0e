import Foundation

/// Reads a credentials file (`GOOGLE_APPLICATION_CREDENTIALS`, gcloud's application default
/// credentials) into the provider its `type` names: `service_account`, `authorized_user`,
/// `external_account` (workload identity federation) or `impersonated_service_account`.
struct CredentialFileLoader: Sendable {
    let environment: [String: String]
    let endpoints: Endpoints
    let secrets: SecretSink
    /// The sources looked at before this file, for an unsupported type's message.
    let lookedAt: [String]

    func load(path: String, variable: String) throws -> any CredentialProvider {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory, not a key file" : "permission denied or unreadable"
            throw CredentialsError.unreadableFile(path: path, variable: variable, reason: reason)
        }
        return try provider(from: data, path: path, place: "\(variable) (\(path))")
    }

    /// `place` says where the JSON was found, for an unsupported type's list of places.
    func provider(from data: Data, path: String, place: String, nested: Bool = false) throws -> any CredentialProvider {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CredentialsError.malformedFile(path: path, reason: "it is not a JSON object")
        }
        guard let type = object["type"] as? String else {
            throw CredentialsError.malformedFile(path: path, reason: "it has no \"type\" field")
        }
        do {
            switch type {
            case "service_account":
                let key = try JSONDecoder().decode(ServiceAccountKeyFile.self, from: data)
                guard key.private_key.contains("PRIVATE KEY") else {
                    throw CredentialsError.malformedFile(path: path, reason: "private_key is not a PEM private key")
                }
                return ServiceAccountCredentials(key: key, path: path, endpoints: endpoints)
            case "authorized_user":
                let file = try JSONDecoder().decode(AuthorizedUserFile.self, from: data)
                return AuthorizedUserCredentials(file: file, path: path, endpoints: endpoints)
            case "external_account":
                let file = try JSONDecoder().decode(ExternalAccountFile.self, from: data)
                let tokens = try file.subjectTokenSource(path: path, environment: environment)
                return ExternalAccountCredentials(file: file, path: path, subjectTokens: tokens, endpoints: endpoints,
                                                  secrets: secrets).withImpersonation()
            case "impersonated_service_account" where !nested:
                return try impersonated(object, data: data, path: path, place: place)
            default:
                throw CredentialsError.unsupportedType(path: path, type: type, lookedAt: lookedAt + [place])
            }
        } catch let error as DecodingError {
            throw CredentialsError.malformedFile(path: path, reason: Self.describe(error))
        }
    }

    /// gcloud's `auth application-default login --impersonate-service-account`: the source
    /// credentials inside, the account in `service_account_impersonation_url`.
    private func impersonated(_ object: [String: Any], data: Data, path: String, place: String) throws -> any CredentialProvider {
        let file = try JSONDecoder().decode(ImpersonatedServiceAccountFile.self, from: data)
        guard let sourceObject = object["source_credentials"] as? [String: Any],
              let sourceData = try? JSONSerialization.data(withJSONObject: sourceObject) else {
            throw CredentialsError.malformedFile(path: path, reason: "source_credentials is not a JSON object")
        }
        guard let email = file.impersonatedEmail, ImpersonatedCredentials.isServiceAccountEmail(email) else {
            throw CredentialsError.malformedFile(
                path: path, reason: "service_account_impersonation_url does not name a service account's generateAccessToken")
        }
        let source = try provider(from: sourceData, path: path, place: place + " source_credentials", nested: true)
        return ImpersonatedCredentials(source: source, email: email, delegates: file.delegates ?? [],
                                       url: file.service_account_impersonation_url, endpoints: endpoints,
                                       quotaProject: file.quota_project_id, secrets: secrets)
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            "the field \"\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))\" is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "the field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        default: "it cannot be read"
        }
    }
}

/// The JSON of `gcloud auth application-default login --impersonate-service-account`.
struct ImpersonatedServiceAccountFile: Decodable, Sendable {
    var type: String
    var service_account_impersonation_url: String
    var delegates: [String]?
    var quota_project_id: String?

    var impersonatedEmail: String? { ImpersonatedCredentials.email(in: service_account_impersonation_url) }
}
