/// Target HTTPS and HTTP proxies (https://cloud.google.com/compute/docs/reference/rest/v1/targetHttpsProxies,
/// …/targetHttpProxies): an existing URL map, and for HTTPS 1 to 15 existing certificates;
/// both changed only through `setUrlMap` / `setSslCertificates`, whose paths have no
/// `/global/` (`projects/P/targetHttpsProxies/X/setUrlMap`). A proxy a forwarding rule
/// targets cannot be deleted.
enum ComputeTargetProxiesAPI {
    static let handlers: [String: APIHandler] = [
        "compute.targetHttpsProxies.get": ComputeResources.get(.targetHttpsProxy),
        "compute.targetHttpsProxies.list": ComputeResources.list(.targetHttpsProxy),
        "compute.targetHttpsProxies.aggregatedList": ComputeResources.aggregatedList(.targetHttpsProxy),
        "compute.targetHttpsProxies.insert": ComputeResources.insert(.targetHttpsProxy) { proxy, target, _, state in
            try checkURLMap(&proxy, field: "resource.urlMap", project: target.project, state: state)
            try checkCertificates(&proxy, field: "resource.sslCertificates", project: target.project, state: state)
            proxy["quicOverride"] = proxy["quicOverride"] ?? "NONE"
        },
        "compute.targetHttpsProxies.setUrlMap": ComputeResources.update(.targetHttpsProxy, type: "setUrlMap") { proxy, target, request, state in
            proxy["urlMap"] = request.body["urlMap"] ?? .null
            try checkURLMap(&proxy, field: "urlMap", project: target.project, state: state)
        },
        "compute.targetHttpsProxies.setSslCertificates": ComputeResources.update(.targetHttpsProxy, type: "setSslCertificates") { proxy, target, request, state in
            proxy["sslCertificates"] = request.body["sslCertificates"] ?? .null
            try checkCertificates(&proxy, field: "sslCertificates", project: target.project, state: state)
        },
        "compute.targetHttpsProxies.delete": ComputeResources.delete(.targetHttpsProxy),

        "compute.targetHttpProxies.get": ComputeResources.get(.targetHttpProxy),
        "compute.targetHttpProxies.list": ComputeResources.list(.targetHttpProxy),
        "compute.targetHttpProxies.aggregatedList": ComputeResources.aggregatedList(.targetHttpProxy),
        "compute.targetHttpProxies.insert": ComputeResources.insert(.targetHttpProxy) { proxy, target, _, state in
            try checkURLMap(&proxy, field: "resource.urlMap", project: target.project, state: state)
        },
        "compute.targetHttpProxies.setUrlMap": ComputeResources.update(.targetHttpProxy, type: "setUrlMap") { proxy, target, request, state in
            proxy["urlMap"] = request.body["urlMap"] ?? .null
            try checkURLMap(&proxy, field: "urlMap", project: target.project, state: state)
        },
        "compute.targetHttpProxies.delete": ComputeResources.delete(.targetHttpProxy),
    ]

    private static func checkURLMap(_ proxy: inout JSONValue, field: String, project: String, state: EmulatorState) throws {
        guard let map = proxy["urlMap"]?.stringValue else { throw ComputeErrors.required(field) }
        proxy["urlMap"] = .string(try ComputeResources.resolve(map, field: field, kinds: [.urlMap], project: project, state: state))
    }

    private static func checkCertificates(_ proxy: inout JSONValue, field: String, project: String, state: EmulatorState) throws {
        let certificates = proxy["sslCertificates"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard (1...15).contains(certificates.count) else {
            throw ComputeErrors.invalid(field: field, value: String(certificates.count), "At least 1 and at most 15 SSL certificates must be specified.")
        }
        proxy["sslCertificates"] = .array(try certificates.enumerated().map { index, certificate in
            .string(try ComputeResources.resolve(certificate, field: "\(field)[\(index)]", kinds: [.sslCertificate], project: project, state: state))
        })
    }
}

extension ComputeKind {
    static let targetHttpsProxy = ComputeKind(
        collection: "compute.targetHttpsProxies", segment: "targetHttpsProxies", kind: "compute#targetHttpsProxy",
        noun: "target_https_proxy", scope: .global, parameter: "targetHttpsProxy",
        aggregatedKind: "compute#targetHttpsProxyAggregatedList", scopedKey: "targetHttpsProxies", fingerprinted: true)

    static let targetHttpProxy = ComputeKind(
        collection: "compute.targetHttpProxies", segment: "targetHttpProxies", kind: "compute#targetHttpProxy",
        noun: "target_http_proxy", scope: .global, parameter: "targetHttpProxy",
        aggregatedKind: "compute#targetHttpProxyAggregatedList", scopedKey: "targetHttpProxies", fingerprinted: true)
}
