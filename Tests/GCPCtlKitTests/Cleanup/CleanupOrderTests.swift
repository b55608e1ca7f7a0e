import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// The order of deletion, and an interruption part way.
@Suite struct CleanupOrderTests {
    @Test func whatUsesAResourceIsDeletedBeforeItAndTheAPIsLast() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let environment = try await project.resourceContext().environment
            for service in environment.services { try await project.createService(service.name, labels: environment.labels) }
            project.addCluster("legacy-cluster", labels: environment.labels)
            project.emulator.clearRequests()
            let run = await project.cleanupAll(disableAPIs: true)
            #expect(run.status == .success, "\(run.diagnostics)")

            let log = project.mutatingRequests.map { $0.methodID ?? "" }
            func expectBefore(_ earlier: String, _ later: String) throws {
                let lastEarlier = try #require(log.lastIndex(of: earlier), "\(earlier) not sent")
                let firstLater = try #require(log.firstIndex(of: later), "\(later) not sent")
                #expect(lastEarlier < firstLater, "\(earlier) after \(later)")
            }
            // What runs as the account, reads the secrets or connects to the database goes first.
            for used in ["sqladmin.instances.delete", "secretmanager.projects.secrets.delete",
                         "cloudresourcemanager.projects.setIamPolicy", "iam.projects.serviceAccounts.delete"] {
                try expectBefore("run.projects.locations.services.delete", used)
            }
            // The account's project roles go before the account; the APIs after everything.
            try expectBefore("cloudresourcemanager.projects.setIamPolicy", "iam.projects.serviceAccounts.delete")
            #expect(log.last == "serviceusage.services.disable")
            #expect(log.filter { $0 == "serviceusage.services.disable" }.count == log.count - log.firstIndex(of: "serviceusage.services.disable")!)
            #expect(log.contains("container.projects.locations.clusters.delete"))
            #expect(log.filter { $0 == "run.projects.locations.services.delete" }.count == 3)
            #expect(run.output.contains("  - Cloud Run service api-gateway (with all its revisions)"))
        }
    }

    /// Deletions that do not wait on each other go out together: the services' delete
    /// operations finish only once all three deletes have reached the emulator. A cleanup that
    /// deleted one service at a time would never get there; it is interrupted when the log
    /// wait gives up, and fails.
    @Test func independentDeletionsRunTogether() async throws {
        try await withEmulatedProject({ configuration in
            configuration.operationSeconds = ["run": 3600]
        }) { project in
            #expect(await project.setup().status == .success)
            let environment = try await project.resourceContext().environment
            for service in environment.services { try await project.createService(service.name, labels: environment.labels, wait: false) }
            let emulator = project.emulator
            emulator.advanceClock(seconds: 3601)
            emulator.clearRequests()
            let interrupts = InterruptMonitor()
            let deletes: @Sendable ([RequestLogEntry]) -> Int = { log in log.filter { $0.methodID == "run.projects.locations.services.delete" }.count }
            let allSent = emulator.whenLog({ deletes($0) == 3 }) {
                if deletes(emulator.requests()) == 3 { emulator.advanceClock(seconds: 3601) } else { interrupts.interrupt(signal: SIGINT) }
            }
            let run = await project.cleanupAll(interrupts: interrupts)
            #expect(await allSent.value, "the services were not deleted together")
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.names(EmulatorCollections.runServices).isEmpty)
        }
    }

    @Test func anInterruptionStopsWhatWaitsAndSaysWhatContinues() async throws {
        try await withEmulatedProject({ configuration in
            configuration.operationSeconds = ["run": 3600]
        }) { project in
            #expect(await project.setup().status == .success)
            try await project.createService("api-gateway", labels: try await project.resourceContext().environment.labels, wait: false)
            project.emulator.advanceClock(seconds: 3601)
            let interrupts = InterruptMonitor()
            let emulator = project.emulator
            let polled = emulator.whenReceived({ $0.methodID == "run.projects.locations.operations.get" }) {
                interrupts.interrupt(signal: SIGINT)
            }
            let run = await project.cleanupAll(interrupts: interrupts)
            #expect(await polled.value, "cleanup never polled the service's delete operation")
            #expect(run.status == .interrupted)
            #expect(run.diagnostics.contains("continue on Google's side: Cloud Run service api-gateway"))
            #expect(run.output.contains("run cleanup again to finish."))
            // What waits for the service is not started: the database, the secrets, the account.
            #expect(project.emulator.requests(methodID: "sqladmin.instances.delete").isEmpty)
            #expect(project.emulator.requests(methodID: "secretmanager.projects.secrets.delete").isEmpty)
            #expect(project.emulator.requests(methodID: "iam.projects.serviceAccounts.delete").isEmpty)
            #expect(project.names(EmulatorCollections.sqlInstances).count == 1)
        }
    }
}
