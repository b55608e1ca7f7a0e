import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

/// The private networking clients against the emulator, in the order Google requires:
/// connection, then Cloud SQL with a private IP and its replica, a connector, Memorystore;
/// and back.
@Suite struct PrivateNetworkingClientTests {
    let project = "psa-client"
    let region = "us-central1"
    var number: String { ProjectState.projectNumber(for: project) }

    func arrange(_ emulator: Emulator) {
        emulator.setServices(
            ["servicenetworking.googleapis.com", "vpcaccess.googleapis.com", "redis.googleapis.com", "sqladmin.googleapis.com"],
            enabled: true, project: project)
        emulator.arrangeNetwork("prod-vpc", project: project)
        emulator.arrangeAddressRange("google-managed", project: project, network: "prod-vpc", address: "10.10.0.0", prefixLength: 16)
    }

    @Test func theConnectionIsObservedByListingAndWaitedForAtItsOwnOperationsPath() async throws {
        var configuration = EmulatorConfiguration()
        configuration.operationSeconds = ["servicenetworking": 0.05]
        try await withEmulator(configuration) { emulator in
            arrange(emulator)
            let networking = ServiceNetworkingAPI(try await connect(emulator).client)
            #expect(try await networking.connection(projectNumber: number, network: "prod-vpc") == nil)
            let operation = try await networking.createConnection(projectNumber: number, network: "prod-vpc", ranges: ["google-managed"])
            try await networking.waitFor(operation, what: "private services access", poller: quickPoller)
            let connection = try #require(try await networking.connection(projectNumber: number, network: "prod-vpc"))
            #expect(connection.reservedPeeringRanges == ["google-managed"])
            #expect(connection.peering == ServiceNetworkingAPI.peeringName)
            let polls = emulator.requests(methodID: "servicenetworking.operations.get")
            #expect(!polls.isEmpty)
            #expect(polls.allSatisfy { $0.url.hasPrefix("/servicenetworking/v1/operations/pssn.") })

            emulator.arrangeAddressRange("more-range", project: project, network: "prod-vpc", address: "10.11.0.0", prefixLength: 16)
            let update = try await networking.updateConnection(projectNumber: number, network: "prod-vpc", ranges: ["more-range"], force: true)
            try await networking.waitFor(update, what: "connection ranges", poller: quickPoller)
            #expect(try await networking.connection(projectNumber: number, network: "prod-vpc")?.reservedPeeringRanges == ["more-range"])
            let refused = try await networking.createConnection(projectNumber: number, network: "prod-vpc", ranges: ["google-managed"])
            await #expect(throws: OperationError.self) {
                try await networking.waitFor(refused, what: "private services access", poller: quickPoller)
            }
        }
    }

    @Test func aPrivatePrimaryAndItsReplicaThenTheConnectionRefusesToGoUntilTheyAreGone() async throws {
        var configuration = EmulatorConfiguration()
        configuration.serviceNetworkingReleaseSeconds = 120
        try await withEmulator(configuration) { emulator in
            arrange(emulator)
            let client = try await connect(emulator).client
            let networking = ServiceNetworkingAPI(client)
            let sql = SQLAdminAPI(client)
            try await networking.waitFor(
                try await networking.createConnection(projectNumber: number, network: "prod-vpc", ranges: ["google-managed"]),
                what: "connection", poller: quickPoller)

            var settings = SQLAdminAPI.Settings()
            settings.tier = "db-custom-1-3840"
            settings.edition = "ENTERPRISE"
            settings.ipConfiguration = SQLAdminAPI.IPConfiguration(
                ipv4Enabled: false, privateNetwork: "projects/\(project)/global/networks/prod-vpc", allocatedIpRange: "google-managed",
                enablePrivatePathForGoogleCloudServices: true)
            let primary = SQLAdminAPI.Instance(name: "main-db", databaseVersion: "POSTGRES_15", region: region, settings: settings)
            let created = try #require(try await sql.createInstance(project: project, primary).created)
            try await sql.waitFor(created, project: project, what: "main-db", poller: quickPoller)
            let replica = SQLAdminAPI.Instance.readReplica(name: "main-db-replica", primary: "main-db", databaseVersion: "POSTGRES_15",
                                                           region: region, settings: settings)
            try await sql.waitFor(try #require(try await sql.createInstance(project: project, replica).created),
                                  project: project, what: "replica", poller: quickPoller)

            let observed = try #require(try await sql.instance(project: project, name: "main-db"))
            #expect(observed.replicaNames == ["main-db-replica"])
            #expect(observed.address(ofType: "PRIVATE")?.hasPrefix("10.10.") == true)
            #expect(observed.address(ofType: "PRIMARY") == nil)
            let replicas = try await sql.replicas(project: project, primary: "main-db")
            #expect(replicas.map(\.name) == ["main-db-replica"])
            #expect(replicas.first?.primaryName == "main-db")
            #expect(replicas.first?.masterInstanceName == "\(project):main-db")

            await #expect(throws: GoogleAPIError.self) { _ = try await sql.deleteInstance(project: project, name: "main-db") }
            let refused = try #require(try await networking.deleteConnection(projectNumber: number, network: "prod-vpc"))
            guard case .producersStillUsing = try await networking.waitForDeletion(refused, what: "connection", poller: quickPoller) else {
                Issue.record("the connection was deleted under a Cloud SQL instance")
                return
            }
            for name in ["main-db-replica", "main-db"] {
                let operation = try #require(try await sql.deleteInstance(project: project, name: name))
                try await sql.waitFor(operation, project: project, what: name, poller: quickPoller)
            }
            emulator.advanceClock(seconds: 120)
            let deletion = try #require(try await networking.deleteConnection(projectNumber: number, network: "prod-vpc"))
            #expect(try await networking.waitForDeletion(deletion, what: "connection", poller: quickPoller) == .deleted)
            #expect(try await networking.deleteConnection(projectNumber: number, network: "prod-vpc") == nil)
        }
    }

    @Test func aConnectorIsCreatedReadAndRaised() async throws {
        try await withEmulator { emulator in
            arrange(emulator)
            let access = VPCAccessAPI(try await connect(emulator).client)
            #expect(VPCAccessAPI.isValidConnectorID("prod-connector"))
            #expect(!VPCAccessAPI.isValidConnectorID("prod-serverless-connector"))
            let connector = VPCAccessAPI.Connector(network: "prod-vpc", ipCidrRange: "10.8.0.0/28", minInstances: 2, maxInstances: 3)
            let created = try #require(try await access.createConnector(project: project, region: region, id: "prod-connector", connector).created)
            try await access.waitFor(created, what: "connector", poller: quickPoller)
            guard case .alreadyExisted = try await access.createConnector(project: project, region: region, id: "prod-connector", connector) else {
                Issue.record("a second create did not meet the connector")
                return
            }
            var observed = try #require(try await access.connector(project: project, region: region, id: "prod-connector"))
            #expect(observed.state == "READY")
            #expect(observed.machineType == "e2-micro")
            observed.maxInstances = 6
            observed.machineType = "e2-standard-4"
            let update = try await access.updateConnector(project: project, region: region, id: "prod-connector", observed, fields: [.maxInstances, .machineType])
            try await access.waitFor(update, what: "connector", poller: quickPoller)
            let raised = try await access.connectors(project: project, region: region)
            #expect(raised.map(\.maxInstances) == [6])
            #expect(emulator.requests().last { $0.methodID == "vpcaccess.projects.locations.connectors.patch" }?.url.contains("updateMask=maxInstances%2CmachineType") == true)
            #expect(VPCAccessAPI.connectorName(project: project, region: region, id: "prod-connector") == observed.name)
            try await access.waitFor(try #require(try await access.deleteConnector(project: project, region: region, id: "prod-connector")),
                                     what: "connector", poller: quickPoller)
            #expect(try await access.deleteConnector(project: project, region: region, id: "prod-connector") == nil)
        }
    }

    @Test func aRedisInstanceOnThePrivateConnectionWithItsAuthString() async throws {
        try await withEmulator { emulator in
            arrange(emulator)
            let lines = TraceLines()
            let client = try await connect(emulator, tracer: lines.record).client
            let networking = ServiceNetworkingAPI(client)
            try await networking.waitFor(
                try await networking.createConnection(projectNumber: number, network: "prod-vpc", ranges: ["google-managed"]),
                what: "connection", poller: quickPoller)
            let redis = RedisAPI(client)
            var instance = RedisAPI.Instance(
                tier: "STANDARD_HA", memorySizeGb: 5, redisVersion: "REDIS_7_0", authorizedNetwork: "projects/\(project)/global/networks/prod-vpc",
                connectMode: "PRIVATE_SERVICE_ACCESS", reservedIpRange: "google-managed", labels: ["managed-by": "gcpctl"])
            instance.redisConfigs = ["maxmemory-policy": "allkeys-lru"]
            instance.maintenancePolicy = RedisAPI.MaintenancePolicy(weeklyMaintenanceWindow: [RedisAPI.WeeklyMaintenanceWindow(day: "SUNDAY", hours: 3)])
            let created = try #require(try await redis.createInstance(project: project, region: region, id: "cache", instance).created)
            try await redis.waitFor(created, what: "cache", poller: quickPoller)
            var observed = try #require(try await redis.instance(project: project, region: region, id: "cache"))
            #expect(observed.state == "READY")
            #expect(observed.port == 6379)
            #expect(observed.host?.hasPrefix("10.10.") == true)
            #expect(try await redis.authString(project: project, region: region, id: "cache") == nil)

            observed.authEnabled = true
            observed.memorySizeGb = 6
            let update = try await redis.updateInstance(project: project, region: region, id: "cache", observed, fields: [.authEnabled, .memorySizeGb])
            try await redis.waitFor(update, what: "cache", poller: quickPoller)
            let auth = try #require(try await redis.authString(project: project, region: region, id: "cache"))
            #expect(try await redis.instances(project: project, region: "-").map(\.memorySizeGb) == [6])
            #expect(!lines.all.joined(separator: "\n").contains(auth))
            try await redis.waitFor(try await redis.upgradeInstance(project: project, region: region, id: "cache", redisVersion: "REDIS_7_2"),
                                    what: "cache", poller: quickPoller)
            #expect(try await redis.instance(project: project, region: region, id: "cache")?.redisVersion == "REDIS_7_2")
            try await redis.waitFor(try #require(try await redis.deleteInstance(project: project, region: region, id: "cache")),
                                    what: "cache", poller: quickPoller)
            #expect(try await redis.instance(project: project, region: region, id: "cache") == nil)
        }
    }
}
