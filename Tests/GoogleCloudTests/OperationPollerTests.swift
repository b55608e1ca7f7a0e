import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

@Suite struct OperationPollerTests {
    @Test func pollsAnOperationToSuccessReportingProgress() async throws {
        var configuration = EmulatorConfiguration()
        configuration.operationSeconds = ["serviceusage": 600]
        try await withEmulator(configuration) { emulator in
            let connection = try await connect(emulator)
            let usage = ServiceUsageAPI(connection.client)
            let operation = try await usage.batchEnable(project: "demo-project", services: ["sqladmin.googleapis.com"])
            #expect(operation.done != true)
            let progress = Progressed()
            // Each progress report moves the emulator's clock past the operation's end, so the
            // next poll finds it done: no real waiting, no sleeps.
            try await usage.waitFor(operation, what: "enabling APIs", poller: quickPoller) { report in
                progress.record(report)
                emulator.advanceClock(seconds: 601)
            }
            #expect(progress.count >= 1)
            #expect(try await usage.enabledServices(project: "demo-project").contains("sqladmin.googleapis.com"))
        }
    }

    @Test func aFailedOperationSurfacesItsError() async throws {
        try await withEmulator { emulator in
            emulator.inject(FaultRule(methodID: "serviceusage.services.batchEnable", action: .failOperation(message: "quota exceeded for enabling")))
            let connection = try await connect(emulator)
            let usage = ServiceUsageAPI(connection.client)
            let operation = try await usage.batchEnable(project: "demo-project", services: ["run.googleapis.com"])
            let error = await #expect(throws: OperationError.self) {
                try await usage.waitFor(operation, what: "enabling APIs", poller: quickPoller)
            }
            #expect(error?.description == "enabling APIs failed: quota exceeded for enabling")
        }
    }

    @Test func aTimeoutSaysTheOperationMayStillBeRunning() async throws {
        let poller = OperationPoller(initialInterval: .milliseconds(1), sleep: { _ in })
        var polls = 0
        let error = await #expect(throws: OperationError.self) {
            let _: Int = try await poller.wait(for: "creating Cloud SQL instance db", timeout: .zero) {
                polls += 1
                return .pending(status: "RUNNING")
            }
        }
        #expect(polls == 1)
        #expect(error?.description.contains("may still be running on Google's side") == true)
    }
}

final class Progressed: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [OperationProgress] = []
    func record(_ report: OperationProgress) { lock.withLock { reports.append(report) } }
    var count: Int { lock.withLock { reports.count } }
}
