import Foundation
import GCPEmulator
import Testing
import TestSupport

/// SIGINT and SIGTERM to the gcpctl binary while deploy and cleanup have work under way
/// at Google: no new work starts, the output names what keeps running there, the exit
/// status is 130, and the next run converges. (Setup: ProcessWorkflowTests.)
@Suite struct InterruptionProcessTests {
    static let services = ["api-gateway", "websocket-server", "face-processing-service"]

    /// Builds take 10 minutes (under Cloud Build's 20-minute timeout gcpctl sets).
    @Test(arguments: [SIGINT, SIGTERM])
    func aDeployInterruptedWhileBuildingLeavesTheBuildsRunningAndTheNextDeployUsesThem(signal: Int32) async throws {
        try await Self.interruptedDeploy(signal, slow: ["build": 600], polling: "cloudbuild.projects.locations.builds.get") {
            emulator, gcpctl, run, signalled in
            #expect(run.status == 130, "\(run.all)")
            for service in Self.services {
                #expect(run.errors.contains("\(service): interrupted; its build "), "\(run.errors)")
            }
            #expect(run.errors.contains("continues on Google's side"))
            #expect(signalled.mutatingAfter(emulator).isEmpty, "new work after the signal: \(signalled.mutatingAfter(emulator))")
            #expect(emulator.requests(methodID: "run.projects.locations.services.create").isEmpty)

            emulator.advanceClock(seconds: 601)
            let again = try await gcpctl.run(["deploy", "--env=dev", "--verify-timeout", "2"])
            #expect(again.status == 0, "\(again.all)")
            #expect(emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").count == 3, "the builds already made are used")
            #expect(emulator.requests(methodID: "run.projects.locations.services.create").count == 3)
        }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aDeployInterruptedWhileCloudRunDeploysNamesTheServicesAndTheNextDeployFinishes(signal: Int32) async throws {
        try await Self.interruptedDeploy(signal, slow: ["run": 3600], polling: "run.projects.locations.operations.get") {
            emulator, gcpctl, run, signalled in
            #expect(run.status == 130, "\(run.all)")
            for service in Self.services {
                #expect(run.errors.contains("\(service): interrupted; creating Cloud Run service \(service) continues on Google's side"),
                        "\(run.errors)")
            }
            #expect(signalled.mutatingAfter(emulator).isEmpty, "new work after the signal: \(signalled.mutatingAfter(emulator))")

            emulator.advanceClock(seconds: 3601)
            let again = try await gcpctl.run(["deploy", "--env=dev", "--verify-timeout", "2"])
            #expect(again.status == 0, "\(again.all)")
            #expect(emulator.requests(methodID: "run.projects.locations.services.create").count == 3, "nothing created twice")
            #expect(emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").count == 3)
        }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aCleanupInterruptedWhileDeletingServicesNamesThemAndTheNextCleanupFinishes(signal: Int32) async throws {
        let workspace = try ProcessWorkflowTests.workspace()
        defer { workspace.remove() }
        let statePath = workspace.path + "/emulator-state.json"
        // Deployed with operations that finish at once, then cleaned up with Cloud Run's
        // deletes taking an hour: one state file, two emulators.
        try await withEmulator(ProcessWorkflowTests.configuration { $0.statePath = statePath }) { emulator in
            let gcpctl = GCPCtlProcess.demoProject(emulator, in: workspace)
            let setup = try await gcpctl.run(["setup", "--env=dev", "--yes"])
            let deploy = try await gcpctl.run(["deploy", "--env=dev", "--verify-timeout", "2"])
            #expect(setup.status == 0 && deploy.status == 0, "\(setup.all)\(deploy.all)")
        }
        try await withEmulator(ProcessWorkflowTests.configuration {
            $0.statePath = statePath
            $0.operationSeconds = ["run": 3600]
        }) { emulator in
            let gcpctl = GCPCtlProcess.demoProject(emulator, in: workspace)
            let cleanup = ["cleanup", "--env=dev", "--all", "--yes", "--confirm-project=demo-project"]
            let signalled = LogMark()
            let run = try await gcpctl.run(cleanup, signal: signal) {
                signalled.markWhen(emulator) { Self.polled("run.projects.locations.operations.get", in: $0) == 3 }
            }
            #expect(run.status == 130, "\(run.all)")
            #expect(run.errors.contains("Interrupted. These deletions were under way and continue on Google's side: "
                                        + Self.services.sorted().map { "Cloud Run service \($0)" }.joined(separator: ", ")), "\(run.errors)")
            #expect(run.output.contains("run cleanup again to finish"))
            #expect(signalled.mutatingAfter(emulator).isEmpty, "new work after the signal: \(signalled.mutatingAfter(emulator))")
            #expect(emulator.requests(methodID: "sqladmin.instances.delete").isEmpty, "the next step never started")

            emulator.advanceClock(seconds: 3601)
            let again = try await gcpctl.run(cleanup)
            #expect(again.status == 0, "\(again.all)")
            let resources = emulator.state(project: "demo-project")?["resources"]?.objectValue ?? [:]
            for collection in [EmulatorCollections.runServices, EmulatorCollections.sqlInstances, EmulatorCollections.buckets,
                               EmulatorCollections.secrets, EmulatorCollections.repositories, EmulatorCollections.serviceAccounts] {
                #expect(resources[collection]?.objectValue?.isEmpty ?? true, "\(collection) is not empty")
            }
        }
    }

    /// Setup, then `gcpctl deploy` with operations of `slow` kinds taking that long,
    /// signalled once all three services' `methodID` is being polled.
    static func interruptedDeploy(
        _ signal: Int32, slow: [String: Double], polling methodID: String,
        _ body: (Emulator, GCPCtlProcess, GCPCtlProcess.Result, LogMark) async throws -> Void
    ) async throws {
        try await GCPCtlProcess.withDemoProject({ $0.operationSeconds = slow }) { emulator, gcpctl in
            let setup = try await gcpctl.run(["setup", "--env=dev", "--yes"])
            #expect(setup.status == 0, "\(setup.all)")
            let signalled = LogMark()
            let run = try await gcpctl.run(["deploy", "--env=dev", "--verify-timeout", "2"], signal: signal) {
                signalled.markWhen(emulator) { Self.polled(methodID, in: $0) == 3 }
            }
            try await body(emulator, gcpctl, run, signalled)
        }
    }

    /// How many distinct resources (URLs) `methodID` has polled: each is work under way.
    static func polled(_ methodID: String, in requests: [RequestLogEntry]) -> Int {
        Set(requests.filter { $0.methodID == methodID }.map(\.url)).count
    }
}
