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
            // A secret's latest value is read beside it, once, only to tell a placeholder
            // (PlaceholderSecretTests); it is never shown.
            let accesses = project.emulator.requests(methodID: "secretmanager.projects.secrets.versions.access")
            #expect(accesses.count == 3 && accesses.allSatisfy { $0.url.hasSuffix("/versions/latest:access") },
                    "\(accesses.map(\.url))")

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
            #expect(probe.peak >= 12, "independent reads are in flight together (peak \(probe.peak))")

            // A hanging resource read and a hanging alert-policy list both give way to the deadline.
            for method in ["sqladmin.instances.get", "monitoring.projects.alertPolicies.list"] {
                project.emulator.inject(FaultRule(methodID: method, action: .delay(milliseconds: 600_000), times: 0))
            }
            // 30 s, as the command's default: under the whole suite's load a read can take tens of seconds.
            let (slow, document) = try await project.statusDocument(StatusWorkflow(timeout: .seconds(30)))
            #expect(slow.status == .operationFailed)
            for (kind, name) in [("sql-instance", "digitwinlive-db-dev"), ("alert-policies", "alert policies")] {
                let row = try #require(document.row(kind, name))
                #expect(row.state == "failed")
                #expect(row.reason == "no answer within 30 s")
            }
            for bucket in document.buckets { #expect(bucket.state == "ok", "\(bucket.name): \(bucket.reason ?? "")") }
        }
    }

    /// The project number is one lookup shared by every bucket's row (issue 15): when it
    /// hangs, each row still gives way to the deadline, instead of waiting for the shared
    /// request as long as the transport lets it run.
    @Test func aHangingSharedLookupGivesWayToTheDeadline() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.inject(FaultRule(methodID: "serviceusage.services.get", action: .delay(milliseconds: 600_000), times: 0))
            let (slow, document) = try await project.statusDocument(StatusWorkflow(timeout: .seconds(5)))
            #expect(slow.status == .operationFailed)
            #expect(!document.buckets.isEmpty)
            for bucket in document.buckets {
                #expect(bucket.state == "failed", "\(bucket.name)")
                #expect(bucket.reason == "no answer within 5 s", "\(bucket.name)")
            }
        }
    }

    /// The client's bound (64 for status: every read of the development environment at
    /// once, with room) holds for every request status sends, the services' /health GETs
    /// included, seen from both ends: the transport and the emulator.
    @Test func neverMoreThanTheBoundIsInFlight() async throws {
        let bound = StatusWorkflow().concurrency
        try await withEmulatedProject { project in
            // More reads than the bound: each secret is read twice (the secret, its versions).
            let extra = (1...40).map { "  - id: extra-secret-\($0)\n" }.joined()
            project.editEnvironment { $0.replacingOccurrences(of: "  - id: database-password\n", with: "  - id: database-password\n" + extra) }
            #expect(await project.setUpAndDeploy().status == .success)
            // Every API answer takes 50 ms from now on, so that reads pile up.
            project.emulator.inject(FaultRule(action: .delay(milliseconds: 50), times: 0))
            project.emulator.clearRequests()
            project.emulator.resetPeakConcurrentRequests()
            let probe = ConcurrencyProbe(CurlTransport())
            let run = await project.status(over: probe)
            #expect(run.status == .success, "\(run.output)")
            let health = project.emulator.requests().filter { $0.api == "run.app" && $0.url.hasSuffix("/health") }
            #expect(health.count == 3, "each service's /health read once")
            #expect(project.apiRequests.count > bound, "more reads than the bound: \(project.apiRequests.count)")
            #expect(probe.peak <= bound, "the transport had \(probe.peak) requests in flight")
            #expect(project.emulator.peakConcurrentRequests <= bound, "the emulator answered \(project.emulator.peakConcurrentRequests) at once")
            #expect(project.emulator.peakConcurrentRequests > 1, "reads are sent together")
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
