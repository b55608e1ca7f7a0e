import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// The `redis-instance` kind (issue 21 item 3): production's Memorystore instance on the
/// private network, after the private connection; field diffs, refusals, status, cleanup
/// order and cost.
@Suite struct RedisInstanceTests {
    static let name = "projects/demo-project/locations/us-central1/instances/digitwinlive-redis-prod"

    @Test func setupMakesRedisOnThePrivateNetworkAfterTheConnection() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup(environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            let redis = try #require(project.resource("redis.instances", Self.name))
            #expect(redis["tier"]?.stringValue == "STANDARD_HA")
            #expect(redis["memorySizeGb"]?.intValue == 5)
            #expect(redis["redisVersion"]?.stringValue == "REDIS_7_0")
            #expect(redis["connectMode"]?.stringValue == "PRIVATE_SERVICE_ACCESS")
            #expect(redis["authorizedNetwork"]?.stringValue == "projects/demo-project/global/networks/digitwinlive-vpc-prod")
            #expect(redis[path: "redisConfigs.maxmemory-policy"]?.stringValue == "allkeys-lru")
            #expect(redis["state"]?.stringValue == "READY")
            #expect(redis[path: "labels.gcpctl-env"]?.stringValue == "prod")
            let log = project.emulator.requests().compactMap(\.methodID)
            let connection = try #require(log.firstIndex(of: "servicenetworking.services.connections.create"))
            let create = try #require(log.firstIndex(of: "redis.projects.locations.instances.create"))
            #expect(connection < create)
            #expect(project.enabledServices.contains("redis.googleapis.com"))
        }
    }

    @Test func aSizeChangeIsPatchedAndATierChangeRefused() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.editEnvironment("production") { $0.replacingOccurrences(of: "memorySizeGb: 5", with: "memorySizeGb: 6") }
            let plan = await project.plan(environment: "prod")
            #expect(plan.output.contains("memorySizeGb: 5 → 6"), "\(plan.output)")
            #expect(await project.setup(environment: "prod").status == .success)
            #expect(project.resource("redis.instances", Self.name)?["memorySizeGb"]?.intValue == 6)
            let patch = try #require(project.emulator.requests(methodID: "redis.projects.locations.instances.patch").last)
            #expect(patch.url.contains("updateMask=memorySizeGb"), "\(patch.url)")

            project.editEnvironment("production") { $0.replacingOccurrences(of: "tier: STANDARD_HA", with: "tier: BASIC") }
            let refused = await project.plan(environment: "prod")
            #expect((refused.output + refused.diagnostics).contains("tier: STANDARD_HA → BASIC"))
            #expect((refused.output + refused.diagnostics).contains("gcpctl delete redis digitwinlive-redis-prod"))
        }
    }

    @Test func statusShowsTheCacheSection() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let run = await project.status(environment: "prod")
            #expect(run.output.contains("=== Cache"), "\(run.output)")
            let host = try #require(project.resource("redis.instances", Self.name)?["host"]?.stringValue)
            #expect(run.output.contains("\(host):6379"))
            #expect(run.output.contains("AUTH off"))
        }
    }

    @Test func cleanupDeletesRedisBeforeThePrivateConnection() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.emulator.clearRequests()
            let run = await project.cleanupAll(environment: "prod", deleteProtected: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            let log = project.mutatingRequests.compactMap(\.methodID)
            let redis = try #require(log.firstIndex(of: "redis.projects.locations.instances.delete"))
            let connection = try #require(log.firstIndex { $0.hasPrefix("servicenetworking.services.connections.deleteConnection") || $0 == "compute.networks.removePeering" })
            #expect(redis < connection, "\(log)")
            #expect(project.names("redis.instances").isEmpty)
        }
    }

    @Test func costPricesCapacityByTierAndCapacityTier() async throws {
        let estimate = try await CostFixture.estimate("production")
        let line = try #require(estimate.line("redis", "capacity"))
        #expect(line.quantity == Decimal(3650), "5 GB × 730 h")
        #expect(line.priceKey.rawValue == "redis.standard.m2")
        let basic = try await CostFixture.estimate("production") { $0.replacingOccurrences(of: "tier: STANDARD_HA", with: "tier: BASIC") }
        #expect(basic.line("redis", "capacity")?.priceKey.rawValue == "redis.basic.m2")
    }

    @Test func validationChecksTheRedisSection() async throws {
        let text = Repository.environmentText("production")
            .replacingOccurrences(of: "memorySizeGb: 5", with: "memorySizeGb: 500")
            .replacingOccurrences(of: "day: SUNDAY", with: "day: SUN")
        let directory = ScratchDirectory()
        for file in ["development", "staging"] { directory.write("environments/\(file).yaml", Repository.environmentText(file)) }
        directory.write("environments/production.yaml", text)
        let error = await #expect(throws: ConfigurationError.self) {
            try await directory.loader().load(EnvironmentRequest(name: "prod", project: "digitwin-test"))
        }
        let message = "\(error.map { "\($0)" } ?? "")"
        #expect(message.contains("redis.memorySizeGb: 500 is outside Memorystore's limits"), "\(message)")
        #expect(message.contains("redis.maintenanceWindow.day: 'SUN' is not a valid day"))
    }
}
