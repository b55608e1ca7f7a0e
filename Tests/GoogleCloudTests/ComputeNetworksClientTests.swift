import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

/// The Compute client for private networking against the emulator: a network, its subnet and
/// a peering range made through operations polled by GET at their scope's path; a peering
/// removed; and everything deleted again.
@Suite struct ComputeNetworksClientTests {
    let project = "compute-client"
    let region = "us-central1"

    @Test func aNetworkItsSubnetAndRangeAreMadeAndRemovedThroughPolledOperations() async throws {
        var configuration = EmulatorConfiguration()
        configuration.operationSeconds = ["compute": 0.05]
        try await withEmulator(configuration) { emulator in
            emulator.setServices(["compute.googleapis.com"], enabled: true, project: project)
            let compute = ComputeAPI(try await connect(emulator).client)
            #expect(try await compute.network(project: project, name: "vpc") == nil)
            let created = try #require(try await compute.insertNetwork(project: project, .init(name: "vpc", description: "Managed by gcpctl for prod", routingMode: "REGIONAL")).created)
            try await compute.waitFor(created, project: project, what: "network", poller: quickPoller)
            let network = try #require(try await compute.network(project: project, name: "vpc"))
            #expect(network.routingConfig?.routingMode == "REGIONAL")
            #expect(network.autoCreateSubnetworks == false)
            #expect(ComputeAPI.Reference.normalized(network.selfLink ?? "") == "projects/\(project)/global/networks/vpc")
            // A second insert is answered as already there.
            guard case .alreadyExisted = try await compute.insertNetwork(project: project, .init(name: "vpc", description: nil, routingMode: "REGIONAL")) else {
                Issue.record("a second insert must be .alreadyExisted")
                return
            }

            let subnet = try #require(try await compute.insertSubnetwork(
                project: project, region: region,
                .init(name: "app", description: nil, network: ComputeAPI.Reference.network(project: project, name: "vpc"),
                      ipCidrRange: "10.0.0.0/20", privateIpGoogleAccess: true)).created)
            try await compute.waitFor(subnet, project: project, what: "subnet", poller: quickPoller)
            #expect(try await compute.subnetworks(project: project, region: region).map(\.name) == ["app"])
            let range = try #require(try await compute.insertGlobalAddress(project: project, .peeringRange(
                name: "psa", description: nil, network: ComputeAPI.Reference.network(project: project, name: "vpc"), prefixLength: 16,
                address: nil, labels: ["managed-by": "gcpctl"])).created)
            try await compute.waitFor(range, project: project, what: "range", poller: quickPoller)
            let address = try #require(try await compute.globalAddress(project: project, name: "psa"))
            #expect(address.purpose == "VPC_PEERING")
            #expect(address.address != nil)

            // Operations are polled with GET at their scope's path, never with the POST `wait`.
            #expect(!emulator.requests(methodID: "compute.regionOperations.get").isEmpty)
            #expect(!emulator.requests(methodID: "compute.globalOperations.get").isEmpty)
            #expect(emulator.requests(methodID: "compute.globalOperations.wait").isEmpty)
            #expect(emulator.requests(methodID: "compute.regionOperations.wait").isEmpty)
            #expect(emulator.requests(methodID: "compute.globalOperations.get").allSatisfy { $0.url.hasPrefix("/compute/compute/v1/projects/\(project)/global/operations/operation-") })

            // In use: the network's delete operation fails and says by what.
            let refused = try #require(try await compute.deleteNetwork(project: project, name: "vpc"))
            let ended = try await compute.finished(refused, project: project, what: "network", poller: quickPoller)
            #expect(ended.failedAsInUse)
            for operation in [try await compute.deleteSubnetwork(project: project, region: region, name: "app"),
                              try await compute.deleteGlobalAddress(project: project, name: "psa")] {
                try await compute.waitFor(try #require(operation), project: project, what: "delete", poller: quickPoller)
            }
            try await compute.waitFor(try #require(try await compute.deleteNetwork(project: project, name: "vpc")), project: project, what: "network", poller: quickPoller)
            #expect(try await compute.network(project: project, name: "vpc") == nil)
            #expect(try await compute.deleteNetwork(project: project, name: "vpc") == nil)
        }
    }

    @Test func aPeeringIsRemovedFromTheNetwork() async throws {
        try await withEmulator(EmulatorConfiguration()) { emulator in
            emulator.setServices(["compute.googleapis.com", "servicenetworking.googleapis.com"], enabled: true, project: project)
            emulator.arrangeNetwork("vpc", project: project)
            emulator.arrangeAddressRange("psa", project: project, network: "vpc", address: "10.10.0.0", prefixLength: 16)
            let client = try await connect(emulator).client
            let number = ProjectState.projectNumber(for: project)
            let networking = ServiceNetworkingAPI(client)
            try await networking.waitFor(
                try await networking.createConnection(projectNumber: number, network: "vpc", ranges: ["psa"]), what: "connection", poller: quickPoller)
            let compute = ComputeAPI(client)
            #expect(try await compute.network(project: project, name: "vpc")?.peerings?.first?.state == "ACTIVE")
            try await compute.waitFor(
                try await compute.removePeering(project: project, network: "vpc", peering: ServiceNetworkingAPI.peeringName),
                project: project, what: "peering", poller: quickPoller)
            #expect(try await compute.network(project: project, name: "vpc")?.peerings == nil)
            #expect(try await networking.connection(projectNumber: number, network: "vpc") == nil)
        }
    }
}
