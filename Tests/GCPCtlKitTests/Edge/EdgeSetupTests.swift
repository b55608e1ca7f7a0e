import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 22 point 4: `setup --env=prod` builds the HTTPS edge production.yaml declares, in
/// Google's order, and a second run sends nothing that changes anything.
@Suite struct EdgeSetupTests {
    static let services = ["api-gateway", "websocket-server", "face-processing-service"]

    @Test func productionSetupBuildsTheEdgeAndASecondRunSendsNothing() async throws {
        try await withEmulatedProject { project in
            let first = await project.setup(environment: "prod")
            #expect(first.status == .success, "\(first.diagnostics)")

            let address = try #require(project.resource("compute.globalAddresses", "digitwinlive-lb-ip-prod"))
            #expect(address["addressType"]?.stringValue == "EXTERNAL")
            #expect(address[path: "labels.gcpctl-env"]?.stringValue == "prod")
            let ip = try #require(address["address"]?.stringValue)

            for service in Self.services {
                let group = try #require(project.resource("compute.networkEndpointGroups", "us-central1/\(service)-neg-prod"))
                #expect(group["networkEndpointType"]?.stringValue == "SERVERLESS")
                #expect(group[path: "cloudRun.service"]?.stringValue == service)
                #expect(group["description"]?.stringValue == "Managed by gcpctl for prod")
                let backend = try #require(project.resource("compute.backendServices", "\(service)-backend-prod"))
                #expect(backend["loadBalancingScheme"]?.stringValue == "EXTERNAL_MANAGED")
                #expect(backend["securityPolicy"]?.stringValue?.hasSuffix("/global/securityPolicies/digitwinlive-armor-prod") == true,
                        "the backend services carry the Cloud Armor policy")
                #expect(backend["healthChecks"] == nil)
                #expect(backend[path: "backends"]?.arrayValue?.first?["group"]?.stringValue?.hasSuffix("/regions/us-central1/networkEndpointGroups/\(service)-neg-prod") == true)
            }

            let policy = try #require(project.resource("compute.securityPolicies", "digitwinlive-armor-prod"))
            let rules = policy["rules"]?.arrayValue ?? []
            #expect(rules.compactMap { $0["priority"]?.intValue } == [1000, 2000, 2001, 2_147_483_647])
            #expect(rules.first?["action"]?.stringValue == "throttle")
            #expect(rules.first?[path: "rateLimitOptions.enforceOnKey"]?.stringValue == "IP")
            #expect(rules.first?[path: "rateLimitOptions.exceedAction"]?.stringValue == "deny(429)")
            #expect(rules.first?[path: "rateLimitOptions.rateLimitThreshold.count"]?.intValue == 100)
            #expect(rules[1][path: "match.expr.expression"]?.stringValue == "evaluatePreconfiguredWaf('xss-v33-stable')")
            #expect(rules[2][path: "match.expr.expression"]?.stringValue == "evaluatePreconfiguredWaf('sqli-v33-stable')")

            let map = try #require(project.resource("compute.urlMaps", "digitwinlive-prod-urlmap"))
            #expect(map["defaultService"]?.stringValue?.hasSuffix("/backendServices/api-gateway-backend-prod") == true)
            #expect(map["hostRules"]?.arrayValue?.first?["hosts"]?.arrayValue?.first?.stringValue == "app.example.com")
            let paths = (map["pathMatchers"]?.arrayValue?.first?["pathRules"]?.arrayValue ?? []).map {
                "\($0["paths"]?.arrayValue?.first?.stringValue ?? "") \($0["service"]?.stringValue?.split(separator: "/").last ?? "")"
            }
            #expect(paths.sorted() == ["/face/* face-processing-service-backend-prod", "/ws/* websocket-server-backend-prod"])
            let redirect = try #require(project.resource("compute.urlMaps", "digitwinlive-prod-redirect"))
            #expect(redirect[path: "defaultUrlRedirect.httpsRedirect"]?.boolValue == true)

            let certificateName = try #require(project.names("compute.sslCertificates").first)
            #expect(certificateName.hasPrefix("digitwinlive-prod-cert-"))
            let certificate = try #require(project.resource("compute.sslCertificates", certificateName))
            #expect(certificate["type"]?.stringValue == "MANAGED")
            #expect(certificate[path: "managed.domains"]?.arrayValue?.compactMap(\.stringValue) == ["app.example.com"])

            let https = try #require(project.resource("compute.targetHttpsProxies", "digitwinlive-prod-https-proxy"))
            #expect(https["urlMap"]?.stringValue?.hasSuffix("/urlMaps/digitwinlive-prod-urlmap") == true)
            #expect(https["sslCertificates"]?.arrayValue?.first?.stringValue?.hasSuffix("/sslCertificates/\(certificateName)") == true)
            let http = try #require(project.resource("compute.targetHttpProxies", "digitwinlive-prod-http-proxy"))
            #expect(http["urlMap"]?.stringValue?.hasSuffix("/urlMaps/digitwinlive-prod-redirect") == true)

            let rule443 = try #require(project.resource("compute.globalForwardingRules", "digitwinlive-prod-https-rule"))
            #expect(rule443["portRange"]?.stringValue == "443-443")
            #expect(rule443["IPAddress"]?.stringValue == ip)
            #expect(rule443["loadBalancingScheme"]?.stringValue == "EXTERNAL_MANAGED")
            #expect(rule443["target"]?.stringValue?.hasSuffix("/targetHttpsProxies/digitwinlive-prod-https-proxy") == true)
            let rule80 = try #require(project.resource("compute.globalForwardingRules", "digitwinlive-prod-http-rule"))
            #expect(rule80["portRange"]?.stringValue == "80-80")
            #expect(rule80["IPAddress"]?.stringValue == ip, "both rules share the address")

            project.emulator.clearRequests()
            let second = await project.setup(environment: "prod")
            #expect(second.status == .success, "\(second.diagnostics)")
            #expect(second.output.contains("No changes"))
            #expect(project.mutatingRequests.map { "\($0.method) \($0.url)" } == [])
        }
    }

    /// Each kind is made after what it names: the order of the inserts is Google's.
    @Test func setupInsertsEachPartAfterWhatItNames() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup(environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            let inserts = project.emulator.requests().filter { $0.mutating && $0.url.contains("/compute/") }.map(\.url)
            func first(_ collection: String) -> Int { inserts.firstIndex { $0.contains("/\(collection)") } ?? -1 }
            func last(_ collection: String) -> Int { inserts.lastIndex { $0.contains("/\(collection)") } ?? Int.max }
            // Inserts go to the collection, so the routing map (made after its backend
            // services) is the last URL map insert and the redirect map the first.
            #expect(last("networkEndpointGroups") < first("backendServices"))
            #expect(last("securityPolicies") < first("backendServices"))
            #expect(last("backendServices") < last("urlMaps"), "the routing map after every backend service has its policy")
            #expect(last("urlMaps") < first("targetHttpsProxies") && last("sslCertificates") < first("targetHttpsProxies"))
            #expect(first("urlMaps") < first("targetHttpProxies"))
            #expect(first("targetHttpProxies") < first("forwardingRules") && last("addresses") < first("forwardingRules"))
            #expect(first("targetHttpsProxies") < last("forwardingRules"))
        }
    }

    /// A changed route and rate limit are planned as field diffs and applied in place.
    @Test func planShowsTheFieldsThatChangedAndSetupAppliesThem() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.editEnvironment("production") {
                $0.replacingOccurrences(of: "\"/face/*\": face-processing-service", with: "\"/faces/*\": face-processing-service")
                    .replacingOccurrences(of: "{count: 100, intervalSec: 60", with: "{count: 50, intervalSec: 60")
            }
            let plan = await project.plan(environment: "prod")
            #expect(plan.output.contains("~ update URL map digitwinlive-prod-urlmap"), "\(plan.output)")
            #expect(plan.output.contains("/faces/* → face-processing-service-backend-prod"), "\(plan.output)")
            #expect(plan.output.contains("rules[1000]"), "\(plan.output)")
            #expect(plan.output.contains("50 per 60s per IP"), "\(plan.output)")
            let apply = await project.setup(environment: "prod")
            #expect(apply.status == .success, "\(apply.diagnostics)")
            let map = try #require(project.resource("compute.urlMaps", "digitwinlive-prod-urlmap"))
            #expect(map.serialized.contains("/faces/*"))
            let policy = try #require(project.resource("compute.securityPolicies", "digitwinlive-armor-prod"))
            #expect(policy["rules"]?.arrayValue?.first?[path: "rateLimitOptions.rateLimitThreshold.count"]?.intValue == 50)
            #expect(await project.plan(environment: "prod").output.contains("No changes"))
        }
    }

    /// Labels change through `setLabels` (which takes no requestId) and a rule the file no
    /// longer names is removed by priority; the next plan has nothing to do.
    @Test func labelsAndARemovedRuleChangeInPlace() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.editEnvironment("production") {
                $0.replacingOccurrences(of: "waf: [xss-v33-stable, sqli-v33-stable]", with: "waf: [xss-v33-stable]")
                    + "\nlabels:\n  team: edge\n"
            }
            project.emulator.clearRequests()
            let run = await project.setup(environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            let changes = project.mutatingRequests.map(\.url).filter { $0.contains("/compute/") }
            #expect(changes.contains { $0.contains("/securityPolicies/digitwinlive-armor-prod/removeRule?priority=2001") }, "\(changes)")
            #expect(changes.contains { $0.hasSuffix("/securityPolicies/digitwinlive-armor-prod/setLabels") }, "\(changes)")
            #expect(changes.contains { $0.hasSuffix("/addresses/digitwinlive-lb-ip-prod/setLabels") }, "\(changes)")
            #expect(changes.filter { $0.contains("/forwardingRules/") && $0.hasSuffix("/setLabels") }.count == 2, "\(changes)")
            #expect(project.resource("compute.globalForwardingRules", "digitwinlive-prod-https-rule")?[path: "labels.team"]?.stringValue == "edge")
            let rules = project.resource("compute.securityPolicies", "digitwinlive-armor-prod")?["rules"]?.arrayValue ?? []
            #expect(rules.compactMap { $0["priority"]?.intValue } == [1000, 2000, 2_147_483_647])
            #expect(await project.plan(environment: "prod").output.contains("No changes"))
        }
    }

    /// A new domain is a new certificate (certificates are immutable): it is made first and
    /// the HTTPS proxy takes it, so HTTPS never stops; the old one is left for cleanup.
    @Test func aNewDomainMakesANewCertificateBeforeTheProxyLetsGoOfTheOld() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let old = try #require(project.names("compute.sslCertificates").first)
            project.editEnvironment("production") { $0.replacingOccurrences(of: "domain: app.example.com", with: "domain: www.example.com") }
            let plan = await project.plan(environment: "prod")
            #expect(plan.output.contains("+ create managed certificate digitwinlive-prod-cert-"), "\(plan.output)")
            #expect(plan.output.contains("~ update target HTTPS proxy digitwinlive-prod-https-proxy"), "\(plan.output)")
            #expect(plan.output.contains("~ update URL map digitwinlive-prod-urlmap"), "the host rule names the domain: \(plan.output)")
            #expect(await project.setup(environment: "prod").status == .success)
            let names = project.names("compute.sslCertificates")
            let new = try #require(names.subtracting([old]).first)
            let proxy = try #require(project.resource("compute.targetHttpsProxies", "digitwinlive-prod-https-proxy"))
            #expect(proxy["sslCertificates"]?.arrayValue?.compactMap(\.stringValue).map { $0.split(separator: "/").last.map(String.init) } == [new])
            #expect(names.contains(old), "the old certificate stays until cleanup")
            #expect(await project.plan(environment: "prod").output.contains("No changes"))
        }
    }

    /// A forwarding rule's address is fixed: naming another address is refused with what to
    /// do, rather than planned as nothing (the rules would stay on the old address).
    @Test func anotherAddressIsRefusedWithTheWayToMoveTheRules() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.editEnvironment("production") {
                $0.replacingOccurrences(of: "address: digitwinlive-lb-ip-{env}", with: "address: digitwinlive-lb-ip2-{env}")
            }
            let plan = await project.plan(environment: "prod")
            #expect(plan.output.contains("IPAddress: 34.") && plan.output.contains("→ the new address digitwinlive-lb-ip2-prod"), "\(plan.output)")
            #expect(plan.output.contains("gcpctl delete forwarding-rule digitwinlive-prod-https-rule"), "\(plan.output)")
            #expect(plan.status != .success)
        }
    }

    /// Development declares no edge: nothing of it is planned, and its services keep their ingress.
    @Test func developmentDeclaresNoEdge() async throws {
        let environment = try await loadEnvironment(Repository.environmentText("development"), variables: ["GCP_PROJECT_ID": "my-project-123"])
        #expect(environment.edge == nil)
        let edgeKinds = ResourceKinds.all.filter { $0.section == .edge }
        #expect(edgeKinds.count == 9)
        #expect(ResourceKinds.declared(for: environment).allSatisfy { $0.id.kind.section != .edge })
    }
}
