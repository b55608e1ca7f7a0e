import GoogleCloud

/// Status's edge section: the address to point DNS at, and whether Google has provisioned
/// the certificate (it cannot until the domain's A record points at that address).
extension GlobalAddress: StatusDescribing {
    func statusDetails(of state: ComputeAPI.Address, extra: Void?) -> [StatusDetail] {
        [
            StatusDetail("address", column: "ADDRESS", state.address),
            StatusDetail("dns", column: "DNS", state.address.map { "A \(edge.domain) → \($0)" }),
        ]
    }
}

extension SSLCertificate: StatusDescribing {
    /// The address, to say where DNS must point while the certificate is not active.
    func observeExtra(in context: ResourceContext) async throws -> ComputeAPI.Address? {
        try await context.compute.globalAddress(project: context.project, name: edge.address)
    }

    func statusDetails(of state: ComputeAPI.SSLCertificate, extra: ComputeAPI.Address??) -> [StatusDetail] {
        let domains = (state.managed?.domainStatus ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        return [
            StatusDetail("certificateStatus", column: "CERTIFICATE", state.managed?.status),
            StatusDetail("domainStatus", column: "DOMAINS", .array(domains.map(JSONValue.string)),
                         text: domains.isEmpty ? "-" : domains.joined(separator: ", ")),
        ]
    }

    /// PROVISIONING: not serving HTTPS yet, usually because DNS does not point at the edge;
    /// FAILED_*: Google's reason per domain.
    func health(of state: ComputeAPI.SSLCertificate, extra: ComputeAPI.Address??, environment: Environment) -> StatusFinding? {
        let status = state.managed?.status ?? "unknown"
        guard status != "ACTIVE" else { return nil }
        let address = extra??.address.map { "point the DNS A record of \(edge.domain) at \($0)" }
            ?? "point the DNS A record of \(edge.domain) at the address \(edge.address) (not reserved yet)"
        let failed = (state.managed?.domainStatus ?? [:]).filter { $0.value.hasPrefix("FAILED") }.sorted { $0.key < $1.key }
        if status == "PROVISIONING" && failed.isEmpty {
            return StatusFinding(state: .unhealthy, reason: "not serving HTTPS yet (PROVISIONING): \(address); Google provisions the certificate within about an hour after", fix: nil)
        }
        let reasons = failed.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return StatusFinding(state: .unhealthy, reason: "the certificate is \(status)" + (reasons.isEmpty ? "" : " (\(reasons))") + ": \(address)", fix: nil)
    }
}
