/// SSL certificates (https://cloud.google.com/compute/docs/reference/rest/v1/sslCertificates),
/// Google-managed ones only (https://cloud.google.com/load-balancing/docs/ssl-certificates/google-managed-certs):
/// no update method, so a new domain means a new certificate.
extension ComputeAPI {
    public struct SSLCertificate: Codable, Sendable {
        public var name: String?
        /// gcpctl's ownership marker: certificates take no labels.
        public var description: String?
        /// MANAGED.
        public var type: String?
        public var managed: Managed?
        public var expireTime: String?
        public var selfLink: String?
        public var creationTimestamp: String?

        public struct Managed: Codable, Sendable {
            public var domains: [String]?
            /// Output: PROVISIONING, ACTIVE, PROVISIONING_FAILED, PROVISIONING_FAILED_PERMANENTLY, RENEWAL_FAILED.
            public var status: String?
            /// Output, per domain: PROVISIONING, ACTIVE, FAILED_NOT_VISIBLE (DNS does not point
            /// at the load balancer yet), FAILED_CAA_CHECKING, FAILED_CAA_FORBIDDEN, FAILED_RATE_LIMITED.
            public var domainStatus: [String: String]?
            public init(domains: [String]) { self.domains = domains }
        }

        public init(name: String, description: String?, domains: [String]) {
            self.name = name
            self.description = description
            self.type = "MANAGED"
            self.managed = Managed(domains: domains)
        }
    }

    public func sslCertificate(project: String, name: String) async throws -> SSLCertificate? {
        try await client.getIfExists(.compute, path(project, "global/sslCertificates/\(name)"))
    }

    public func sslCertificates(project: String) async throws -> [SSLCertificate] {
        try await list(path(project, "global/sslCertificates"))
    }

    public func insertSSLCertificate(project: String, _ certificate: SSLCertificate) async throws -> CreateResult<ComputeOperation> {
        try await insert(path(project, "global/sslCertificates"), certificate)
    }

    public func deleteSSLCertificate(project: String, name: String) async throws -> ComputeOperation? {
        try await remove(path(project, "global/sslCertificates/\(name)"))
    }
}
