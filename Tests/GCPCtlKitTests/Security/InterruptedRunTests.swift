import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 15, points 14 and 15: after a deploy interrupted while Cloud Run's operations ran,
/// the next deploy waits for them and writes the URLs of the services that are ready; an
/// interrupted setup's summary says "interrupted" and "run setup again", never "failed".
@Suite struct InterruptedRunTests {
    static let services = ["api-gateway", "websocket-server", "face-processing-service"]

    /// How many times each service's own GET came after the first `start` entries of the log.
    static func observations(_ log: [RequestLogEntry], after start: Int) -> [Int] {
        let later = log.dropFirst(start).filter { $0.methodID == "run.projects.locations.services.get" }
        return services.map { service in later.filter { $0.url.hasSuffix("/services/\(service)") }.count }
    }

    @Test func theNextDeployWaitsForCloudRunsOperationsAndWritesTheURLs() async throws {
        try await withEmulatedProject({ $0.operationSeconds = ["run": 3600] }) { project in
            #expect(await project.prepareForDeploy().status == .success)
            let interrupts = InterruptMonitor()
            let emulator = project.emulator
            let polled = emulator.whenLog({ log in
                Set(log.filter { $0.methodID == "run.projects.locations.operations.get" }.map(\.url)).count == 3
            }) { interrupts.interrupt(signal: SIGINT) }
            let first = await project.deploy(interrupts: interrupts)
            #expect(await polled.value, "the deploy never got to Cloud Run's operations")
            #expect(first.status == .interrupted, "\(first.diagnostics)")
            #expect(project.envFileText()?.contains("API_GATEWAY_URL") != true)

            // The operations still run; once the next deploy waits on each service, they end.
            let start = emulator.requests().count
            let waiting = emulator.whenLog({ Self.observations($0, after: start).allSatisfy { $0 >= 2 } }) {
                emulator.advanceClock(seconds: 3601)
            }
            let again = await project.deploy()
            #expect(await waiting.value, "the next deploy did not wait for the operations")
            #expect(again.status == .success, "\(again.diagnostics)")
            for service in Self.services {
                #expect(again.diagnostics.contains("\(service): an earlier deploy of it is still in progress at Cloud Run; waiting"),
                        "\(again.diagnostics)")
            }
            let text = project.envFileText() ?? ""
            for variable in ["API_GATEWAY_URL", "WEBSOCKET_URL", "FACE_PROCESSING_URL"] {
                #expect(text.contains("\(variable)=https://"), "\(variable) not written: \(text)")
            }
            let changes = emulator.requests().dropFirst(start).filter {
                ["run.projects.locations.services.create", "run.projects.locations.services.patch"].contains($0.methodID ?? "")
            }
            #expect(changes.isEmpty, "the services were deployed again: \(changes.map(\.url))")
        }
    }

    @Test func anInterruptedSetupsSummarySaysInterruptedAndRunSetupAgain() async throws {
        try await withEmulatedProject({ $0.operationSeconds = ["sql": 3600] }) { project in
            let interrupts = InterruptMonitor()
            let polled = project.emulator.whenLog(setupWaitsOnlyOnCloudSQL) { interrupts.interrupt(signal: SIGINT) }
            let run = await project.run("setup", settings: GlobalSettings(environment: "dev", assumeYes: true),
                                        interrupts: interrupts) { context, connector in
                try await SetupWorkflow(executor: fastExecutor).run(context, connector: connector)
            }
            #expect(await polled.value)
            #expect(run.status == .interrupted)
            let all = run.output + run.diagnostics
            // Five steps wait on the instance; a role write whose answer is still on its way
            // when the signal comes is a sixth (the log sees the request before gcpctl its answer).
            let counts = ["5", "6"]
            #expect(counts.contains { all.contains("Setup was interrupted: \($0) of ") }, "\(all)")
            #expect(all.contains("Run setup again to finish"))
            #expect(counts.contains { all.contains("interrupted (\($0)): ") } && all.contains("Cloud SQL instance digitwinlive-db-dev"), "\(all)")
            #expect(!all.contains("failed"), "\(all)")
            #expect(!all.contains("Fix the cause"))
        }
    }
}
