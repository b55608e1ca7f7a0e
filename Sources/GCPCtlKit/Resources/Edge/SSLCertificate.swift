import GoogleCloud

/// The Google-managed certificate for the edge's domain (https://cloud.google.com/load-balancing/docs/ssl-certificates/google-managed-certs).
/// Immutable: its name carries a hash of the domain, so declaring another domain makes a new
/// certificate, which the HTTPS proxy then takes; the old one is left to cleanup. Google
/// provisions it once the domain's A record points at the edge's address, which can take
/// up to an hour after that.
public struct SSLCertificate: KindResource {
    public let edge: Environment.Edge

    public var identity: ResourceIdentity { ResourceIdentity(.sslCertificate, edge.certificateName) }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> ComputeAPI.SSLCertificate? {
        try await context.compute.sslCertificate(project: context.project, name: identity.name)
    }

    public func differences(from state: ComputeAPI.SSLCertificate) throws -> [FieldChange] {
        var changes = FieldChanges()
        changes.compare("type", observed: state.type, desired: "MANAGED")
        changes.compare("managed.domains", observed: (state.managed?.domains ?? []).sorted().joined(separator: ", "), desired: edge.domain)
        guard changes.all.isEmpty else {
            throw ImmutableFieldError(resource: id, changes: changes.all,
                                      advice: "A certificate cannot be changed: delete \(id.name) (gcpctl delete certificate \(id.name)) once no proxy uses it.")
        }
        return []
    }

    public func create(in context: ResourceContext) async throws {
        let certificate = ComputeAPI.SSLCertificate(name: id.name, description: Ownership.description(for: context.environment),
                                                    domains: [edge.domain])
        let result = try await context.compute.insertSSLCertificate(project: context.project, certificate)
        try await EdgeCompute.created(result, "creating certificate \(id.name) for \(edge.domain)", in: context)
    }

    /// Nothing changes in place: `differences` refuses instead.
    public func update(_ state: ComputeAPI.SSLCertificate, changes: [FieldChange], in context: ResourceContext) async throws {}

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let operation = try await context.compute.deleteSSLCertificate(project: context.project, name: identity.name)
        try await context.waitForComputeDeletion(operation, what: "deleting certificate \(identity.name)")
    }

    static func list(in context: ResourceContext, detail: ListingDetail) async throws -> KindListing {
        let certificates = try await context.compute.sslCertificates(project: context.project)
        return try await EdgeCompute.found(certificates, in: context) { certificate in
            guard let name = certificate.name else { return nil }
            let domains = (certificate.managed?.domains ?? []).joined(separator: ", ")
            return (ResourceIdentity(.sslCertificate, name), certificate.creationTimestamp,
                    [domains.isEmpty ? nil : domains, certificate.managed?.status].compactMap { $0 })
        }
    }
}

extension ResourceKind {
    public static let sslCertificate = ResourceKind.edge(
        id: "ssl-certificate", title: "managed certificate", plural: "managed certificates", command: "certificate",
        after: ["target-https-proxy"], list: SSLCertificate.list,
        declared: { environment, _ in environment.edge.map { [SSLCertificate(edge: $0)] } ?? [] })
        .deleted(by: SSLCertificate.self)
}
