import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// What deploy puts right or waits for on its own: a secret-access binding or a registry
/// taken away after setup, a service that is not healthy at once; and what it takes from
/// the environment file beyond the three example services.
@Suite struct DeployConvergenceTests {
    static let account = "digitwinlive-sa@demo-project.iam.gserviceaccount.com"

    /// The project's IAM policy without `member` in `role`'s binding (an empty binding removed).
    static func revoke(_ role: String, from member: String, in project: EmulatedProject) -> Bool {
        project.emulator.updateResource(project: EmulatedProject.project, collection: EmulatorCollections.iamPolicies,
                                        name: "projects/\(EmulatedProject.project)") { policy in
            let bindings = (policy["bindings"]?.arrayValue ?? []).compactMap { binding -> GCPEmulator.JSONValue? in
                guard binding["role"]?.stringValue == role else { return binding }
                var kept = binding
                let members = (binding["members"]?.arrayValue ?? []).filter { $0.stringValue != member }
                kept["members"] = .array(members)
                return members.isEmpty ? nil : kept
            }
            policy["bindings"] = .array(bindings)
        }
    }

    @Test func aSecretAccessBindingRemovedAfterSetupIsGrantedAgainOnceAndThenLeftAlone() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let member = "serviceAccount:\(Self.account)"
            let granted = project.roleBindings(of: member)
            #expect(granted.contains(Preflight.secretAccessorRole), "setup grants it at project level: \(granted)")
            #expect(Self.revoke(Preflight.secretAccessorRole, from: member, in: project))
            #expect(!project.roleBindings(of: member).contains(Preflight.secretAccessorRole))
            project.emulator.clearRequests()

            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("granted roles/secretmanager.secretAccessor to \(Self.account), so the services can read their secrets"))
            #expect(Set(project.roleBindings(of: member)) == Set(granted), "the role is back and the others kept")
            let writes = project.emulator.requests(methodID: "cloudresourcemanager.projects.setIamPolicy")
            #expect(writes.count == 1)

            project.emulator.clearRequests()
            let second = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(second.status == .success, "\(second.diagnostics)")
            let iamWrites = project.mutatingRequests.filter { $0.methodID?.hasSuffix("setIamPolicy") == true }
            #expect(iamWrites.isEmpty, "no IAM write: \(iamWrites.map(\.url))")
            #expect(project.emulator.requests(methodID: "cloudresourcemanager.projects.getIamPolicy").count == 1, "it looked")
            #expect(!second.diagnostics.contains("granted roles/secretmanager.secretAccessor"))
        }
    }

    @Test func aRepositoryDeletedAfterSetupIsCreatedAgainAndTheDeploySucceeds() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let context = try await project.resourceContext()
            try await ArtifactRepository(context.environment.artifactRegistry, labels: context.environment.labels).delete(in: context)
            let name = "projects/\(EmulatedProject.project)/locations/us-central1/repositories/digitwinlive"
            #expect(project.resource(EmulatorCollections.repositories, name) == nil)
            project.emulator.clearRequests()

            let run = await project.deploy(DeployOptions(services: ["websocket-server"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("created Artifact Registry repository digitwinlive in us-central1"))
            #expect(project.emulator.requests(methodID: "artifactregistry.projects.locations.repositories.create").count == 1)
            let creates = project.emulator.requests().map(\.methodID)
            let created = try #require(creates.firstIndex(of: "artifactregistry.projects.locations.repositories.create"))
            let built = try #require(creates.firstIndex(of: "cloudbuild.projects.locations.builds.create"))
            #expect(created < built, "the repository is there before the build pushes to it")

            let repository = try #require(project.resource(EmulatorCollections.repositories, name))
            #expect(repository["format"]?.stringValue == "DOCKER")
            #expect(repository["labels"]?[Environment.managedByLabel.key]?.stringValue == Environment.managedByLabel.value)
            #expect(project.dockerImages.contains { $0["uri"]?.stringValue?.hasPrefix("\(DeployTests.repository)/websocket-server@sha256:") == true })
            #expect(project.service("websocket-server")?["latestReadyRevision"] != nil)
        }
    }

    @Test func aHealthCheckThatFailsAtFirstIsRepeatedUntilItAnswers200() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            // Still starting: the first three GETs answer 503.
            project.emulator.setServiceHealth(service: "face-processing-service", status: 503, times: 3)
            let patient = HealthCheck(timeout: .seconds(120))
            let run = await project.deploy(DeployOptions(services: ["face-processing-service"], healthCheck: patient))
            #expect(run.status == .success, "\(run.diagnostics)")
            let checks = project.emulator.requests().filter { $0.api == "run.app" && $0.url.contains("/face-processing-service-") }
            #expect(checks.map(\.status) == [503, 503, 503, 200])
            #expect(checks.allSatisfy { $0.url.hasSuffix("/health") })
            #expect(run.diagnostics.contains("face-processing-service: https://face-processing-service-"))
            #expect(run.diagnostics.contains(".run.app/health answered 200"))
            #expect(!run.diagnostics.contains("failed its health check"))
        }
    }

    @Test func theTimeoutPortAndServiceAccountOfTheEnvironmentFileAreWhatTheServiceRunsWith() async throws {
        try await withEmulatedProject { project in
            project.editEnvironment { text in
                text.replacingOccurrences(of: "serviceAccount:\n  id: digitwinlive-sa\n", with: "serviceAccount:\n  id: gateway-runtime\n")
                    .replacingOccurrences(of: "    source: examples/api-gateway\n    dockerfile: Dockerfile\n    port: 8080\n",
                                          with: "    source: examples/api-gateway\n    dockerfile: Dockerfile\n    port: 9000\n")
                    .replacingOccurrences(of: "    timeoutSeconds: 300\n    public: true\n    cloudSQL: true\n    env:\n      NODE_ENV: development\n      LOG_LEVEL: debug\n    secrets:\n      JWT_SECRET: jwt-secret\n      REFRESH_SECRET",
                                          with: "    timeoutSeconds: 120\n    public: true\n    cloudSQL: true\n    env:\n      NODE_ENV: development\n      LOG_LEVEL: debug\n    secrets:\n      JWT_SECRET: jwt-secret\n      REFRESH_SECRET")
            }
            let run = await project.setUpAndDeploy(["api-gateway", "websocket-server"])
            #expect(run.status == .success, "\(run.diagnostics)")

            let gateway = try #require(project.service("api-gateway"))
            #expect(gateway[path: "template.timeout"]?.stringValue == "120s")
            #expect(gateway[path: "template.containers"]?.arrayValue?.first?["ports"]?.arrayValue?.first?["containerPort"]?.intValue == 9000)
            #expect(gateway[path: "template.serviceAccount"]?.stringValue == "gateway-runtime@demo-project.iam.gserviceaccount.com")
            // The other service keeps the values it declares.
            let websocket = try #require(project.service("websocket-server"))
            #expect(websocket[path: "template.timeout"]?.stringValue == "300s")
            #expect(websocket[path: "template.containers"]?.arrayValue?.first?["ports"]?.arrayValue?.first?["containerPort"]?.intValue == 8080)
            #expect(websocket[path: "template.serviceAccount"]?.stringValue == "gateway-runtime@demo-project.iam.gserviceaccount.com")
            #expect(project.resource(EmulatorCollections.serviceAccounts, "gateway-runtime@demo-project.iam.gserviceaccount.com") != nil)
        }
    }

    /// A service of the user's own, declared in the environment file only, with its folder
    /// and Dockerfile: built, deployed, checked, its URL written and given to the others.
    @Test func aFourthServiceDeclaredOnlyInTheEnvironmentFileDeploysEndToEnd() async throws {
        try await withEmulatedProject { project in
            project.directory.write("services/billing-worker/Dockerfile", """
                FROM python:3.12-slim AS build
                WORKDIR /app
                COPY app ./app
                RUN python -m compileall app

                FROM python:3.12-slim
                WORKDIR /app
                COPY --from=build /app /app
                EXPOSE 8080
                CMD ["python", "app/main.py"]

                """)
            project.directory.write("services/billing-worker/app/main.py", "print('billing worker')\n")
            project.editEnvironment { text in
                text.replacingOccurrences(of: "\n# Expected monthly usage", with: """
                      billing-worker:
                        source: services/billing-worker
                        memory: 256Mi
                        maxInstances: 2
                        public: true
                        env:
                          QUEUE: invoices
                        secrets:
                          JWT_SECRET: jwt-secret

                    # Expected monthly usage
                    """)
            }
            let run = await project.setUpAndDeploy()
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.output.contains("✅ Deployed 4 services to development"), "\(run.output)")

            let image = try #require(project.dockerImages.first { $0["uri"]?.stringValue?.hasPrefix("\(DeployTests.repository)/billing-worker@sha256:") == true })
            #expect(image["tags"]?.arrayValue?.contains("latest") == true)
            let service = try #require(project.service("billing-worker"))
            #expect(service[path: "template.containers"]?.arrayValue?.first?["image"] == image["uri"])
            #expect(service[path: "template.containers"]?.arrayValue?.first?[path: "resources.limits.memory"]?.stringValue == "256Mi")
            let env = project.deployedEnv("billing-worker")
            #expect(env["QUEUE"] == "invoices")
            #expect(env["JWT_SECRET"] == "secret jwt-secret:latest")
            #expect(env["API_GATEWAY_URL"] == project.serviceURL("api-gateway"))
            let url = try #require(project.serviceURL("billing-worker"))
            #expect(project.deployedEnv("api-gateway")["BILLING_WORKER_URL"] == url, "the others know its URL from the first deploy")
            #expect(project.emulator.requests().contains { $0.api == "run.app" && $0.url.contains("/billing-worker-") && $0.status == 200 })
            #expect(project.envFileText()?.contains("\nBILLING_WORKER_URL=\(url)\n") == true, "\(project.envFileText() ?? "")")
        }
    }
}
