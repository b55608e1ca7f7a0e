import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Setup when Google misbehaves or the user interrupts: it still converges, and nothing
/// is made twice.
@Suite struct SetupResilienceTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func oneSetupConvergesUnderTwentyPercentFaults(seed: UInt64) async throws {
        try await withEmulatedProject({ configuration in
            configuration.faultRate = 0.2
            configuration.seed = seed
            configuration.retryAfterSeconds = 0
            configuration.slowResponseMilliseconds = 3000
        }) { project in
            project.extraEnvironment["GCPCTL_HTTP_TIMEOUT_MS"] = "1000"
            project.extraEnvironment["GCPCTL_RETRY_MAX_ATTEMPTS"] = "10"
            let run = await project.setup()
            #expect(run.status == .success, "\(run.diagnostics)")
            let faults = project.emulator.requests().filter { $0.fault != nil }.count
            #expect(faults > 0, "the emulator injected no fault")

            for secret in ["jwt-secret", "refresh-secret", "database-password"] {
                #expect(secretVersions(secret, in: project).count == 1, "\(secret) has a duplicate version")
            }
            let buckets = project.emulator.state(project: EmulatedProject.project)?["resources"]?["storage.buckets"]?.objectValue ?? [:]
            #expect(buckets.count == 6, "the environment's four, the staging and the build logs buckets")

            // Converged: the next plan, under the same faults, finds nothing to do.
            let plan = await project.plan()
            #expect(plan.output.contains("No changes"), "\(plan.output)\(plan.diagnostics)")
        }
    }

    @Test func anInterruptedSetupConvergesOnTheNextRun() async throws {
        try await withEmulatedProject({ configuration in
            // The Cloud SQL instance takes long enough to be under way when Ctrl-C comes.
            configuration.operationSeconds = ["sql": 3600]
        }) { project in
            let interrupts = InterruptMonitor()
            let emulator = project.emulator
            let signalled = LogMark()
            let polled = emulator.whenLog(setupWaitsOnlyOnCloudSQL) {
                signalled.mark(emulator)
                interrupts.interrupt(signal: SIGINT)
            }
            let run = await project.run("setup", settings: GlobalSettings(environment: "dev", assumeYes: true),
                                        interrupts: interrupts) { context, connector in
                try await SetupWorkflow(executor: fastExecutor).run(context, connector: connector)
            }
            #expect(await polled.value, "setup never got to where only the Cloud SQL instance is left")
            #expect(run.status == .interrupted)
            #expect(run.diagnostics.contains("continue on Google's side"))
            #expect(run.diagnostics.contains("Cloud SQL instance digitwinlive-db-dev"))
            #expect(signalled.mutatingAfter(emulator).isEmpty, "new work after the signal: \(signalled.mutatingAfter(emulator))")

            project.emulator.advanceClock(seconds: 3601)
            let second = await project.setup()
            #expect(second.status == .success, "\(second.diagnostics)")
            #expect(project.emulator.requests(methodID: "sqladmin.instances.insert").count == 1)
            #expect(await project.plan().output.contains("No changes"))
        }
    }

    @Test func aFailureStopsOnlyWhatDependsOnIt() async throws {
        try await withEmulatedProject { project in
            project.emulator.inject(FaultRule(methodID: "sqladmin.instances.insert",
                                              action: .status(code: 400, status: "INVALID_ARGUMENT", message: "Invalid tier."), times: 0))
            let run = await project.setup()
            #expect(run.status == .operationFailed)
            #expect(run.output.contains("Cloud SQL instance digitwinlive-db-dev") && run.diagnostics.contains("Invalid tier."))
            #expect(run.diagnostics.contains("Cloud SQL database digitwinlive-db-dev/digitwinlive-db skipped"))
            // Everything that does not need the instance was made.
            #expect(project.resource("storage.buckets", "clone-uploads-dev") != nil)
            #expect(secretVersions("jwt-secret", in: project).count == 1)
        }
    }

    @Test func createKeyWritesAnOwnerOnlyFileOnceAndWarns() async throws {
        try await withEmulatedProject { project in
            let path = project.directory.url.appendingPathComponent("runtime-key.json").path
            let workflow = SetupWorkflow(resources: .init(keyFile: path), executor: fastExecutor)
            let run = await project.setup(workflow)
            #expect(run.status == .success, "\(run.diagnostics)")
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let key = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
            #expect(key?["client_email"] as? String == "digitwinlive-sa@demo-project.iam.gserviceaccount.com")
            #expect(run.diagnostics.contains("prefer keyless authentication"))
            #expect(!run.diagnostics.contains("PRIVATE KEY") && !run.output.contains("PRIVATE KEY"))

            project.emulator.clearRequests()
            #expect(await project.setup(workflow).status == .success)
            #expect(project.emulator.requests(methodID: "iam.projects.serviceAccounts.keys.create").isEmpty)
        }
    }
}

func secretVersions(_ secret: String, in project: EmulatedProject) -> [String] {
    let versions = project.emulator.state(project: EmulatedProject.project)?["resources"]?["secretmanager.versions"]?.objectValue ?? [:]
    return versions.keys.filter { $0.hasPrefix("\(secret)/") }
}

@Suite struct CloudSQLQueueTests {
    /// Cloud SQL refuses a second operation on an instance while one runs; the database
    /// and the password wait their turn instead of colliding (and exhausting retries).
    @Test func changesToOneInstanceQueueInsteadOfColliding() async throws {
        try await withEmulatedProject({ $0.operationSeconds = ["sql": 0.3] }) { project in
            let run = await project.setup()
            #expect(run.status == .success, "\(run.diagnostics)")
            let refused = project.emulator.requests().filter { $0.methodID?.hasPrefix("sqladmin.") == true && $0.status == 409 }
            #expect(refused.isEmpty, "\(refused.map(\.url))")
        }
    }
}
