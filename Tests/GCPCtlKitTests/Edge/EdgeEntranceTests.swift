import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// Behind production's edge a service takes internal and load-balancer traffic only: its
/// run.app URL answers the internet 404, so deploy, status and the uptime checks reach it
/// through the edge's domain, once Google has provisioned the domain's certificate.
@Suite struct EdgeEntranceTests {
    static let certificate = "digitwinlive-prod-cert-46c94b"

    func activateCertificate(_ project: EmulatedProject) {
        #expect(project.emulator.setCertificateStatus(project: EmulatedProject.project, name: Self.certificate, status: "ACTIVE"))
    }

    @Test func deployChecksThroughTheDomainOnceTheCertificateIsActive() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy(environment: "prod").status == .success)
            activateCertificate(project)
            project.emulator.clearRequests()
            let run = await project.deploy(DeployOptions(services: ["websocket-server"], healthCheck: quickHealthCheck), environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("websocket-server: https://app.example.com/ws/health answered 200"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("websocket-server: uptime check websocket-server-health-prod enabled"), "\(run.diagnostics)")
            let entered = project.emulator.requests().filter { $0.url.contains("/lb/app.example.com/ws/health") }
            #expect(!entered.isEmpty && entered.allSatisfy { $0.status == 200 }, "through the load balancer")
            #expect(project.service("websocket-server")?["ingress"]?.stringValue == "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER")
            let direct = try await project.anonymousHealth("websocket-server")
            #expect(direct == 404, "run.app refuses the internet")
        }
    }

    /// Without the edge (its section removed), the next deploy opens run.app again.
    @Test func leavingTheEdgeOpensRunAppAgain() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy(environment: "prod").status == .success)
            #expect(await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck), environment: "prod").status == .success)
            #expect(project.service("api-gateway")?["ingress"]?.stringValue == "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER")
            project.editEnvironment("production") { text in
                String(text[..<text.range(of: "# The external HTTPS load balancer")!.lowerBound])
            }
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck), environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.service("api-gateway")?["ingress"]?.stringValue == "INGRESS_TRAFFIC_ALL")
            let direct = try await project.anonymousHealth("api-gateway")
            #expect(direct == 200)
        }
    }

    @Test func beforeTheCertificateIsActiveDeploySaysWhyItDidNotCheck() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy(environment: "prod").status == .success)
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck), environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("api-gateway was not checked: it takes traffic only through the edge, and the certificate for app.example.com is PROVISIONING"),
                    "\(run.diagnostics)")
            #expect(!project.emulator.requests().contains { $0.url.contains("/run.app/") }, "nothing asks run.app, which would answer 404")
        }
    }

    /// Status probes through the domain too, and the uptime checks see what the domain serves.
    @Test func statusAndTheUptimeChecksGoThroughTheDomain() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy(environment: "prod").status == .success)
            activateCertificate(project)
            #expect(await project.deploy(DeployOptions(healthCheck: quickHealthCheck), environment: "prod").status == .success)
            let status = await project.status(environment: "prod")
            let lines = status.output.split(separator: "\n").map(String.init)
            let gateway = try #require(lines.first { $0.hasPrefix("api-gateway ") }, "\(status.output)")
            #expect(gateway.contains("200 OK"), "\(gateway)")
            let check = try #require(lines.first { $0.hasPrefix("websocket-server-health-prod ") }, "\(status.output)")
            #expect(check.contains("passing from all 6 locations") && check.contains(" ok "), "\(check)")
            #expect(project.emulator.requests().contains { $0.url.contains("/lb/app.example.com/health") && $0.status == 200 })
        }
    }

    @Test func theEmulatorRouteOfAURL() {
        let endpoints = Endpoints(apiEndpoint: "http://127.0.0.1:9")
        #expect(endpoints.serviceURL("https://app.example.com/ws", path: "/health") == "http://127.0.0.1:9/lb/app.example.com/ws/health")
        #expect(endpoints.serviceURL("https://api-1.us-central1.run.app", path: "/health") == "http://127.0.0.1:9/run.app/api-1.us-central1.run.app/health")
        #expect(Endpoints(apiEndpoint: nil).serviceURL("https://app.example.com/ws", path: "health") == "https://app.example.com/ws/health")
    }
}
