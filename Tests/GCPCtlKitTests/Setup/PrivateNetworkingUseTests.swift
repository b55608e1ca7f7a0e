import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 21.1, the network in use: the services deployed through the connector, and the
/// network's parts found by `gcpctl list` with whose they are.
@Suite struct PrivateNetworkingUseTests {
    @Test func servicesSendPrivateTrafficThroughTheDeclaredConnector() async throws {
        try await withEmulatedProject { project in
            let run = await project.setUpAndDeploy(["api-gateway"], environment: "prod")
            #expect(run.status == .success, "\(run.output)\(run.diagnostics)")
            let access = try #require(project.service("api-gateway")?["template"]?["vpcAccess"])
            #expect(access["connector"] == "projects/demo-project/locations/us-central1/connectors/dtl-conn-prod")
            #expect(access["egress"] == "PRIVATE_RANGES_ONLY")
            // Deployed again unchanged: the service is left alone.
            project.emulator.clearRequests()
            let again = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck), environment: "prod")
            #expect(again.status == .success, "\(again.diagnostics)")
            #expect(project.emulator.requests(methodID: "run.projects.locations.services.patch").isEmpty)
        }
    }

    @Test func developmentDeclaresNoNetworkAndItsServicesNoConnector() async throws {
        try await withEmulatedProject { project in
            let run = await project.setUpAndDeploy(["api-gateway"])
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.service("api-gateway")?["template"]?["vpcAccess"] == nil)
            #expect(project.emulator.requests(methodID: "compute.networks.insert").isEmpty)
            #expect(project.names("compute.networks").isEmpty)
        }
    }

    @Test func listShowsTheNetworksPartsWithWhoseTheyAre() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            // A network someone made by hand: no gcpctl description.
            project.emulator.arrangeNetwork("hand-made", project: EmulatedProject.project)
            let kinds: [ResourceKind] = [.network, .subnetwork, .addressRange, .privateConnection, .vpcConnector]
            func list(all: Bool) async throws -> ListDocument {
                let run = await project.run("list", settings: GlobalSettings(environment: "prod", format: .json)) { context, connector in
                    try await ListWorkflow(kinds: kinds, includeUnmanaged: all).run(context, connector: connector)
                }
                #expect(run.status == .success, "\(run.diagnostics)")
                return try JSONDecoder().decode(ListDocument.self, from: Data(run.output.utf8))
            }
            let mine = try await list(all: false)
            #expect(mine.resources.map { "\($0.kind) \($0.name)" } == [
                "network digitwinlive-vpc-prod", "subnet digitwinlive-private-prod", "address-range digitwinlive-psa-prod",
                "private-connection digitwinlive-vpc-prod", "connector dtl-conn-prod",
            ])
            #expect(mine.resources.allSatisfy { $0.managed && $0.environment == "prod" })
            let all = try await list(all: true)
            #expect(all.resources.contains { $0.name == "hand-made" && !$0.managed })
        }
    }
}
