import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 22 point 4 after setup: status's edge section (the certificate's state, the address
/// DNS must point at), cleanup in Google's order, cost lines, and the services' ingress.
@Suite struct EdgeOperationsTests {
    @Test func statusShowsTheAddressToPointDNSAtUntilTheCertificateIsActive() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let ip = try #require(project.resource("compute.globalAddresses", "digitwinlive-lb-ip-prod")?["address"]?.stringValue)
            let provisioning = await project.status(environment: "prod")
            #expect(provisioning.output.contains("Edge"), "\(provisioning.output)")
            #expect(provisioning.output.contains("A app.example.com → \(ip)"), "\(provisioning.output)")
            #expect(provisioning.output.contains("not serving HTTPS yet (PROVISIONING): point the DNS A record of app.example.com at \(ip)"),
                    "\(provisioning.output)")

            let certificate = try #require(project.names("compute.sslCertificates").first)
            #expect(project.emulator.setCertificateStatus(project: EmulatedProject.project, name: certificate, status: "ACTIVE"))
            let active = await project.status(environment: "prod")
            #expect(!active.output.contains("not serving HTTPS yet"), "\(active.output)")
            #expect(active.output.contains("app.example.com ACTIVE"), "\(active.output)")

            #expect(project.emulator.setCertificateStatus(project: EmulatedProject.project, name: certificate, status: "PROVISIONING",
                                                          domainStatus: ["app.example.com": "FAILED_NOT_VISIBLE"]))
            let failed = await project.status(environment: "prod")
            #expect(failed.output.contains("app.example.com FAILED_NOT_VISIBLE"), "\(failed.output)")
        }
    }

    /// Drift: a rule someone added by hand shows as a change of the policy.
    @Test func statusShowsDriftInTheSecurityPolicy() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let context = try await project.resourceContext(environment: "prod")
            let rule = ComputeAPI.SecurityPolicyRule(priority: 500, description: nil, action: "deny(403)",
                                                     match: .init(versionedExpr: "SRC_IPS_V1", config: .init(srcIpRanges: ["198.51.100.0/24"])))
            _ = try await context.compute.addSecurityPolicyRule(project: EmulatedProject.project, policy: "digitwinlive-armor-prod", rule)
            let status = await project.status(environment: "prod")
            #expect(status.output.contains("rules[500]"), "\(status.output)")
            #expect(status.status == .unhealthy)
        }
    }

    /// A proxy pointed at another URL map by hand is drift, and setup points it back with
    /// `setUrlMap` (whose path has no `/global/`).
    @Test func setupPutsBackAProxyPointedElsewhere() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let context = try await project.resourceContext(environment: "prod")
            _ = try await context.compute.setURLMap(.https, project: EmulatedProject.project, proxy: "digitwinlive-prod-https-proxy",
                                                    urlMap: "projects/\(EmulatedProject.project)/global/urlMaps/digitwinlive-prod-redirect")
            let status = await project.status(environment: "prod")
            #expect(status.output.contains("urlMap: digitwinlive-prod-redirect → digitwinlive-prod-urlmap"), "\(status.output)")
            project.emulator.clearRequests()
            #expect(await project.setup(environment: "prod").status == .success)
            #expect(project.mutatingRequests.map(\.url).contains { $0.contains("/projects/demo-project/targetHttpsProxies/digitwinlive-prod-https-proxy/setUrlMap") })
            let proxy = try #require(project.resource("compute.targetHttpsProxies", "digitwinlive-prod-https-proxy"))
            #expect(proxy["urlMap"]?.stringValue?.hasSuffix("/urlMaps/digitwinlive-prod-urlmap") == true)
        }
    }

    /// Forwarding rules first, then the proxies, then the URL maps and the certificate, then
    /// the backend services, and only then the NEGs and the policy; the address after the rules.
    @Test func cleanupDeletesTheEdgeInGooglesOrder() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.emulator.clearRequests()
            let run = await project.cleanupAll(environment: "prod", deleteProtected: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            // The edge's own: not the private network's (its network, subnet and range).
            let deletes = project.emulator.requests().filter { $0.method == "DELETE" && $0.url.contains("/compute/") }.map(\.url)
                .filter { !$0.contains("/networks/") && !$0.contains("/subnetworks/") && !$0.contains("-psa-") }
            func first(_ collection: String) -> Int { deletes.firstIndex { $0.contains("/\(collection)/") } ?? -1 }
            func last(_ collection: String) -> Int { deletes.lastIndex { $0.contains("/\(collection)/") } ?? Int.max }
            #expect(deletes.count == 15, "\(deletes)")
            #expect(last("forwardingRules") < first("targetHttpsProxies") && last("forwardingRules") < first("targetHttpProxies"))
            #expect(last("forwardingRules") < first("addresses"))
            #expect(last("targetHttpsProxies") < first("urlMaps") && last("targetHttpProxies") < first("urlMaps"))
            #expect(last("targetHttpsProxies") < first("sslCertificates"))
            #expect(last("urlMaps") < first("backendServices"))
            #expect(last("backendServices") < first("networkEndpointGroups") && last("backendServices") < first("securityPolicies"))
            for collection in ["compute.globalForwardingRules", "compute.targetHttpsProxies", "compute.targetHttpProxies", "compute.urlMaps",
                               "compute.sslCertificates", "compute.backendServices", "compute.networkEndpointGroups",
                               "compute.securityPolicies", "compute.globalAddresses"] {
                #expect(project.names(collection).isEmpty, "\(collection)")
            }
        }
    }

    /// What another environment made (its description names it) is not this one's.
    @Test func ownershipOfLabelLessComputeResourcesComesFromTheDescription() async throws {
        let environment = try await loadEnvironment(Repository.environmentText("development"), variables: ["GCP_PROJECT_ID": "my-project-123"])
        #expect(Ownership.of(.described("Managed by gcpctl for dev"), in: environment, projectNumber: nil) == .environment)
        #expect(Ownership.of(.described("Managed by gcpctl for prod"), in: environment, projectNumber: nil) == .otherEnvironment("prod"))
        #expect(Ownership.of(.described("made by hand"), in: environment, projectNumber: nil) == .unmanaged)
        #expect(Ownership.of(.described(nil), in: environment, projectNumber: nil) == .unmanaged)
        #expect(Ownership.description(for: environment) == "Managed by gcpctl for dev")
    }

    /// `gcpctl delete backend-service NAME` refuses what another environment made.
    @Test func deleteRefusesAnotherEnvironmentsBackendService() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let run = await project.run("delete", settings: GlobalSettings(environment: "dev", assumeYes: true)) { context, connector in
                try await DeleteWorkflow(kind: .backendService, name: "api-gateway-backend-prod").run(context, connector: connector)
            }
            #expect(run.status != .success)
            #expect(project.resource("compute.backendServices", "api-gateway-backend-prod") != nil)
        }
    }

    @Test func costHasTheLoadBalancerAndCloudArmorLines() async throws {
        try await withEmulatedProject { project in
            let run = await CostRun.run(CostWorkflow(mode: .offline), in: project, settings: GlobalSettings(environment: "prod", format: .json))
            #expect(run.status == .success, "\(run.diagnostics)")
            let estimate = try run.document(CostEstimate.self)
            let edge = try #require(estimate.resources.first { $0.key == "edge" })
            #expect(edge.lines.map(\.item) == ["forwarding rules", "data processed"])
            #expect(edge.monthlyCost == CostFixture.decimal("19.85"), "730 h × $0.025 + 200 GiB × $0.008")
            let armor = try #require(estimate.resources.first { $0.key == "armor" })
            #expect(armor.lines.map(\.item) == ["policy", "rules", "requests"])
            #expect(armor.monthlyCost == CostFixture.decimal("12.75"), "$5 + 4 rules × $1 + 5M requests × $0.75")
        }
    }

    /// Services behind the edge take traffic from the load balancer only.
    @Test func servicesBehindTheEdgeTakeInternalAndCloudLoadBalancingIngress() async throws {
        let directory = ScratchDirectory()
        for name in ["development", "staging", "production"] {
            directory.write("environments/\(name).yaml", Repository.environmentText(name))
        }
        let environment = try await directory.loader(["GCP_PROJECT_ID": "my-project-123"]).load(EnvironmentRequest(name: "prod"))
        let service = try #require(environment.service(named: "api-gateway"))
        let spec = ServiceSpec.service(service, environment: environment, image: "image", variables: ServiceVariables(service: service, environment: environment, urls: ServiceURLs(projectNumber: "123", region: environment.region)), traffic: [])
        #expect(spec.ingress == "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER")
        var observed = spec
        observed.ingress = "INGRESS_TRAFFIC_ALL"
        #expect(ServiceDifferences.changes(observed: observed, desired: spec).map(\.field) == ["ingress"])
    }

    @Test func edgeMistakesAreReportedOneALine() async throws {
        let yaml = Repository.environmentText("development") + """

        edge:
          domain: "*.example.com"
          routes:
            default: api-gatewya
            "ws/*": websocket-server
          armor:
            rateLimit: {count: 0, intervalSec: 45}
            waf: [xss-v99]
            allow: [300.1.1.1/8]
        """
        let error = await loadingError(yaml, variables: ["GCP_PROJECT_ID": "my-project-123"])
        let text = "\(try #require(error))"
        #expect(text.contains("edge.domain"), "\(text)")
        #expect(text.contains("'api-gatewya' is not one of this environment's services"), "\(text)")
        #expect(text.contains("did you mean 'api-gateway'"), "\(text)")
        #expect(text.contains("the route 'ws/*' must start with /"), "\(text)")
        #expect(text.contains("must be at least 1 request"), "\(text)")
        #expect(text.contains("45 is not a window Cloud Armor counts over"), "\(text)")
        #expect(text.contains("'xss-v99' is not a valid preconfigured WAF rule"), "\(text)")
        #expect(text.contains("'300.1.1.1/8' is not an IPv4 address or range"), "\(text)")
    }
}
