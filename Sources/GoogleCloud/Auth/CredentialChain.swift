import Foundation

/// Finds the credentials to use, in order:
/// 1. `GCPCTL_ACCESS_TOKEN`, then `CLOUDSDK_AUTH_ACCESS_TOKEN`;
/// 2. the file named by `GOOGLE_APPLICATION_CREDENTIALS` (service_account, authorized_user,
///    external_account or impersonated_service_account);
/// 3. gcloud's application default credentials
///    (`$CLOUDSDK_CONFIG/application_default_credentials.json`, else
///    `~/.config/gcloud/application_default_credentials.json`);
/// 4. the metadata server: `GCE_METADATA_HOST` alone when set, else
///    metadata.google.internal and then `GCE_METADATA_IP` (169.254.169.254), unless
///    `NO_GCE_CHECK=true`; each probe waits `GCE_METADATA_TIMEOUT` seconds (3 by default).
/// Then, with `--impersonate-service-account` or `GCPCTL_IMPERSONATE_SERVICE_ACCOUNT`,
/// those credentials impersonate that service account.
/// A source that is named but broken is an error, not a reason to try the next one:
/// silently using other credentials than the ones the user pointed at is worse.
public struct CredentialChain: Sendable {
    public let environment: [String: String]
    public let endpoints: Endpoints
    public let homeDirectory: String
    /// `--impersonate-service-account`: wins over `GCPCTL_IMPERSONATE_SERVICE_ACCOUNT`.
    public let impersonate: String?
    /// The metadata server's name when `GCE_METADATA_HOST` names none (tests point it at loopback).
    public let metadataName: String
    let secrets: SecretSink

    public init(environment: [String: String], endpoints: Endpoints? = nil, homeDirectory: String? = nil,
                impersonate: String? = nil, metadataName: String = MetadataServerCredentials.defaultHost,
                secrets: @escaping SecretSink = { _ in }) {
        self.environment = environment
        self.endpoints = endpoints ?? Endpoints(environment: environment)
        self.homeDirectory = homeDirectory ?? environment["HOME"] ?? NSHomeDirectory()
        self.impersonate = impersonate.flatMap { $0.isEmpty ? nil : $0 }
        self.metadataName = metadataName
        self.secrets = secrets
    }

    public func resolve(transport: any HTTPTransport) async throws -> any CredentialProvider {
        let impersonation = try impersonationTarget()
        let credentials = try await resolveSource(transport: transport)
        guard let impersonation else { return credentials }
        return ImpersonatedCredentials(source: credentials, email: impersonation, endpoints: endpoints, secrets: secrets)
    }

    /// The account to impersonate, checked before any request.
    func impersonationTarget() throws -> String? {
        let variable = "GCPCTL_IMPERSONATE_SERVICE_ACCOUNT"
        guard let email = impersonate ?? environment[variable].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        guard ImpersonatedCredentials.isServiceAccountEmail(email) else {
            throw CredentialsError.invalidServiceAccount(email: email, origin: impersonate != nil ? "--impersonate-service-account" : variable)
        }
        return email
    }

    private func resolveSource(transport: any HTTPTransport) async throws -> any CredentialProvider {
        var looked: [String] = []
        for variable in ["GCPCTL_ACCESS_TOKEN", "CLOUDSDK_AUTH_ACCESS_TOKEN"] {
            if let token = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
                return StaticTokenCredentials(token: token, variable: variable)
            }
            looked.append("\(variable) (unset)")
        }
        if let path = environment["GOOGLE_APPLICATION_CREDENTIALS"], !path.isEmpty {
            return try loader(lookedAt: looked).load(path: path, variable: "GOOGLE_APPLICATION_CREDENTIALS")
        }
        looked.append("GOOGLE_APPLICATION_CREDENTIALS (unset)")
        let adc = applicationDefaultCredentialsPath
        if FileManager.default.fileExists(atPath: adc) {
            return try loader(lookedAt: looked).load(path: adc, variable: "gcloud's application default credentials")
        }
        looked.append("\(adc) (no such file)")
        if environment["NO_GCE_CHECK"]?.lowercased() == "true" {
            looked.append("the metadata server (skipped: NO_GCE_CHECK=true)")
        } else {
            let hosts = metadataHosts
            if let metadata = await MetadataServerCredentials.firstAvailable(
                among: hosts, probeTimeout: MetadataServerCredentials.probeTimeout(environment: environment), transport: transport) { return metadata }
            looked.append("the metadata server at \(hosts.joined(separator: " and ")) (no answer)")
        }
        throw CredentialsError.notFound(lookedAt: looked)
    }

    func loader(lookedAt: [String]) -> CredentialFileLoader {
        CredentialFileLoader(environment: environment, endpoints: endpoints, secrets: secrets, lookedAt: lookedAt)
    }

    /// Where a metadata server is looked for, in order of preference: `GCE_METADATA_HOST`
    /// alone when set (as Google's Go and Node libraries do), else the name and the address.
    var metadataHosts: [String] {
        if let host = environment["GCE_METADATA_HOST"], !host.isEmpty { return [host] }
        let address = environment["GCE_METADATA_IP"].flatMap { $0.isEmpty ? nil : $0 } ?? MetadataServerCredentials.defaultAddress
        return [metadataName, address]
    }

    var applicationDefaultCredentialsPath: String {
        let configDirectory = environment["CLOUDSDK_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
            ?? homeDirectory + "/.config/gcloud"
        return configDirectory + "/application_default_credentials.json"
    }
}
