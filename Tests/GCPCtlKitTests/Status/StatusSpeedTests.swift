import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// How status reads: all at once, each thing once, one token, bounded in time.
@Suite struct StatusSpeedTests {
    @Test func noObservationIsRepeatedAndOneTokenServesEveryPass() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            try project.useKeyFile()
            project.emulator.clearRequests()
            let grantsBefore = project.emulator.tokenGrantCount
            let (run, document) = try await project.statusDocument()
            #expect(run.status == .unhealthy, "services not deployed: \(run.output)")
            let requests = project.apiRequests
            let repeated = Dictionary(grouping: requests, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(repeated == [], "read twice: \(repeated)")
            #expect(requests.count == document.requests)
            #expect(project.emulator.requests(methodID: "cloudresourcemanager.projects.getIamPolicy").count == 1)
            #expect(project.emulator.requests().filter(\.mutating).isEmpty)

            let watch = StatusWorkflow(watchInterval: .seconds(1), maxPasses: 3, sleep: { _ in })
            let watched = await project.status(watch)
            #expect(watched.status == .unhealthy)
            #expect(project.emulator.tokenGrantCount - grantsBefore == 2, "one token for the JSON run, one for the three passes")
        }
    }

    @Test("Property 29: status reads everything together and answers within --timeout even when an API hangs")
    func property29StatusCheckPerformance() async throws {
        try await withEmulatedProject({ $0.latencyMilliseconds = 50 }) { project in
            #expect(await project.setup().status == .success)
            let probe = ConcurrencyProbe(CurlTransport())
            let run = await project.status(over: probe)
            #expect(run.status == .unhealthy, "services not deployed: \(run.output)")
            #expect(probe.peak >= 12, "independent reads are in flight together (peak \(probe.peak) of the client's 16)")

            project.emulator.inject(FaultRule(methodID: "sqladmin.instances.get", action: .delay(milliseconds: 600_000), times: 0))
            let (slow, document) = try await project.statusDocument(StatusWorkflow(timeout: .seconds(10)))
            #expect(slow.status == .operationFailed)
            let row = try #require(document.row("sql-instance", "digitwinlive-db-dev"))
            #expect(row.state == "failed")
            #expect(row.reason == "no answer within 10 s")
            for bucket in document.buckets { #expect(bucket.state == "ok", "\(bucket.name): \(bucket.reason ?? "")") }
        }
    }

    @Test func watchPrintsANewReportEachPassWhenNotOnATerminal() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let passes = Locked(0)
            let watch = StatusWorkflow(watchInterval: .seconds(7), maxPasses: 2, sleep: { interval in
                #expect(interval == .seconds(7))
                passes.withLock { $0 += 1 }
            })
            let run = await project.status(watch)
            #expect(run.status == .unhealthy)
            #expect(passes.current == 1, "slept once between two passes")
            #expect(run.output.components(separatedBy: "every 7 s, Ctrl-C to stop").count == 3)
            #expect(!run.output.contains("\u{1B}[2J"), "no screen clearing in a log")
        }
    }
}
