import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// `cloudSQL.privateIP` (issue 21 item 1, the Cloud SQL part): production's instance has no
/// public IP and a private one from the network's range, made after the private connection;
/// development keeps its public IP.
@Suite struct SQLPrivateIPTests {
    @Test func productionsInstanceIsPrivateAndMadeAfterTheConnection() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup(environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            let instance = try #require(project.resource(EmulatorCollections.sqlInstances, "digitwinlive-db-prod"))
            #expect(instance[path: "settings.ipConfiguration.ipv4Enabled"]?.boolValue == false)
            #expect(instance[path: "settings.ipConfiguration.privateNetwork"]?.stringValue == "projects/demo-project/global/networks/digitwinlive-vpc-prod")
            #expect(instance[path: "settings.ipConfiguration.allocatedIpRange"]?.stringValue == "digitwinlive-psa-prod")
            #expect(instance["ipAddresses"]?.arrayValue?.compactMap { $0["type"]?.stringValue } == ["PRIVATE"])
            let replica = try #require(project.resource(EmulatorCollections.sqlInstances, "digitwinlive-db-replica-prod"))
            #expect(replica[path: "settings.ipConfiguration.ipv4Enabled"]?.boolValue == false, "the replica is private too")
            let log = project.emulator.requests().compactMap(\.methodID)
            let connection = try #require(log.firstIndex(of: "servicenetworking.services.connections.create"))
            let insert = try #require(log.firstIndex(of: "sqladmin.instances.insert"))
            #expect(connection < insert)
            let status = await project.status(environment: "prod")
            #expect(status.output.contains("PRIVATE IP"), "\(status.output)")
        }
    }

    @Test func developmentKeepsItsPublicIP() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let instance = try #require(project.resource(EmulatorCollections.sqlInstances, "digitwinlive-db-dev"))
            #expect(instance[path: "settings.ipConfiguration.ipv4Enabled"]?.boolValue == true)
            #expect(instance[path: "settings.ipConfiguration.privateNetwork"] == nil)
            let insert = try #require(project.emulator.requests(methodID: "sqladmin.instances.insert").first)
            #expect(insert.body?[path: "settings.ipConfiguration"] == nil, "no IP configuration sent, as before")
        }
    }

    @Test func aPrivateIPNeedsTheNetworksPrivateServiceAccess() async throws {
        let text = Repository.environmentText("development").replacingOccurrences(of: "  passwordSecret: database-password\n",
                                                                                  with: "  passwordSecret: database-password\n  privateIP: true\n")
        let error = await #expect(throws: ConfigurationError.self) {
            try await loadEnvironment(text, variables: ["GCP_PROJECT_ID": "my-project-123"])
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("cloudSQL.privateIP: a private IP needs a network"))
    }
}
