import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// Cleanup when a deletion fails, and turning the APIs off.
@Suite struct CleanupResilienceTests {
    @Test func aFailedDeletionIsReportedWithExit2AndEverythingElseIsDeleted() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.inject(FaultRule(methodID: "storage.buckets.delete", pathContains: "clone-uploads-dev",
                                              action: .status(code: 403, status: "PERMISSION_DENIED", message: "Caller may not delete this bucket."),
                                              times: 0))
            let run = await project.cleanupAll(disableAPIs: true)
            #expect(run.status == .operationFailed)
            #expect(project.names(EmulatorCollections.buckets) == ["clone-uploads-dev"])
            #expect(project.names(EmulatorCollections.objects).isEmpty)
            #expect(project.names(EmulatorCollections.secrets).isEmpty)
            #expect(project.names(EmulatorCollections.sqlInstances).isEmpty)
            #expect(project.names(EmulatorCollections.serviceAccounts).isEmpty)
            #expect(project.names(EmulatorCollections.repositories).isEmpty)
            #expect(run.diagnostics.contains("❌ bucket clone-uploads-dev: ") && run.diagnostics.contains("Caller may not delete this bucket."))
            #expect(run.output.contains("skipped (1): 9 project APIs (bucket clone-uploads-dev failed)"))
            #expect(run.output.contains("1 failure; everything else chosen was deleted. Fix the cause and run cleanup again."))
            #expect(project.enabledServices.contains("storage.googleapis.com"), "the APIs stay on while something is left")
        }
    }

    @Test func aKindThatCannotBeListedIsReportedAndTheOthersAreStillDeleted() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.inject(FaultRule(methodID: "secretmanager.projects.secrets.list",
                                              action: .status(code: 403, status: "PERMISSION_DENIED", message: "Permission denied on secrets."),
                                              times: 0))
            let run = await project.cleanupAll()
            #expect(run.status == .operationFailed)
            #expect(run.output.contains("secrets: could not be listed: "))
            #expect(run.diagnostics.contains("❌ secrets (listing): "))
            #expect(project.names(EmulatorCollections.buckets).isEmpty)
            #expect(project.names(EmulatorCollections.secrets) == CleanupTests.secrets)
        }
    }

    @Test func disableAPIsTurnsTheEnvironmentsAPIsOffLastAndASecondRunChangesNothing() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let run = await project.cleanupAll(disableAPIs: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.output.contains("  - then turn off 9 APIs: compute.googleapis.com, sqladmin.googleapis.com"))
            let environment = try await project.resourceContext().environment
            let stillOn = Set(environment.apis).intersection(project.enabledServices)
            #expect(stillOn == ["serviceusage.googleapis.com"])
            let disables = project.emulator.requests(methodID: "serviceusage.services.disable")
            let lastDelete = project.emulator.requests().lastIndex { $0.method == "DELETE" } ?? 0
            let firstDisable = project.emulator.requests().firstIndex { $0.methodID == "serviceusage.services.disable" } ?? 0
            #expect(disables.count == 9 && firstDisable > lastDelete)

            project.emulator.clearRequests()
            let second = await project.cleanupAll(disableAPIs: true)
            #expect(second.status == .success, "\(second.diagnostics)")
            #expect(second.diagnostics.contains("Nothing to delete"))
            #expect(project.mutatingRequests.isEmpty)
        }
    }
}
