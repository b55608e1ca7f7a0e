import Foundation
import GCPEmulator
import Testing
@testable import GCPCtlKit

/// The safe rollout of gcp-backend-terraform.md's CI, end to end: deploy with no traffic,
/// check the new revision at its tag URL, then promote it or roll back.
@Suite struct TrafficTests {
    static let settings = GlobalSettings(environment: "dev", assumeYes: true)

    func promote(_ project: EmulatedProject, _ workflow: PromoteWorkflow) async -> EmulatedProject.Run {
        await project.run("promote", settings: Self.settings) { context, connector in try await workflow.run(context, connector: connector) }
    }

    func rollback(_ project: EmulatedProject, _ workflow: RollbackWorkflow) async -> EmulatedProject.Run {
        await project.run("rollback", settings: Self.settings) { context, connector in try await workflow.run(context, connector: connector) }
    }

    func traffic(_ project: EmulatedProject, _ service: String = "api-gateway") -> [String] {
        (project.service(service)?["traffic"]?.arrayValue ?? []).map { target in
            let what = target["type"] == "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST" ? "latest" : target["revision"]?.stringValue ?? "?"
            return "\(target["percent"]?.intValue ?? 0) \(what)" + (target["tag"]?.stringValue.map { " #\($0)" } ?? "")
        }
    }

    func latestRevision(_ project: EmulatedProject, _ service: String = "api-gateway") -> String? {
        project.service(service)?["latestReadyRevision"]?.stringValue
    }

    /// Deploys api-gateway, then a changed api-gateway with `options`; answers the first
    /// revision and the second run.
    func deployTwice(_ project: EmulatedProject, second options: DeployOptions) async throws -> (first: String, run: EmulatedProject.Run) {
        #expect(await project.prepareForDeploy().status == .success)
        #expect(await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck)).status == .success)
        let first = try #require(latestRevision(project))
        project.directory.write("examples/api-gateway/src/version.js", "module.exports = 2;\n")
        return (first, await project.deploy(options))
    }

    @Test func noTrafficDeploysACandidateThatIsCheckedAtItsTagURLThenPromoted() async throws {
        try await withEmulatedProject { project in
            let (first, run) = try await deployTwice(project, second: DeployOptions(services: ["api-gateway"], noTraffic: true,
                                                                                     healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            let second = try #require(latestRevision(project))
            #expect(second != first)
            #expect(traffic(project) == ["100 \(first)", "0 latest #candidate"])
            let tagHost = "candidate---api-gateway-"
            #expect(project.emulator.requests().contains { $0.api == "run.app" && $0.url.contains(tagHost) && $0.status == 200 },
                    "the health check went to the candidate's tag URL")
            #expect(run.output.contains("api-gateway new revision: https://candidate---api-gateway-"))

            let promoted = await promote(project, PromoteWorkflow(services: ["api-gateway"]))
            #expect(promoted.status == .success, "\(promoted.diagnostics)")
            #expect(traffic(project) == ["100 latest"])
            #expect(latestRevision(project) == second, "promoting makes no new revision")
            #expect(promoted.output.contains("api-gateway: traffic 100% \(first), 0% latest (tag candidate) → 100% latest"))

            let again = await promote(project, PromoteWorkflow(services: ["api-gateway"]))
            #expect(again.status == .success)
            #expect(again.output.contains("nothing to promote"))
        }
    }

    @Test func rollbackReturnsTrafficToThePreviousReadyRevision() async throws {
        try await withEmulatedProject { project in
            let (first, run) = try await deployTwice(project, second: DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success)
            #expect(traffic(project) == ["100 latest"])

            let rolled = await rollback(project, RollbackWorkflow(service: "api-gateway"))
            #expect(rolled.status == .success, "\(rolled.diagnostics)")
            #expect(traffic(project) == ["100 \(first)"])
            #expect(rolled.output.contains("api-gateway: traffic 100% latest → 100% \(first)"))

            // A later deploy serves the latest revision again.
            let redeploy = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(redeploy.status == .success)
            #expect(traffic(project) == ["100 latest"])
        }
    }

    @Test func aCandidateFailingItsCheckGetsNoTrafficAndTheOldRevisionKeepsServing() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck)).status == .success)
            let first = try #require(latestRevision(project))
            project.directory.write("examples/api-gateway/src/version.js", "module.exports = 3;\n")
            project.emulator.setServiceHealth(service: "api-gateway", status: 500)
            project.emulator.setServiceHealth(service: "api-gateway", revision: first, status: 200)

            let run = await project.deploy(DeployOptions(services: ["api-gateway"], noTraffic: true, rollbackOnFailure: true,
                                                         healthCheck: quickHealthCheck))
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("The new revision got no traffic; \(first) keeps serving"), "\(run.diagnostics)")
            #expect(traffic(project) == ["100 \(first)", "0 latest #candidate"])
        }
    }

    @Test func aCanaryPromotionSplitsTrafficBetweenTheNewAndTheServingRevision() async throws {
        try await withEmulatedProject { project in
            let (first, run) = try await deployTwice(project, second: DeployOptions(services: ["api-gateway"], noTraffic: true,
                                                                                     healthCheck: quickHealthCheck))
            #expect(run.status == .success)
            let second = try #require(latestRevision(project))
            let canary = await promote(project, PromoteWorkflow(services: ["api-gateway"], percent: 10))
            #expect(canary.status == .success, "\(canary.diagnostics)")
            #expect(traffic(project) == ["10 \(second)", "90 \(first)"])

            // Status shows the split as it is served, revision by revision.
            let (_, document) = try await project.statusDocument()
            let row = try #require(document.row("cloud-run-service", "api-gateway"))
            guard case .array(let targets)? = row.details["traffic"] else { Issue.record("no traffic in \(row.details)"); return }
            let split = targets.map { target in
                guard case .number(let percent)? = target["percent"], case .bool(let latest)? = target["latest"] else { return "?" }
                return "\(Int(percent)) \(target["revision"]?.stringValue ?? "?") latest=\(latest)"
            }
            #expect(split == ["10 \(CloudRunService.shortName(second)) latest=false", "90 \(CloudRunService.shortName(first)) latest=false"])
        }
    }

    @Test func promotingOrRollingBackAServiceThatIsNotDeployedSaysSo() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let promoted = await promote(project, PromoteWorkflow(services: ["websocket-server"]))
            #expect(promoted.status == .configurationError)
            #expect(promoted.diagnostics.contains("websocket-server is not deployed in us-central1; deploy it with gcpctl deploy websocket-server"))
            #expect(await project.deploy(DeployOptions(services: ["websocket-server"], healthCheck: quickHealthCheck)).status == .success)
            let rolled = await rollback(project, RollbackWorkflow(service: "websocket-server"))
            #expect(rolled.status == .operationFailed)
            #expect(rolled.diagnostics.contains("websocket-server has no ready revision older than its latest one to roll back to"))
        }
    }
}
