import Foundation
import GCPEmulator
import Testing
@testable import GCPCtlKit

/// `gcpctl revisions SERVICE` and `gcpctl rollback` of every service at once.
@Suite struct RevisionsAndRollbackAllTests {
    /// Deploys every service, changes each one's source and deploys again: two revisions
    /// each. Answers the first revision of each service.
    func deployEveryServiceTwice(_ project: EmulatedProject) async throws -> [String: String] {
        #expect(await project.prepareForDeploy().status == .success)
        #expect(await project.deploy(DeployOptions(healthCheck: quickHealthCheck)).status == .success)
        var first: [String: String] = [:]
        for service in ["api-gateway", "websocket-server", "face-processing-service"] {
            first[service] = try #require(project.service(service)?["latestReadyRevision"]?.stringValue)
            project.directory.write("examples/\(service)/version.txt", "2\n")
        }
        #expect(await project.deploy(DeployOptions(healthCheck: quickHealthCheck)).status == .success)
        return first
    }

    @Test func revisionsListsEachRevisionWithItsImageTrafficAndReadiness() async throws {
        try await withEmulatedProject { project in
            let first = try await deployEveryServiceTwice(project)
            let latest = try #require(project.service("api-gateway")?["latestReadyRevision"]?.stringValue)
            let run = await project.dayTwo("revisions") { context, connector in
                try await RevisionsWorkflow(service: "api-gateway").run(context, connector: connector)
            }
            #expect(run.status == .success, "\(run.diagnostics)")
            let lines = run.output.split(separator: "\n").map(String.init)
            #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["REVISION", "CREATED", "IMAGE", "TRAFFIC", "READY"])
            #expect(lines.count == 3, "\(run.output)")
            #expect(lines[1].hasPrefix("\(latest) (latest)") && lines[1].contains("100%") && lines[1].hasSuffix("yes"), "\(lines[1])")
            #expect(lines[2].hasPrefix(first["api-gateway"]!) && lines[2].contains("0%"), "\(lines[2])")
            #expect(lines[1].contains("digitwinlive/api-gateway@sha256:"), "the image, pinned by digest: \(lines[1])")
            #expect(project.mutatingRequests.isEmpty || project.emulator.requests().last?.mutating == false)
        }
    }

    @Test func rollbackWithoutAServiceRollsBackEveryServiceAfterOneConfirmation() async throws {
        try await withEmulatedProject { project in
            let first = try await deployEveryServiceTwice(project)
            project.emulator.clearRequests()

            let refused = await project.dayTwo("rollback") { context, connector in
                try await RollbackWorkflow(service: nil).run(context, connector: connector)
            }
            #expect(refused.status == .configurationError)
            #expect(refused.diagnostics.contains("pass --yes to confirm"))
            #expect(project.mutatingRequests.isEmpty)

            let run = await project.dayTwo("rollback", input: ["y"], interactive: true) { context, connector in
                try await RollbackWorkflow(service: nil).run(context, connector: connector)
            }
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.components(separatedBy: "Roll back every service of development").count == 2, "asked once")
            for (service, revision) in first {
                let traffic = project.service(service)?["traffic"]?.arrayValue ?? []
                #expect(traffic.count == 1 && traffic.first?["revision"]?.stringValue == revision, "\(service): \(traffic)")
                #expect(run.output.contains("\(service): traffic 100% latest → 100% \(revision)"))
            }
        }
    }
}
