import Foundation

/// The metadata server of a Google Cloud VM, Cloud Run or Cloud Build worker:
/// `http://metadata.google.internal` or `http://169.254.169.254`, or `GCE_METADATA_HOST`.
/// Plain http on a link-local address, so never through a proxy.
public struct MetadataServerCredentials: CredentialProvider {
    public static let defaultHost = "metadata.google.internal"
    /// The address Google's libraries try besides the name, for VMs whose resolver does not
    /// know it; `GCE_METADATA_IP` replaces it, as it does for Google's libraries.
    public static let defaultAddress = "169.254.169.254"
    /// How long each availability probe waits: three seconds as Google's libraries wait,
    /// or `GCE_METADATA_TIMEOUT` seconds, the variable google-auth reads for a busy machine.
    public static let defaultProbeTimeout = Duration.seconds(3)
    let host: String
    let probeTimeout: Duration

    public init(host: String, probeTimeout: Duration = defaultProbeTimeout) {
        self.host = host
        self.probeTimeout = probeTimeout
    }

    /// `GCE_METADATA_TIMEOUT` as whole seconds, or the default when unset or not a positive number.
    public static func probeTimeout(environment: [String: String]) -> Duration {
        guard let seconds = environment["GCE_METADATA_TIMEOUT"].flatMap(Int.init), seconds > 0 else { return defaultProbeTimeout }
        return .seconds(seconds)
    }

    public var source: CredentialSource { .metadataServer(host: host) }

    var root: String { "http://\(host)/computeMetadata/v1/" }

    public func fetchToken(transport: any HTTPTransport) async throws -> AccessToken {
        let response: HTTPResponse
        do {
            response = try await get("instance/service-accounts/default/token", transport: transport, timeout: .seconds(10))
        } catch let error as TransportError {
            throw CredentialsError.tokenEndpointUnreachable(source: source.description, reason: error.description)
        }
        guard response.isSuccess else {
            throw CredentialsError.tokenRejected(source: source.description, status: response.status,
                                                 reason: response.bodyText.prefix(200).description)
        }
        guard let token = try? JSONDecoder().decode(TokenResponse.self, from: response.body) else {
            throw CredentialsError.tokenMalformed(source: source.description)
        }
        return token.accessToken(receivedAt: Date())
    }

    public func projectID(transport: any HTTPTransport) async throws -> String? {
        let response = try await get("project/project-id", transport: transport, timeout: .seconds(5))
        guard response.isSuccess else { return nil }
        let id = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
        return id.isEmpty ? nil : id
    }

    /// Whether a metadata server answers here, as Google's libraries check: any response
    /// carrying `Metadata-Flavor: Google`.
    /// Two tries of `probeTimeout`, as Google's libraries allow a busy server.
    public func isAvailable(transport: any HTTPTransport) async -> Bool {
        for _ in 1...2 {
            do {
                return try await get("", transport: transport, timeout: probeTimeout).headers["Metadata-Flavor"] == "Google"
            } catch let error as TransportError where error.requestNeverSent && !error.isTimeout {
                return false  // nothing listens there: no metadata server (a slow connection is tried again)
            } catch {
                continue
            }
        }
        return false
    }

    /// The first of `hosts`, in their order, where a metadata server answers; every host is
    /// asked at once, so a machine with none waits for the slowest probe only.
    static func firstAvailable(among hosts: [String], probeTimeout: Duration = defaultProbeTimeout,
                               transport: any HTTPTransport) async -> MetadataServerCredentials? {
        let answers = await withTaskGroup(of: (Int, Bool).self) { group in
            for (index, host) in hosts.enumerated() {
                group.addTask { (index, await MetadataServerCredentials(host: host, probeTimeout: probeTimeout).isAvailable(transport: transport)) }
            }
            return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        return hosts.indices.first { answers[$0] == true }.map { MetadataServerCredentials(host: hosts[$0], probeTimeout: probeTimeout) }
    }

    func get(_ path: String, transport: any HTTPTransport, timeout: Duration) async throws -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Metadata-Flavor", "Google")
        // Google serves the metadata server over plain http on a link-local address: a
        // proxy on the way would see the token in clear.
        return try await transport.send(HTTPRequest(method: .get, url: root + path, headers: headers,
                                                    timeout: timeout, allowsCleartext: true, bypassesProxy: true))
    }
}
