import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// The `sql-replica` kind (issue 21 item 2): production's read replica is made after its
/// primary, planned with field diffs, refused where Google cannot change it, shown by status,
/// listed apart from the primaries, deleted before its primary and priced.
@Suite struct SQLReplicaTests {
    static let primary = "digitwinlive-db-prod"
    static let replica = "digitwinlive-db-replica-prod"

    @Test func setupMakesTheReplicaAfterItsPrimaryAndASecondRunSendsNothing() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup(environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            let replica = try #require(project.resource(EmulatorCollections.sqlInstances, Self.replica))
            #expect(replica["instanceType"]?.stringValue == "READ_REPLICA_INSTANCE")
            #expect(replica["masterInstanceName"]?.stringValue == "\(EmulatedProject.project):\(Self.primary)")
            #expect(replica["databaseVersion"]?.stringValue == "POSTGRES_15")
            #expect(replica[path: "settings.tier"]?.stringValue == "db-custom-1-3840")
            #expect(replica[path: "settings.availabilityType"]?.stringValue == "ZONAL", "a replica has no standby")
            #expect(replica[path: "settings.backupConfiguration.enabled"]?.boolValue != true, "replicas take no backups")
            #expect(replica[path: "settings.dataDiskSizeGb"]?.stringValue == "20", "the primary's disk")
            #expect(replica[path: "settings.userLabels.gcpctl-env"]?.stringValue == "prod")
            let primary = try #require(project.resource(EmulatorCollections.sqlInstances, Self.primary))
            #expect(primary["replicaNames"]?.arrayValue?.compactMap(\.stringValue) == [Self.replica])

            // Created after the primary's create, once.
            let inserts = project.emulator.requests(methodID: "sqladmin.instances.insert").map { $0.body?["name"]?.stringValue }
            #expect(inserts == [Self.primary, Self.replica])

            project.emulator.clearRequests()
            let again = await project.setup(environment: "prod")
            #expect(again.status == .success, "\(again.diagnostics)")
            #expect(project.mutatingRequests.isEmpty, "\(project.mutatingRequests.map { $0.methodID ?? $0.url })")
            #expect(await project.plan(environment: "prod").output.contains("No changes"))
        }
    }

    @Test func aTierChangeIsPlannedFieldByFieldAndApplied() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.editEnvironment("production") {
                $0.replacingOccurrences(of: "      tier: db-custom-1-3840\n", with: "      tier: db-custom-2-7680\n")
            }
            let plan = await project.plan(environment: "prod")
            #expect(plan.output.contains("tier: db-custom-1-3840 → db-custom-2-7680"), "\(plan.output)")
            #expect(await project.setup(environment: "prod").status == .success)
            #expect(project.resource(EmulatorCollections.sqlInstances, Self.replica)?[path: "settings.tier"]?.stringValue == "db-custom-2-7680")
            #expect(project.resource(EmulatorCollections.sqlInstances, Self.primary)?[path: "settings.tier"]?.stringValue == "db-custom-1-3840")
        }
    }

    /// A replica's primary and region are fixed: the plan refuses and says what to do.
    @Test func aRegionChangeIsRefusedWithAdvice() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.editEnvironment("production") {
                $0.replacingOccurrences(of: "      tier: db-custom-1-3840\n", with: "      tier: db-custom-1-3840\n      region: europe-west1\n")
            }
            project.emulator.clearRequests()
            let run = await project.setup(environment: "prod")
            #expect(run.status != .success)
            let text = run.output + run.diagnostics
            #expect(text.contains("region: us-central1 → europe-west1"), "\(text)")
            #expect(text.contains("gcpctl delete sql-replica \(Self.replica)"))
            #expect(!project.mutatingRequests.contains { $0.methodID?.hasPrefix("sqladmin.instances") == true })
        }
    }

    @Test func statusShowsTheReplicaInTheCloudSQLSection() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            let run = await project.status(environment: "prod", format: .json)
            let document = try JSONDecoder().decode(StatusDocument.self, from: Data(run.output.utf8))
            let row = try #require(document.cloudSQL.first { $0.kind == "sql-replica" })
            #expect(row.name == Self.replica)
            #expect(row.state == "ok")
            let text = await project.status(environment: "prod")
            #expect(text.output.contains("replica of \(Self.primary)"), "\(text.output)")
        }
    }

    @Test func listTellsReplicasFromPrimaries() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.emulator.clearRequests()
            let run = await project.run("list", settings: GlobalSettings(environment: "prod")) { context, connector in
                try await ListWorkflow(kinds: [.sqlInstance, .sqlReplica], includeUnmanaged: false).run(context, connector: connector)
            }
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.output.contains("=== Cloud SQL instances (1) ==="), "\(run.output)")
            #expect(run.output.contains("=== Cloud SQL read replicas (1) ==="))
            #expect(project.emulator.requests(methodID: "sqladmin.instances.list").count <= 2)
        }
    }

    /// Cleanup deletes the replica before its primary (Google refuses the primary while it
    /// has replicas), each by its identity.
    @Test func cleanupDeletesTheReplicaBeforeItsPrimary() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            project.emulator.clearRequests()
            let run = await project.cleanupAll(environment: "prod", deleteProtected: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            let deletes = project.emulator.requests(methodID: "sqladmin.instances.delete").map(\.url)
            #expect(deletes.count == 2, "\(deletes)")
            #expect(deletes.first?.hasSuffix("/instances/\(Self.replica)") == true, "\(deletes)")
            #expect(deletes.last?.hasSuffix("/instances/\(Self.primary)") == true)
            #expect(project.names(EmulatorCollections.sqlInstances).isEmpty)
        }
    }

    @Test func theReplicaNeedsItsNameTypedToBeDeleted() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup(environment: "prod").status == .success)
            func delete(_ typed: String) async -> EmulatedProject.Run {
                await project.run("delete", settings: GlobalSettings(environment: "prod"), input: [typed], interactive: true) { context, connector in
                    try await DeleteWorkflow(kind: .sqlReplica, name: Self.replica, force: false).run(context, connector: connector)
                }
            }
            #expect(await delete("yes").status == .configurationError)
            #expect(project.resource(EmulatorCollections.sqlInstances, Self.replica) != nil)
            let typed = await delete(Self.replica)
            #expect(typed.status == .success, "\(typed.diagnostics)")
            #expect(project.resource(EmulatorCollections.sqlInstances, Self.replica) == nil)
            #expect(project.resource(EmulatorCollections.sqlInstances, Self.primary)?["replicaNames"] == nil)
        }
    }

    /// The replica's compute is zonal whatever the primary's availability, with the primary's
    /// disk and no backups.
    @Test func costPricesTheReplicaZonalWithoutBackups() async throws {
        let estimate = try await CostFixture.estimate("production")
        let replica = try #require(estimate.resource("sql-replica/0"))
        #expect(replica.name == Self.replica)
        #expect(replica.lines.map(\.item) == ["vCPUs", "memory", "SSD storage"])
        #expect(estimate.line("sql-replica/0", "vCPUs")?.quantity == 730, "1 vCPU all month, never doubled")
        #expect(estimate.line("sql-replica/0", "SSD storage")?.quantity == 20)
        #expect(estimate.line("sql", "vCPUs")?.quantity == 1460, "the REGIONAL primary pays twice")
    }

    @Test func validationChecksEachReplica() async throws {
        let text = Repository.environmentText("production").replacingOccurrences(
            of: "    - instance: digitwinlive-db-replica-{env}\n      tier: db-custom-1-3840\n",
            with: "    - instance: digitwinlive-db-{env}\n      tier: db-perf-optimized-N-2\n    - instance: Bad_Name\n")
        let directory = ScratchDirectory()
        for file in ["development", "staging"] { directory.write("environments/\(file).yaml", Repository.environmentText(file)) }
        directory.write("environments/production.yaml", text)
        let error = await #expect(throws: ConfigurationError.self) {
            try await directory.loader().load(EnvironmentRequest(name: "prod", project: "digitwin-test"))
        }
        let message = "\(error.map { "\($0)" } ?? "")"
        #expect(message.contains("cloudSQL.replicas[0].instance: 'digitwinlive-db-prod' is the primary's name"), "\(message)")
        #expect(message.contains("cloudSQL.replicas[0].tier: db-perf-optimized-N-2 is an Enterprise Plus tier"))
        #expect(message.contains("cloudSQL.replicas[1].instance:"))
    }
}
