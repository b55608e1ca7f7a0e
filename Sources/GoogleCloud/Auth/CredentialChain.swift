import Foundation

/// Finds the credentials to use, in order:
/// 1. `GCPCTL_ACCESS_TOKEN`, then `CLOUDSDK_AUTH_ACCESS_TOKEN`;
/// 2. the file named by `GOOGLE_APPLICATION_CREDENTIALS` (service_account or authorized_user);
/// 3. gcloud's application default credentials
///    (`$CLOUDSDK_CONFIG/application_default_credentials.json`, else
///    `~/.config/gcloud/application_default_credentials.json`);
/// 4. the metadata server (`GCE_METADATA_HOST`, else metadata.google.internal), unless
///    `NO_GCE_CHECK=true`.
/// A source that is named but broken is an error, not a reason to try the next one:
/// silently using other credentials than the ones the user pointed at is worse.
public struct CredentialChain: Sendable {
    public let environment: [String: String]
    public let endpoints: Endpoints
    public let homeDirectory: String

    public init(environment: [String: String], endpoints: Endpoints? = nil, homeDirectory: String? = nil) {
        self.environment = environment
        self.endpoints = endpoints ?? Endpoints(environment: environment)
        self.homeDirectory = homeDirectory ?? environment["HOME"] ?? NSHomeDirectory()
    }

    public func resolve(transport: any HTTPTransport) async throws -> any CredentialProvider {
        var looked: [String] = []
        for variable in ["GCPCTL_ACCESS_TOKEN", "CLOUDSDK_AUTH_ACCESS_TOKEN"] {
            if let token = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
                return StaticTokenCredentials(token: token, variable: variable)
            }
            looked.append("\(variable) (unset)")
        }
        if let path = environment["GOOGLE_APPLICATION_CREDENTIALS"], !path.isEmpty {
            return try load(path: path, variable: "GOOGLE_APPLICATION_CREDENTIALS")
        }
        looked.append("GOOGLE_APPLICATION_CREDENTIALS (unset)")
        let adc = applicationDefaultCredentialsPath
        if FileManager.default.fileExists(atPath: adc) {
            return try load(path: adc, variable: "gcloud's application default credentials")
        }
        looked.append("\(adc) (no such file)")
        if environment["NO_GCE_CHECK"]?.lowercased() == "true" {
            looked.append("the metadata server (skipped: NO_GCE_CHECK=true)")
        } else {
            let metadata = MetadataServerCredentials(host: metadataHost)
            if await metadata.isAvailable(transport: transport) { return metadata }
            looked.append("the metadata server at \(metadataHost) (no answer)")
        }
        throw CredentialsError.notFound(lookedAt: looked)
    }

    var metadataHost: String {
        if let host = environment["GCE_METADATA_HOST"], !host.isEmpty { return host }
        return MetadataServerCredentials.defaultHost
    }

    var applicationDefaultCredentialsPath: String {
        let configDirectory = environment["CLOUDSDK_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
            ?? homeDirectory + "/.config/gcloud"
        return configDirectory + "/application_default_credentials.json"
    }

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
            default:
                throw CredentialsError.unsupportedType(path: path, type: type)
            }
        } catch let error as DecodingError {
            throw CredentialsError.malformedFile(path: path, reason: Self.describe(error))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "the field \"\(key.stringValue)\" is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "the field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        default: "it cannot be read"
        }
    }
}
