import Foundation
import GCPEmulator
import Testing
@testable import GCPCtlKit

/// What deploy does when something is wrong: a clear message, exit 2 for a failed
/// operation or 1 for configuration, and nothing changed beyond what it says.
@Suite struct DeployFailureTests {
    /// Every build's step fails (a FAILURE: deploy reports it once, without building again).
    static let failBuild = FaultRule(methodID: "cloudbuild.projects.locations.builds.create",
                                     action: .failOperation(message: "step exited with non-zero status: 1"), times: 0)

    @Test func aFailedBuildStopsThatServiceWithTheBuildsReasonAndExit2() async throws {
        try await withEmulatedProject { project in
            let run = await project.deployWithFailingBuilds("api-gateway")
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("building api-gateway failed: FAILURE: Build step failure"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("Nothing of api-gateway was deployed"))
            #expect(project.service("api-gateway") == nil, "no deploy after a failed build")
            // Reads of the services (whose they are, before building) are fine; no change.
            #expect(project.emulator.requests().allSatisfy { !$0.mutating || !($0.methodID ?? "").hasPrefix("run.") })
            #expect(project.envFileText() == nil, "no URL written")
            #expect(run.diagnostics.contains("1 of 1 services failed: api-gateway"))
        }
    }

    @Test func oneFailedBuildLeavesTheOtherServicesDeployed() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            // Two services built already: only the third one builds, and fails.
            #expect(await project.deploy(DeployOptions(services: ["api-gateway", "websocket-server"], healthCheck: quickHealthCheck)).status == .success)
            project.emulator.inject(Self.failBuild)
            let run = await project.deploy()
            #expect(run.status == .operationFailed)
            let deployed = EmulatedProject.services.filter { project.service($0) != nil }
            #expect(deployed.count == 2, "\(run.diagnostics)")
            let envFile = project.envFileText() ?? ""
            #expect(deployed.allSatisfy { envFile.contains(ServiceURLs.variableName(for: $0) + "=https://") })
            #expect(run.diagnostics.contains("1 of 3 services failed"))
            #expect(run.diagnostics.contains("the others were deployed"))
        }
    }

    @Test func aFailingHealthCheckIsReportedWithStatusAndFirstLine() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            project.emulator.setRunHealth(service: "api-gateway", status: 500)
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .operationFailed)
            let revision = try #require(project.service("api-gateway")?["latestReadyRevision"]?.stringValue)
            #expect(run.diagnostics.contains("api-gateway failed its health check: GET https://api-gateway-"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("/health answered 500: {\"revision\":\"\(revision)\""))
            #expect(run.diagnostics.contains("The new revision serves all traffic; gcpctl rollback api-gateway returns to the previous one"))
            #expect(run.output.contains("failed"))
        }
    }

    @Test func rollbackOnFailureReturnsTrafficToTheRevisionThatServedBefore() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck)).status == .success)
            let good = try #require(project.service("api-gateway")?["latestReadyRevision"]?.stringValue)
            project.directory.write("examples/api-gateway/src/broken.js", "throw new Error('no')\n")
            project.emulator.setRunHealth(service: "api-gateway", status: 503)

            let run = await project.deploy(DeployOptions(services: ["api-gateway"], rollbackOnFailure: true, healthCheck: quickHealthCheck))
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("Rolled back: all traffic is on \(good) again"), "\(run.diagnostics)")
            let traffic = project.service("api-gateway")?["traffic"]?.arrayValue ?? []
            #expect(traffic.count == 1)
            #expect(traffic.first?["revision"]?.stringValue == good)
            #expect(traffic.first?["percent"]?.intValue == 100)
            #expect(project.service("api-gateway")?["latestReadyRevision"]?.stringValue != good, "the new revision exists, without traffic")
        }
    }

    @Test func rollbackOnFailureOfAFirstDeploySaysThereIsNothingToReturnTo() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            project.emulator.setRunHealth(service: "websocket-server", status: 500)
            let run = await project.deploy(DeployOptions(services: ["websocket-server"], rollbackOnFailure: true, healthCheck: quickHealthCheck))
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("Nothing to roll back to: no earlier revision served websocket-server"))
        }
    }

    /// A service's Dockerfile or whole source folder gone: preflight names the service and
    /// what is missing, exits 1, and sends no request at all.
    @Test(arguments: [
        ("examples/websocket-server/Dockerfile",
         "websocket-server: no Dockerfile at examples/websocket-server/Dockerfile; add one or fix services.websocket-server.dockerfile"),
        ("examples/face-processing-service",
         "face-processing-service: the source folder examples/face-processing-service does not exist; fix services.face-processing-service.source"),
    ])
    func aMissingDockerfileOrSourceFolderStopsEverythingBeforeAnyRequest(removed: String, problem: String) async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            try FileManager.default.removeItem(at: project.directory.url.appendingPathComponent(removed))
            project.emulator.clearRequests()
            let run = await project.deploy()
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("❌ \(problem). Nothing was changed"), "\(run.diagnostics)")
            #expect(project.emulator.requests().isEmpty, "stopped before any request")
            #expect(EmulatedProject.services.allSatisfy { project.service($0) == nil })
        }
    }

    @Test func aMissingRequiredVariableNamesItAndChangesNothing() async throws {
        try await withEmulatedProject { project in
            project.copyExamples()
            project.extraEnvironment = ["GCP_PROJECT_ID": ""]
            let run = await project.deploy()
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("GCP_PROJECT_ID"), "\(run.diagnostics)")
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    @Test func aProjectWithoutSetupPointsAtSetup() async throws {
        try await withEmulatedProject { project in
            project.copyExamples()
            let run = await project.deploy()
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("the APIs run.googleapis.com, cloudbuild.googleapis.com, artifactregistry.googleapis.com"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("are not enabled in demo-project; run gcpctl setup --env=dev first"))
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    @Test func aMissingSecretOrServiceAccountPointsAtSetup() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let context = try await project.resourceContext()
            try await context.secretManager.deleteSecret(project: EmulatedProject.project, id: "jwt-secret")
            try await context.iam.deleteServiceAccount(project: EmulatedProject.project, email: context.environment.serviceAccount.email)
            project.emulator.clearRequests()
            let run = await project.deploy()
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("the runtime service account digitwinlive-sa@demo-project.iam.gserviceaccount.com does not exist; run gcpctl setup --env=dev first"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("the secret jwt-secret does not exist in Secret Manager; run gcpctl setup --env=dev first"))
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    @Test func anUnknownServiceNameSuggestsTheClosest() async throws {
        try await withEmulatedProject { project in
            project.copyExamples()
            let run = await project.deploy(DeployOptions(services: ["api-gatway"]))
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("'api-gatway' is not a service of development; its services are api-gateway, websocket-server, face-processing-service. Did you mean 'api-gateway'?"), "\(run.diagnostics)")
            #expect(project.emulator.requests().isEmpty)
        }
    }

    @Test func aRevisionThatCannotStartIsReportedWithCloudRunsReason() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            // The revision and the one deploy tries once more both fail.
            for method in ["run.projects.locations.services.create", "run.projects.locations.services.patch"] {
                project.emulator.inject(FaultRule(methodID: method,
                                                  action: .failOperation(message: "The user-provided container failed to start and listen on the port defined provided by the PORT=8080 environment variable.")))
            }
            let run = await project.deploy(DeployOptions(services: ["face-processing-service"], healthCheck: quickHealthCheck))
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("Cloud Run could not make revision face-processing-service-00001-"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("failed to start and listen on the port"))
            #expect(project.envFileText() == nil)
        }
    }
}

@Suite struct DeployInterruptionTests {
    @Test func anInterruptedDeploySaysTheBuildGoesOnAndTheNextDeployPicksUp() async throws {
        // Long, but within the build's 20-minute timeout.
        try await withEmulatedProject({ $0.operationSeconds = ["build": 1000] }) { project in
            #expect(await project.prepareForDeploy().status == .success)
            let interrupts = InterruptMonitor()
            let emulator = project.emulator
            let polled = emulator.whenReceived({ $0.methodID == "cloudbuild.projects.locations.builds.get" }) {
                interrupts.interrupt(signal: SIGINT)
            }
            let run = await project.run("deploy", settings: GlobalSettings(environment: "dev", assumeYes: true),
                                        interrupts: interrupts) { context, connector in
                try await DeployWorkflow(DeployOptions(services: ["face-processing-service"], healthCheck: quickHealthCheck))
                    .run(context, connector: connector)
            }
            #expect(await polled.value, "deploy never polled its build")
            #expect(run.status == .interrupted)
            #expect(run.diagnostics.contains("face-processing-service: interrupted; its build"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("continues on Google's side"))
            #expect(project.service("face-processing-service") == nil)

            project.emulator.advanceClock(seconds: 1001)
            let second = await project.deploy(DeployOptions(services: ["face-processing-service"], healthCheck: quickHealthCheck))
            #expect(second.status == .success, "\(second.diagnostics)")
            #expect(second.diagnostics.contains("source unchanged"), "the finished build's image is used")
            #expect(project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").count == 1)
        }
    }
}
