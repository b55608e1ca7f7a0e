import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Whole commands through the binary: what CI sees.
@Suite struct ProcessWorkflowTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A scratch directory holding a copy of the repository's environments and examples.
    static func workspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for folder in ["environments", "examples"] where FileManager.default.fileExists(atPath: repository.path + "/" + folder) {
            try FileManager.default.copyItem(atPath: repository.path + "/" + folder, toPath: directory.path + "/" + folder)
        }
        return directory
    }

    static func configuration(_ change: (inout EmulatorConfiguration) -> Void = { _ in }) -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration()
        configuration.projects = ["demo-project"]
        change(&configuration)
        return configuration
    }

    @Test func setupThroughTheBinaryThenNothingToDo() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            let first = try await gcpctl.run(["setup", "--env=dev", "--yes"])
            #expect(first.status == 0, "\(first.all)")
            #expect(first.output.contains("Setup of development complete"))
            emulator.clearRequests()
            let second = try await gcpctl.run(["setup", "--env=dev"])
            #expect(second.status == 0, "no changes: no confirmation needed, \(second.all)")
            #expect(emulator.requests().filter(\.mutating).isEmpty)
        }
    }

    /// What a CI health check sees: exit 3 while anything is missing or not deployed, with a
    /// JSON document that says which, and no request that changes anything.
    @Test func statusThroughTheBinaryExitsThreeUntilEverythingIsThere() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            let fresh = try await gcpctl.run(["status", "--env=dev", "--format", "json"])
            #expect(fresh.status == 3, "\(fresh.all)")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(fresh.output.utf8)) as? [String: Any])
            #expect(document["healthy"] as? Bool == false)
            #expect(document["exitCode"] as? Int == 3)
            let counts = try #require(document["counts"] as? [String: Int])
            #expect((counts["missing"] ?? 0) > 0 && counts["failed"] == 0, "\(counts)")
            #expect(emulator.requests().filter(\.mutating).isEmpty)

            #expect(try await gcpctl.run(["setup", "--env=dev", "--yes"]).status == 0)
            let afterSetup = try await gcpctl.run(["status", "--env=dev"])
            #expect(afterSetup.status == 3, "the services are not deployed yet: \(afterSetup.all)")
            #expect(afterSetup.output.contains("not deployed yet"))
        }
    }

    @Test func withoutATerminalAndWithoutYesNothingChanges() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            let run = try await gcpctl.run(["setup", "--env=dev"], input: "y\n")
            #expect(run.status == 1)
            #expect(run.errors.contains("standard input is not a terminal; pass --yes to confirm"))
            #expect(emulator.requests().filter(\.mutating).isEmpty)
        }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptStopsNewWorkNamesWhatIsStillRunningAndExits130(signal: Int32) async throws {
        try await GCPCtlProcess.withDemoProject({ $0.operationSeconds = ["sql": 3600] }) { emulator, gcpctl in
            let signalled = LogMark()
            let run = try await gcpctl.run(["setup", "--env=dev", "--yes"], signal: signal) {
                signalled.markWhen(emulator, setupWaitsOnlyOnCloudSQL)
            }
            #expect(run.status == 130, "\(run.all)")
            #expect(run.errors.contains("continue on Google's side"))
            #expect(run.errors.contains("Cloud SQL instance digitwinlive-db-dev"))
            #expect(signalled.mutatingAfter(emulator).isEmpty, "new work after the signal: \(signalled.mutatingAfter(emulator))")

            emulator.advanceClock(seconds: 3601)
            let again = try await gcpctl.run(["setup", "--env=dev", "--yes"])
            #expect(again.status == 0, "\(again.all)")
            #expect(emulator.requests(methodID: "sqladmin.instances.insert").count == 1)
        }
    }

    /// SIGKILL leaves no chance to say anything: the next run finds what the first started
    /// (the Cloud SQL instance still being created), waits for it, and makes nothing twice.
    @Test func aSetupKilledOutrightConvergesOnTheNextRun() async throws {
        try await GCPCtlProcess.withDemoProject({ $0.operationSeconds = ["sql": 3600] }) { emulator, gcpctl in
            let killed = try await gcpctl.run(["setup", "--env=dev", "--yes"], signal: SIGKILL) {
                !emulator.requests(methodID: "sqladmin.instances.insert").isEmpty
            }
            #expect(killed.status == SIGKILL, "killed by the signal: \(killed.all)")

            emulator.advanceClock(seconds: 3601)
            let again = try await gcpctl.run(["setup", "--env=dev", "--yes"])
            #expect(again.status == 0, "\(again.all)")
            emulator.clearRequests()
            let third = try await gcpctl.run(["setup", "--env=dev"])
            #expect(third.status == 0 && emulator.requests().filter(\.mutating).isEmpty, "converged: \(third.all)")
            let everything = emulator.state(project: "demo-project")?["resources"]
            #expect(everything?[EmulatorCollections.sqlInstances]?.objectValue?.count == 1)
            for secret in ["jwt-secret", "refresh-secret", "database-password"] {
                let versions = everything?[EmulatorCollections.secretVersions]?.objectValue?.keys.filter { $0.hasPrefix("\(secret)/") } ?? []
                #expect(versions.count == 1, "\(secret): \(versions.sorted())")
            }
        }
    }
}
