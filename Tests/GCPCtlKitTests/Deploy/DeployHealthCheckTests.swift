import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// Property 36 beyond a status the emulator sets: the service's URL answers a page of
/// several lines, or nothing answers at all. The services' URLs are sent elsewhere (see
/// `sendServiceURLs(to:)`); every API stays on the project's emulator.
@Suite struct DeployHealthCheckTests {
    @Test func aMultiLineAnswerIsReportedByItsFirstLineOnly() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            // An emulator that has no such service answers its URL with Google's two-line
            // 404 page: "Error: Page not found" / "The requested URL was not found …".
            try await withEmulator(EmulatedProject.configuration) { elsewhere in
                project.sendServiceURLs(to: elsewhere.baseURL)
                let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
                #expect(run.status == .operationFailed)
                #expect(run.diagnostics.contains("api-gateway failed its health check: GET https://api-gateway-"), "\(run.diagnostics)")
                #expect(run.diagnostics.contains(".us-central1.run.app/health answered 404: Error: Page not found, still after "))
                #expect(!run.diagnostics.contains("The requested URL was not found"), "only the first line")
                #expect(run.output.contains("failed"))
                let checks = elsewhere.requests().filter { $0.api == "run.app" }
                #expect(!checks.isEmpty && checks.allSatisfy { $0.url.hasSuffix("/health") && $0.status == 404 })
                #expect(project.emulator.requests().allSatisfy { $0.api != "run.app" })
                #expect(project.service("api-gateway") != nil, "deployed, then checked")
            }
        }
    }

    @Test func aURLThatDoesNotAnswerIsReportedAsSuchWithExit2() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            project.sendServiceURLs(to: "http://127.0.0.1:1")  // nothing listens there
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("api-gateway failed its health check: GET https://api-gateway-"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains(".us-central1.run.app/health did not answer (Could not connect to 127.0.0.1: "))
            #expect(run.diagnostics.contains("1 of 1 services failed: api-gateway"))
            #expect(project.emulator.requests().allSatisfy { $0.api != "run.app" })
            #expect(project.service("api-gateway") != nil, "deployed, then checked")
        }
    }
}

extension EmulatedProject {
    /// Keeps every Google API on this project's emulator (a `GCPCTL_ENDPOINT_<API>` each)
    /// and sends the services' own URLs, which follow `GCPCTL_API_ENDPOINT`, to `base`.
    func sendServiceURLs(to base: String) {
        let apis: [GoogleAPI] = [.serviceUsage, .resourceManager, .iam, .storage, .secretManager, .artifactRegistry, .sqlAdmin,
                                 .cloudBuild, .run, .monitoring, .container, .cloudBilling, .oauth2]
        for api in apis {
            extraEnvironment["GCPCTL_ENDPOINT_\(api.name.uppercased())"] = "\(emulator.baseURL)/\(api.name)/"
        }
        extraEnvironment["GCPCTL_API_ENDPOINT"] = base
    }
}
