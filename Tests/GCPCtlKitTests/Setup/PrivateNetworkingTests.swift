import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 21.1: production's private network (environments/production.yaml `network:`) made by
/// setup in dependency order, left alone by a second run, shown by status, found and deleted by
/// cleanup after what uses it, and changed or refused by plan as Google allows.
@Suite struct PrivateNetworkingTests {
    static let network = "digitwinlive-vpc-prod", subnet = "digitwinlive-private-prod"
    static let range = "digitwinlive-psa-prod", connector = "dtl-conn-prod"

    /// Where in the request log the first request of `methodID` is.
    func position(_ methodID: String, in log: [RequestLogEntry]) -> Int? {
        log.firstIndex { $0.methodID == methodID }
    }

    @Test func setupMakesTheNetworkInDependencyOrderAndASecondRunSendsNothingThatChanges() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup(environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            let network = try #require(project.emulator.network(Self.network, project: EmulatedProject.project))
            #expect(network["description"] == "Managed by gcpctl for prod")
            #expect(network["autoCreateSubnetworks"] == false)
            #expect(network["routingConfig"]?["routingMode"] == "REGIONAL")
            #expect(network["peerings"]?.arrayValue?.first?["name"] == "servicenetworking-googleapis-com")
            #expect(network["peerings"]?.arrayValue?.first?["state"] == "ACTIVE")
            let subnet = try #require(project.resource("compute.subnetworks", "us-central1/\(Self.subnet)"))
            #expect(subnet["ipCidrRange"] == "10.0.0.0/20")
            #expect(subnet["privateIpGoogleAccess"] == true)
            #expect(subnet["network"]?.stringValue?.hasSuffix("/projects/demo-project/global/networks/\(Self.network)") == true)
            let range = try #require(project.resource("compute.globalAddresses", Self.range))
            #expect(range["purpose"] == "VPC_PEERING")
            #expect(range["prefixLength"] == 16)
            #expect(range["labels"]?["gcpctl-env"] == "prod")
            let connector = try #require(project.resource(
                "vpcaccess.connectors", "projects/demo-project/locations/us-central1/connectors/\(Self.connector)"))
            #expect(connector["ipCidrRange"] == "10.8.0.0/28")
            #expect(connector["minInstances"] == 2)
            #expect(connector["maxInstances"] == 3)

            // network → subnet and range → connection; the connector after the network.
            let log = project.emulator.requests()
            let networkAt = try #require(position("compute.networks.insert", in: log))
            let subnetAt = try #require(position("compute.subnetworks.insert", in: log))
            let rangeAt = try #require(position("compute.globalAddresses.insert", in: log))
            let connectionAt = try #require(position("servicenetworking.services.connections.create", in: log))
            let connectorAt = try #require(position("vpcaccess.projects.locations.connectors.create", in: log))
            #expect(networkAt < subnetAt && networkAt < rangeAt && rangeAt < connectionAt && networkAt < connectorAt)
            // The APIs the network's parts need joined the declared ones.
            let enable = log.filter { $0.methodID?.hasPrefix("serviceusage.services.") == true && $0.mutating }
            #expect(enable.contains { $0.body?.serialized.contains("servicenetworking.googleapis.com") == true
                || $0.url.contains("servicenetworking.googleapis.com") })

            project.emulator.clearRequests()
            let again = await project.setup(environment: "prod")
            #expect(again.status == .success, "\(again.diagnostics)")
            #expect(project.mutatingRequests.isEmpty, "\(project.mutatingRequests.map(\.url))")
        }
    }

    @Test func statusShowsTheNetworkSection() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let status = await project.status(environment: "prod", format: .json)
            let document = try GCPEmulator.JSONValue.parse(status.output)
            let rows = try #require(document["network"]?.arrayValue)
            #expect(rows.map { $0["kind"]?.stringValue } == ["network", "subnetwork", "address-range", "private-connection", "vpc-connector"])
            #expect(rows.allSatisfy { $0["state"] == "ok" }, "\(rows)")
            #expect(rows[0]["details"]?["routingMode"] == "REGIONAL")
            #expect(rows[3]["details"]?["peeringState"] == "ACTIVE")
            #expect(rows[4]["details"]?["connectorState"] == "READY")

            // The peering removed behind gcpctl's back: the connection is unhealthy.
            project.emulator.updateResource(project: EmulatedProject.project, collection: "compute.networks", name: Self.network) {
                $0["peerings"] = [["name": "servicenetworking-googleapis-com", "state": "INACTIVE"]]
            }
            let text = await project.status(environment: "prod")
            #expect(text.output.contains("Network"))
            #expect(text.output.contains("the network's peering is INACTIVE, not ACTIVE"))
        }
    }

    @Test func planShowsAChangedFieldAndSetupAppliesIt() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.editEnvironment("production") {
                $0.replacingOccurrences(of: "  routingMode: REGIONAL", with: "  routingMode: GLOBAL")
                    .replacingOccurrences(of: "    maxInstances: 3\n", with: "    maxInstances: 4\n")
            }
            let plan = await project.plan(environment: "prod")
            #expect(plan.output.contains("routingMode: REGIONAL → GLOBAL"), "\(plan.output)")
            #expect(plan.output.contains("maxInstances: 3 → 4"), "\(plan.output)")
            #expect(await project.setup(environment: "prod").status == .success)
            #expect(project.emulator.network(Self.network, project: EmulatedProject.project)?["routingConfig"]?["routingMode"] == "GLOBAL")
            let patches = project.emulator.requests(methodID: "vpcaccess.projects.locations.connectors.patch")
            #expect(patches.map { $0.url.contains("updateMask=maxInstances") } == [true])
            #expect(await project.plan(environment: "prod").output.contains("No changes"))
        }
    }

    @Test func aSmallerSubnetRangeIsRefusedAsImmutable() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.editEnvironment("production") { $0.replacingOccurrences(of: "10.0.0.0/20", with: "10.0.0.0/24") }
            project.emulator.clearRequests()
            let plan = await project.plan(environment: "prod")
            #expect(plan.status != .success)
            #expect((plan.output + plan.diagnostics).contains("ipCidrRange: 10.0.0.0/20 → 10.0.0.0/24 cannot be changed in place"),
                    "\(plan.output)\(plan.diagnostics)")
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    @Test func cleanupDeletesTheNetworkAfterWhatUsesIt() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.emulator.clearRequests()
            let run = await project.cleanupAll(environment: "prod", deleteProtected: true)
            #expect(run.status == .success, "\(run.output)\(run.diagnostics)")
            #expect(project.emulator.network(Self.network, project: EmulatedProject.project) == nil)
            #expect(project.names("compute.subnetworks").isEmpty)
            #expect(project.names("compute.globalAddresses").isEmpty)
            #expect(project.names("vpcaccess.connectors").isEmpty)
            let log = project.emulator.requests()
            let networkAt = try #require(position("compute.networks.delete", in: log))
            for dependant in ["compute.subnetworks.delete", "compute.globalAddresses.delete",
                              "servicenetworking.services.connections.deleteConnection", "vpcaccess.projects.locations.connectors.delete"] {
                #expect(try #require(position(dependant, in: log)) < networkAt, "\(dependant)")
            }
            // The connection went before its range, and after the database that used it.
            // (The range, not the edge's external address, which goes after its forwarding rules.)
            let rangeAt = try #require(log.firstIndex { $0.methodID == "compute.globalAddresses.delete" && $0.url.contains("-psa-") })
            #expect(position("servicenetworking.services.connections.deleteConnection", in: log)! < rangeAt)
        }
    }

    /// Service Networking refuses while Cloud SQL's producer resources linger: the peering is
    /// removed with Compute instead, and said so, and the range and network go after it.
    @Test func aRefusedConnectionDeleteFallsBackToRemovingThePeering() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let context = try await project.resourceContext(environment: "prod")
            project.emulator.mutateState { state in
                // A private-IP instance deleted a moment ago: Google keeps its producer resources
                // (the emulator's record of that, its window not over on its clock).
                state.setResource(EmulatedProject.project, "servicenetworking.producerReleases", Self.network, [
                    "@releasedAt": .double(4_000_000_000), "@window": 3600,
                ])
            }
            try await PrivateConnection.delete(ResourceIdentity(.privateConnection, Self.network), in: context)
            #expect(project.emulator.requests(methodID: "compute.networks.removePeering").count == 1)
            #expect(project.emulator.network(Self.network, project: EmulatedProject.project)?["peerings"] == nil)
            try await AddressRange.delete(ResourceIdentity(.addressRange, Self.range), in: context)
        }
    }

    @Test func theConfigurationIsValidated() async throws {
        try await withEmulatedProject { project in
            project.editEnvironment("production") {
                $0.replacingOccurrences(of: "name: dtl-conn-{env}", with: "name: digitwinlive-connector-{env}")
                    .replacingOccurrences(of: "10.8.0.0/28", with: "10.0.1.0/27")
                    .replacingOccurrences(of: "name: digitwinlive-vpc-{env}", with: "name: Digitwinlive_VPC")
            }
            let plan = await project.plan(environment: "prod")
            #expect(plan.status == .configurationError)
            let text = plan.output + plan.diagnostics
            #expect(text.contains("network.name"), "\(text)")
            #expect(text.contains("'digitwinlive-connector-prod' is 27 characters; a connector name has at most 25"), "\(text)")
            #expect(text.contains("'10.0.1.0/27' must be a /28"), "\(text)")
        }
    }
}
