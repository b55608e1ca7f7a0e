import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// gcp-manage.sh's day-2 commands: sql start|stop and enable.
@Suite struct SQLPowerTests {
    func activationPolicy(_ project: EmulatedProject) -> String? {
        project.resource(EmulatorCollections.sqlInstances, "digitwinlive-db-dev")?[path: "settings.activationPolicy"]?.stringValue
    }

    func sql(_ action: SQLPowerWorkflow.Action, _ project: EmulatedProject, yes: Bool = true, input: [String] = [],
             interactive: Bool = false) async -> EmulatedProject.Run {
        await project.sql(action, yes: yes, input: input, interactive: interactive)
    }

    @Test func stopThenStartRoundTripsThroughCloudSQLOperations() async throws {
        try await withEmulatedProject({ $0.operationSeconds = ["sql": 0.3] }) { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()

            let stop = await sql(.stop, project)
            #expect(stop.status == .success, "\(stop.diagnostics)")
            #expect(activationPolicy(project) == "NEVER")
            let patches = project.mutatingRequests
            #expect(patches.map(\.methodID) == ["sqladmin.instances.patch"])
            #expect(patches.first?.body?[path: "settings.activationPolicy"]?.stringValue == "NEVER")
            #expect(project.emulator.requests(methodID: "sqladmin.operations.get").count >= 1, "waited on the operation")
            #expect(stop.output.contains("Cloud SQL instance digitwinlive-db-dev is stopped (activation policy NEVER)"))

            project.emulator.clearRequests()
            let again = await sql(.stop, project)
            #expect(again.status == .success)
            #expect(project.mutatingRequests.isEmpty, "already stopped: nothing sent")
            #expect(again.output.contains("is already stopped (activation policy NEVER); nothing to do"))

            let start = await sql(.start, project)
            #expect(start.status == .success, "\(start.diagnostics)")
            #expect(activationPolicy(project) == "ALWAYS")
            #expect(start.output.contains("is running (activation policy ALWAYS)"))

            project.emulator.clearRequests()
            let startAgain = await sql(.start, project)
            #expect(startAgain.status == .success)
            #expect(project.mutatingRequests.isEmpty, "already running: nothing sent")
            #expect(startAgain.output.contains("is already running (activation policy ALWAYS); nothing to do"))
        }
    }

    /// `--no-wait` hands the change to Cloud SQL and returns: one patch, no polling, and the
    /// operation named so that status (or the console) can follow it.
    @Test func noWaitReturnsOnceCloudSQLHasTheChange() async throws {
        try await withEmulatedProject({ $0.operationSeconds = ["sql": 0.3] }) { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            let stop = await project.sql(.stop, wait: false)
            #expect(stop.status == .success, "\(stop.diagnostics)")
            #expect(project.mutatingRequests.map(\.methodID) == ["sqladmin.instances.patch"])
            #expect(project.emulator.requests(methodID: "sqladmin.operations.get").isEmpty, "did not wait")
            #expect(stop.output.contains("Cloud SQL is stopping digitwinlive-db-dev (operation "))
            #expect(stop.output.contains("gcpctl status --env=dev shows when it is done"))
        }
    }

    /// A read that fails while waiting (here a 403 on the operation) is said once, with what
    /// was being done, and is not tried again: it is not the operation that failed.
    @Test func anErrorWhileWaitingIsSaidOnceWithWhatWasBeingDone() async throws {
        try await withEmulatedProject({ $0.operationSeconds = ["sql": 0.3] }) { project in
            #expect(await project.setup().status == .success)
            project.emulator.inject(FaultRule(methodID: "sqladmin.operations.get", action: .status(
                code: 403, status: "PERMISSION_DENIED", message: "The caller does not have permission"), times: 0))
            project.emulator.clearRequests()
            let stop = await sql(.stop, project)
            #expect(stop.status == .operationFailed)
            let said = stop.diagnostics.split(separator: "\n").filter { $0.contains("The caller does not have permission") }
            #expect(said.count == 1, "\(stop.diagnostics)")
            #expect(said.first?.contains("stopping Cloud SQL instance digitwinlive-db-dev failed: ") == true, "\(stop.diagnostics)")
            #expect(project.mutatingRequests.map(\.methodID) == ["sqladmin.instances.patch"])
        }
    }

    /// Cloud SQL's operations sometimes fail for reasons of their own: the patch is tried once
    /// more (it sets a state, so repeating it is safe), and a second failure is the error.
    @Test(arguments: [1, 2])
    func aFailedStopOperationIsTriedOnceMore(failures: Int) async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            project.emulator.inject(FaultRule(methodID: "sqladmin.instances.patch",
                                              action: .failOperation(message: "Internal error (injected)."), times: failures))

            let stop = await sql(.stop, project)
            let lines = stop.diagnostics.split(separator: "\n")
            let retried = lines.filter { $0.contains("stopping Cloud SQL instance digitwinlive-db-dev failed: INTERNAL_ERROR: Internal error (injected).; trying again") }
            #expect(retried.count == 1, "\(stop.diagnostics)")
            #expect(project.mutatingRequests.map(\.methodID) == ["sqladmin.instances.patch", "sqladmin.instances.patch"])
            if failures == 1 {
                #expect(stop.status == .success, "\(stop.diagnostics)")
                #expect(activationPolicy(project) == "NEVER")
            } else {
                #expect(stop.status == .operationFailed)
                let failed = lines.filter { $0.contains("failed: INTERNAL_ERROR: Internal error (injected).") && !$0.contains("trying again") }
                #expect(failed.count == 1, "said once: \(stop.diagnostics)")
            }
        }
    }

    @Test func stopNeedsConsent() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            let refused = await sql(.stop, project, yes: false)
            #expect(refused.status == .configurationError)
            #expect(refused.diagnostics.contains("pass --yes to confirm"))
            let declined = await sql(.stop, project, yes: false, input: ["n"], interactive: true)
            #expect(declined.status == .configurationError)
            #expect(project.mutatingRequests.isEmpty)
            #expect(activationPolicy(project) == "ALWAYS")
            let accepted = await sql(.stop, project, yes: false, input: ["y"], interactive: true)
            #expect(accepted.status == .success)
            #expect(activationPolicy(project) == "NEVER")
        }
    }

    @Test func aMissingInstanceIsReportedWithTheCommandThatCreatesIt() async throws {
        try await withEmulatedProject { project in
            project.emulator.setServices(["sqladmin.googleapis.com"], enabled: true, project: EmulatedProject.project)
            let run = await sql(.start, project)
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("Cloud SQL instance digitwinlive-db-dev in project demo-project does not exist; create it with gcpctl setup --env=dev"))
        }
    }
}

@Suite struct EnableTests {
    func enable(_ apis: [String], _ project: EmulatedProject) async -> EmulatedProject.Run {
        await project.dayTwo("enable") { context, connector in try await EnableWorkflow(apis: apis).run(context, connector: connector) }
    }

    @Test func enablesShortAndFullNamesOnceAndIsIdempotent() async throws {
        try await withEmulatedProject { project in
            let first = await enable(["sqladmin", "run.googleapis.com", "secretmanager", "sqladmin"], project)
            #expect(first.status == .success, "\(first.diagnostics)")
            let batches = project.emulator.requests(methodID: "serviceusage.services.batchEnable")
            #expect(batches.count == 1)
            #expect(batches.first?.body?["serviceIds"] == ["sqladmin.googleapis.com", "run.googleapis.com", "secretmanager.googleapis.com"])
            let enabled = project.emulator.state(project: EmulatedProject.project)?["enabledServices"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(Set(enabled).isSuperset(of: ["sqladmin.googleapis.com", "run.googleapis.com", "secretmanager.googleapis.com"]))

            project.emulator.clearRequests()
            let second = await enable(["sqladmin", "run"], project)
            #expect(second.status == .success)
            #expect(project.mutatingRequests.isEmpty)
            #expect(second.output.contains("All 2 APIs were already enabled in project demo-project; nothing was sent"))
            let one = await enable(["run"], project)
            #expect(one.output.contains("run.googleapis.com was already enabled in project demo-project; nothing was sent"))
        }
    }

    @Test func withoutNamesTheEnvironmentsAPIsAreEnabledInBatchesOfTwenty() async throws {
        try await withEmulatedProject { project in
            let run = await enable([], project)
            #expect(run.status == .success)
            let batches = project.emulator.requests(methodID: "serviceusage.services.batchEnable")
            #expect(batches.allSatisfy { ($0.body?["serviceIds"]?.arrayValue?.count ?? 0) <= 20 })
            #expect(run.output.contains("run.googleapis.com"))
        }
    }
}
