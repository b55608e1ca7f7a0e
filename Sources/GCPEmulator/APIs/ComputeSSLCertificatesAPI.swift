import Foundation

/// SSL certificates (https://cloud.google.com/compute/docs/reference/rest/v1/sslCertificates).
/// Google-managed ones (https://cloud.google.com/load-balancing/docs/ssl-certificates/google-managed-certs):
/// `type` MANAGED with 1 to 100 `managed.domains`, no wildcards; they start
/// `managed.status` PROVISIONING with each domain PROVISIONING and stay so until a test
/// says otherwise (`Emulator.setCertificateStatus`, `POST /_emulator/certificates`): the
/// emulator cannot see DNS. ACTIVE fills `subjectAlternativeNames` and `expireTime`.
/// Self-managed ones keep their certificate and never answer the private key. No update
/// method exists: a new domain means a new certificate. A certificate a target HTTPS proxy
/// uses cannot be deleted.
enum ComputeSSLCertificatesAPI {
    static let handlers: [String: APIHandler] = [
        "compute.sslCertificates.get": ComputeResources.get(.sslCertificate),
        "compute.sslCertificates.list": ComputeResources.list(.sslCertificate),
        "compute.sslCertificates.aggregatedList": ComputeResources.aggregatedList(.sslCertificate),
        "compute.sslCertificates.insert": ComputeResources.insert(.sslCertificate, prepare: prepare),
        "compute.sslCertificates.delete": ComputeResources.delete(.sslCertificate),
    ]

    /// The states a managed certificate and its domains may be set to (the discovery document's enums).
    static let certificateStates: Set = ["PROVISIONING", "ACTIVE", "PROVISIONING_FAILED", "PROVISIONING_FAILED_PERMANENTLY", "RENEWAL_FAILED"]
    static let domainStates: Set = [
        "PROVISIONING", "ACTIVE", "FAILED_NOT_VISIBLE", "FAILED_CAA_CHECKING", "FAILED_CAA_FORBIDDEN", "FAILED_RATE_LIMITED",
    ]

    private static func prepare(_ certificate: inout JSONValue, _ target: ComputeResources.Target, _ request: APIRequest, _ state: inout EmulatorState) throws {
        let type = certificate["type"]?.stringValue ?? "SELF_MANAGED"
        certificate["type"] = .string(type)
        switch type {
        case "MANAGED":
            let domains = certificate["managed"]?["domains"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard (1...100).contains(domains.count) else {
                throw ComputeErrors.invalid(field: "resource.managed.domains", value: String(domains.count), "A managed certificate has 1 to 100 domains.")
            }
            for domain in domains where !isValidDomain(domain) {
                throw ComputeErrors.invalid(field: "resource.managed.domains", value: domain, "Domains must be fully qualified DNS names without wildcards.")
            }
            certificate["managed"] = [
                "domains": .array(domains.map(JSONValue.string)), "status": "PROVISIONING",
                "domainStatus": .object(Dictionary(uniqueKeysWithValues: domains.map { ($0, JSONValue.string("PROVISIONING")) })),
            ]
        case "SELF_MANAGED":
            let certificateText = certificate["certificate"] ?? certificate["selfManaged"]?["certificate"]
            let key = certificate["privateKey"] ?? certificate["selfManaged"]?["privateKey"]
            guard let certificateText, key != nil else { throw ComputeErrors.required("resource.certificate") }
            certificate["@privateKey"] = key
            certificate["privateKey"] = nil
            certificate["selfManaged"] = nil
            certificate["certificate"] = certificateText
        default:
            throw ComputeErrors.invalid(field: "resource.type", value: type, "Must be MANAGED or SELF_MANAGED.")
        }
    }

    private static func isValidDomain(_ domain: String) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return domain.utf8.count <= 253 && labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// Sets a managed certificate's status, and each domain's (`domainStatus`, else every
    /// domain ACTIVE with an ACTIVE certificate, or as given). False when no such managed
    /// certificate exists or a state is not one of Google's.
    static func setStatus(project: String, name: String, status: String, domainStatus: [String: String]?, now: Date, state: inout EmulatorState) -> Bool {
        guard certificateStates.contains(status), (domainStatus ?? [:]).values.allSatisfy(domainStates.contains),
            var certificate = state.resource(project, ComputeKind.sslCertificate.collection, name), certificate["type"] == "MANAGED"
        else { return false }
        let domains = certificate["managed"]?["domains"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var perDomain: [String: JSONValue] = [:]
        for domain in domains {
            perDomain[domain] = .string(domainStatus?[domain] ?? (status == "ACTIVE" ? "ACTIVE" : certificate["managed"]?["domainStatus"]?[domain]?.stringValue ?? "PROVISIONING"))
        }
        certificate["managed"]?["status"] = .string(status)
        certificate["managed"]?["domainStatus"] = .object(perDomain)
        if status == "ACTIVE" {
            certificate["subjectAlternativeNames"] = .array(domains.map(JSONValue.string))
            certificate["expireTime"] = .string(RFC3339.format(now.addingTimeInterval(90 * 86_400)))
        }
        state.setResource(project, ComputeKind.sslCertificate.collection, name, certificate)
        return true
    }
}

extension ComputeKind {
    static let sslCertificate = ComputeKind(
        collection: "compute.sslCertificates", segment: "sslCertificates", kind: "compute#sslCertificate",
        noun: "ssl_certificate", scope: .global, parameter: "sslCertificate",
        aggregatedKind: "compute#sslCertificateAggregatedList", scopedKey: "sslCertificates")
}
