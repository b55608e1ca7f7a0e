import GCPEmulator
import Testing
import TestSupport

/// The HTTPS edge in front of Cloud Run, in Google's order
/// (https://cloud.google.com/load-balancing/docs/https/setting-up-https-serverless).
@Suite struct ComputeLoadBalancingTests {
    let global = computeBase + "/global"
    let negs = computeBase + "/regions/us-central1/networkEndpointGroups"
    let link = "https://www.googleapis.com/compute/v1/projects/net-project"

    /// NEG → backend service → URL map → certificate → HTTPS proxy → address → forwarding rule.
    private func buildEdge(_ client: RawHTTPClient) async throws {
        let steps: [(String, JSONValue)] = [
            (negs, ["name": "api-neg", "networkEndpointType": "SERVERLESS", "cloudRun": ["service": "api"]]),
            (global + "/backendServices", ["name": "api-backend", "loadBalancingScheme": "EXTERNAL_MANAGED",
                                           "backends": [["group": "regions/us-central1/networkEndpointGroups/api-neg"]], "logConfig": ["enable": true]]),
            (global + "/urlMaps", ["name": "edge-map", "defaultService": "global/backendServices/api-backend",
                                   "hostRules": [["hosts": ["app.example.com"], "pathMatcher": "routes"]],
                                   "pathMatchers": [["name": "routes", "defaultService": "global/backendServices/api-backend",
                                                     "pathRules": [["paths": ["/ws/*"], "service": "global/backendServices/api-backend"]]]]]),
            (global + "/sslCertificates", ["name": "edge-cert", "type": "MANAGED", "managed": ["domains": ["app.example.com"]]]),
            (global + "/targetHttpsProxies", ["name": "edge-https", "urlMap": "global/urlMaps/edge-map", "sslCertificates": ["global/sslCertificates/edge-cert"]]),
            (global + "/addresses", ["name": "edge-ip"]),
            (global + "/forwardingRules", ["name": "edge-443", "IPAddress": "global/addresses/edge-ip", "IPProtocol": "TCP", "portRange": "443",
                                           "target": "global/targetHttpsProxies/edge-https", "loadBalancingScheme": "EXTERNAL_MANAGED"]),
        ]
        for (path, body) in steps {
            let operation = try await client.post(path, json: body)
            #expect(operation.status == 200, "\(path): \(operation.text)")
            #expect(operation.json["status"] == "DONE")
        }
    }

    @Test func theEdgeIsBuiltWithFullURLReferencesAndGooglesDefaults() async throws {
        try await withClient(ungated()) { _, client in
            try await buildEdge(client)
            let neg = try await client.get(negs + "/api-neg")
            #expect(neg.json["cloudRun"]?["service"] == "api")
            #expect(neg.json["region"] == .string(link + "/regions/us-central1"))
            let backend = try await client.get(global + "/backendServices/api-backend")
            #expect(backend.json["backends"]?[0]?["group"] == .string(link + "/regions/us-central1/networkEndpointGroups/api-neg"))
            #expect(backend.json["backends"]?[0]?["balancingMode"] == "UTILIZATION")
            #expect(backend.json["protocol"] == "HTTP")
            #expect(backend.json["usedBy"]?[0]?["reference"] == .string(link + "/global/urlMaps/edge-map"))
            let map = try await client.get(global + "/urlMaps/edge-map")
            #expect(map.json["pathMatchers"]?[0]?["pathRules"]?[0]?["service"] == .string(link + "/global/backendServices/api-backend"))
            let rule = try await client.get(global + "/forwardingRules/edge-443")
            let address = try await client.get(global + "/addresses/edge-ip")
            #expect(rule.json["portRange"] == "443-443")
            #expect(rule.json["IPAddress"] == address.json["address"])
            #expect(rule.json["target"] == .string(link + "/global/targetHttpsProxies/edge-https"))
            #expect(address.json["status"] == "IN_USE")
            #expect(address.json["users"] == [.string(link + "/global/forwardingRules/edge-443")])
            let aggregated = try await client.get(computeBase + "/aggregated/forwardingRules?includeAllScopes=True")
            #expect(aggregated.json["kind"] == "compute#forwardingRuleAggregatedList")
            #expect(aggregated.json["items"]?["global"]?["forwardingRules"]?[0]?["name"] == "edge-443")
            let negList = try await client.get(computeBase + "/aggregated/networkEndpointGroups")
            #expect(negList.json["items"]?["regions/us-central1"]?["networkEndpointGroups"]?[0]?["name"] == "api-neg")
        }
    }

    @Test func somethingStillReferencedCannotBeDeletedUntilItsUsersAreGone() async throws {
        try await withClient(ungated()) { _, client in
            try await buildEdge(client)
            let order: [(String, String)] = [
                (global + "/addresses/edge-ip", "address"), (global + "/targetHttpsProxies/edge-https", "target_https_proxy"),
                (global + "/sslCertificates/edge-cert", "ssl_certificate"), (global + "/urlMaps/edge-map", "url_map"),
                (global + "/backendServices/api-backend", "backend_service"), (negs + "/api-neg", "network_endpoint_group"),
            ]
            for (path, noun) in order {
                let refused = try await client.send("DELETE", path)
                #expect(refused.status == 400, "\(path)")
                #expect(refused.json["error"]?["errors"]?[0]?["reason"] == "resourceInUseByAnotherResource")
                #expect(refused.errorMessage.hasPrefix("The \(noun) resource 'projects/net-project/"))
            }
            for path in [global + "/forwardingRules/edge-443", global + "/addresses/edge-ip", global + "/targetHttpsProxies/edge-https",
                         global + "/sslCertificates/edge-cert", global + "/urlMaps/edge-map", global + "/backendServices/api-backend",
                         negs + "/api-neg"] {
                let deleted = try await client.send("DELETE", path)
                #expect(deleted.json["status"] == "DONE", "\(path): \(deleted.text)")
                #expect(try await client.get(path).status == 404)
            }
        }
    }

    @Test func aManagedCertificateProvisionsWhenTheTestSaysSo() async throws {
        try await withClient(ungated()) { emulator, client in
            try await buildEdge(client)
            let provisioning = try await client.get(global + "/sslCertificates/edge-cert")
            #expect(provisioning.json["managed"]?["status"] == "PROVISIONING")
            #expect(provisioning.json["managed"]?["domainStatus"]?["app.example.com"] == "PROVISIONING")
            #expect(emulator.setCertificateStatus(project: "net-project", name: "edge-cert", status: "PROVISIONING",
                                                  domainStatus: ["app.example.com": "FAILED_NOT_VISIBLE"]))
            #expect(try await client.get(global + "/sslCertificates/edge-cert").json["managed"]?["domainStatus"]?["app.example.com"] == "FAILED_NOT_VISIBLE")
            let control = try await client.post("/_emulator/certificates", json: ["project": "net-project", "name": "edge-cert", "status": "ACTIVE"])
            #expect(control.status == 200)
            let active = try await client.get(global + "/sslCertificates/edge-cert")
            #expect(active.json["managed"]?["status"] == "ACTIVE")
            #expect(active.json["managed"]?["domainStatus"]?["app.example.com"] == "ACTIVE")
            #expect(active.json["subjectAlternativeNames"] == ["app.example.com"])
            #expect(active.json["expireTime"] != nil)
            #expect(!emulator.setCertificateStatus(project: "net-project", name: "edge-cert", status: "DONE"))
            let wildcard = try await client.post(global + "/sslCertificates", json: ["name": "wild", "type": "MANAGED", "managed": ["domains": ["*.example.com"]]])
            #expect(wildcard.status == 400)
        }
    }

    @Test func proxiesAndRulesChangeOnlyThroughTheirSetMethods() async throws {
        try await withClient(ungated()) { _, client in
            try await buildEdge(client)
            _ = try await client.post(global + "/sslCertificates", json: ["name": "edge-cert-2", "type": "MANAGED", "managed": ["domains": ["www.example.com"]]])
            let noCertificates = try await client.post(computeBase + "/targetHttpsProxies/edge-https/setSslCertificates", json: ["sslCertificates": []])
            #expect(noCertificates.status == 400)
            let swapped = try await client.post(computeBase + "/targetHttpsProxies/edge-https/setSslCertificates",
                                                json: ["sslCertificates": [.string(link + "/global/sslCertificates/edge-cert-2")]])
            #expect(swapped.json["operationType"] == "setSslCertificates")
            #expect(try await client.send("DELETE", global + "/sslCertificates/edge-cert").json["status"] == "DONE")
            // The redirect: its own URL map and HTTP proxy, and a rule on port 80.
            let redirect = try await client.post(global + "/urlMaps", json: ["name": "edge-redirect", "defaultUrlRedirect": ["httpsRedirect": true]])
            #expect(redirect.json["status"] == "DONE")
            let map = try await client.get(global + "/urlMaps/edge-redirect")
            #expect(map.json["defaultUrlRedirect"] == ["httpsRedirect": true, "redirectResponseCode": "MOVED_PERMANENTLY_DEFAULT", "stripQuery": false])
            _ = try await client.post(global + "/targetHttpProxies", json: ["name": "edge-http", "urlMap": "global/urlMaps/edge-redirect"])
            #expect(try await client.post(computeBase + "/targetHttpProxies/edge-http/setUrlMap", json: ["urlMap": "global/urlMaps/edge-map"]).status == 200)
            #expect(try await client.get(global + "/targetHttpProxies/edge-http").json["urlMap"] == .string(link + "/global/urlMaps/edge-map"))
            let retarget = try await client.post(global + "/forwardingRules/edge-443/setTarget", json: ["target": "global/targetHttpProxies/edge-http"])
            #expect(retarget.json["operationType"] == "setTarget")
            #expect(try await client.get(global + "/forwardingRules/edge-443").json["target"] == .string(link + "/global/targetHttpProxies/edge-http"))
        }
    }

    @Test func urlMapsNeedTheirFingerprintAndValidReferences() async throws {
        try await withClient(ungated()) { _, client in
            try await buildEdge(client)
            let map = try await client.get(global + "/urlMaps/edge-map")
            let fingerprint = try #require(map.json["fingerprint"])
            let stale = try await client.send("PATCH", global + "/urlMaps/edge-map", json: ["description": "x", "fingerprint": "AAAAAAAAAAA="])
            #expect(stale.status == 412)
            #expect(stale.errorMessage == "Invalid fingerprint.")
            #expect(try await client.send("PATCH", global + "/urlMaps/edge-map", json: ["description": "routes", "fingerprint": fingerprint]).status == 200)
            #expect(try await client.get(global + "/urlMaps/edge-map").json["description"] == "routes")
            let current = try await client.get(global + "/urlMaps/edge-map").json["fingerprint"]!
            let unknownMatcher = try await client.send("PUT", global + "/urlMaps/edge-map", json: [
                "name": "edge-map", "fingerprint": current, "defaultService": "global/backendServices/api-backend",
                "hostRules": [["hosts": ["x.example.com"], "pathMatcher": "nope"]],
            ])
            #expect(unknownMatcher.status == 400)
            let badPath = try await client.post(global + "/urlMaps", json: [
                "name": "bad", "defaultService": "global/backendServices/api-backend",
                "pathMatchers": [["name": "m", "defaultService": "global/backendServices/api-backend", "pathRules": [["paths": ["ws/*"], "service": "global/backendServices/api-backend"]]]],
            ])
            #expect(badPath.status == 400)
            let missingService = try await client.post(global + "/urlMaps", json: ["name": "lost", "defaultService": "global/backendServices/none"])
            #expect(missingService.status == 404)
            let replaced = try await client.send("PUT", global + "/urlMaps/edge-map", json: [
                "name": "edge-map", "fingerprint": current, "defaultService": "global/backendServices/api-backend",
            ])
            #expect(replaced.json["operationType"] == "update")
            #expect(try await client.get(global + "/urlMaps/edge-map").json["pathMatchers"] == nil)
        }
    }

    @Test func serverlessBackendsTakeNoHealthCheckAndOnlyExistingGroups() async throws {
        try await withClient(ungated()) { _, client in
            _ = try await client.post(negs, json: ["name": "api-neg", "networkEndpointType": "SERVERLESS", "cloudRun": ["service": "api"]])
            let withCheck = try await client.post(global + "/backendServices", json: [
                "name": "b", "backends": [["group": "regions/us-central1/networkEndpointGroups/api-neg"]],
                "healthChecks": ["global/healthChecks/hc"],
            ])
            #expect(withCheck.status == 400)
            #expect(withCheck.errorMessage.contains("must not have a health check"))
            let noGroup = try await client.post(global + "/backendServices", json: ["name": "b", "backends": [["group": "regions/us-central1/networkEndpointGroups/none"]]])
            #expect(noGroup.status == 404)
            let twoTargets = try await client.post(negs, json: ["name": "x", "networkEndpointType": "SERVERLESS", "cloudRun": ["service": "a"], "appEngine": [:]])
            #expect(twoTargets.status == 400)
            let misspelt = try await client.post(negs, json: ["name": "x", "networkEndpointType": "SERVERLESS", "cloudRun": ["servce": "a"]])
            #expect(misspelt.status == 400)
            #expect(misspelt.errorMessage.contains("servce"))
        }
    }
}
