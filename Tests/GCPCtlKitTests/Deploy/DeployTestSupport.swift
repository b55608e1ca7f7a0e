import Foundation
import GCPEmulator
import TestSupport
@testable import GCPCtlKit

extension EmulatedProject {
    static let services = ["api-gateway", "websocket-server", "face-processing-service"]

    /// Copies the repository's examples/ into the scratch directory, as the environment
    /// files' `source:` folders expect.
    func copyExamples() {
        let source = Repository.root.appendingPathComponent("examples")
        let target = directory.url.appendingPathComponent("examples")
        if !FileManager.default.fileExists(atPath: target.path) {
            try! FileManager.default.copyItem(at: source, to: target)
        }
    }

    /// Setup, then the examples in place: a project ready to deploy to.
    func prepareForDeploy(environment: String = "dev") async -> Run {
        copyExamples()
        return await setup(environment: environment)
    }

    func deploy(_ options: DeployOptions = DeployOptions(healthCheck: HealthCheck(timeout: .milliseconds(300))),
                environment: String = "dev", yes: Bool = true, format: OutputFormat = .text,
                interrupts: InterruptMonitor = InterruptMonitor()) async -> Run {
        await run("deploy", settings: GlobalSettings(environment: environment, assumeYes: yes, format: format),
                  interrupts: interrupts) { context, connector in
            try await DeployWorkflow(options).run(context, connector: connector)
        }
    }

    /// Setup, then a deploy of `service` while every build's step fails (one build, reported once).
    func deployWithFailingBuilds(_ service: String) async -> Run {
        let setup = await prepareForDeploy()
        guard setup.status == .success else { return setup }
        emulator.inject(DeployFailureTests.failBuild)
        return await deploy(DeployOptions(services: [service], healthCheck: quickHealthCheck))
    }

    /// A stored Cloud Run service, by id.
    func service(_ id: String, region: String = "us-central1") -> GCPEmulator.JSONValue? {
        resource("run.services", "projects/\(EmulatedProject.project)/locations/\(region)/services/\(id)")
    }

    /// A deployed service's deterministic URL (`https://SERVICE-NUMBER.REGION.run.app`):
    /// the first of its `urls`, since its `uri` is the hash-based one, as Google answers.
    func serviceURL(_ id: String, region: String = "us-central1") -> String? {
        service(id, region: region)?["urls"]?.arrayValue?.first?.stringValue
    }

    /// The members holding roles/run.invoker on a service.
    func invokers(_ service: String, region: String = "us-central1") -> [String] {
        let policy = resource("iam.policies", "projects/\(EmulatedProject.project)/locations/\(region)/services/\(service)")
        return policy?["bindings"]?.arrayValue?.filter { $0["role"] == "roles/run.invoker" }
            .flatMap { $0["members"]?.arrayValue?.compactMap(\.stringValue) ?? [] } ?? []
    }

    /// What the service's deterministic URL answers to a GET /health without credentials.
    func anonymousHealth(_ service: String) async throws -> Int? {
        guard let url = serviceURL(service) else { return nil }
        let host = url.dropFirst("https://".count)
        return try await RawHTTPClient(port: emulator.port, token: nil).get("/run.app/\(host)/health").status
    }

    /// Every stored Docker image.
    var dockerImages: [GCPEmulator.JSONValue] {
        emulator.state(project: EmulatedProject.project)?["resources"]?["artifactregistry.dockerImages"]?.objectValue.map { Array($0.values) } ?? []
    }

    /// Every stored Cloud Build build.
    var builds: [GCPEmulator.JSONValue] {
        emulator.state(project: EmulatedProject.project)?["resources"]?[EmulatorCollections.builds]?.objectValue.map { Array($0.values) } ?? []
    }

    func envFileText(_ name: String = ".env.development") -> String? {
        try? String(contentsOf: directory.url.appendingPathComponent(name), encoding: .utf8)
    }
}

/// A health check that gives up quickly: the emulator answers at once or never.
let quickHealthCheck = HealthCheck(timeout: .milliseconds(300))

extension EmulatedProject {
    /// The stored service's first container's variables: plain values as they are,
    /// secrets as `secret ID:VERSION`.
    func deployedEnv(_ service: String, region: String = "us-central1") -> [String: String] {
        let env = self.service(service, region: region)?[path: "template.containers"]?.arrayValue?.first?["env"]?.arrayValue ?? []
        var result: [String: String] = [:]
        for variable in env {
            guard let name = variable["name"]?.stringValue else { continue }
            if let reference = variable[path: "valueSource.secretKeyRef"] {
                result[name] = "secret \(reference["secret"]?.stringValue ?? ""):\(reference["version"]?.stringValue ?? "")"
            } else {
                result[name] = variable["value"]?.stringValue ?? ""
            }
        }
        return result
    }

    /// Setup, then deploy `services` (all when empty); the deploy's run.
    func setUpAndDeploy(_ services: [String] = [], options: DeployOptions? = nil, environment: String = "dev") async -> Run {
        let setup = await prepareForDeploy(environment: environment)
        guard setup.status == .success else { return setup }
        return await deploy(options ?? DeployOptions(services: services, healthCheck: quickHealthCheck), environment: environment)
    }
}
