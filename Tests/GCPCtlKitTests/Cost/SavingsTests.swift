import Foundation
import Testing
@testable import GCPCtlKit

/// The savings `gcpctl cost` points out, each with its monthly amount at the book's prices.
@Suite struct SavingsTests {
    let d = CostFixture.decimal

    @Test func stoppingTheDevelopmentDatabaseOutsideWorkingHours() async throws {
        let estimate = try await CostFixture.estimate("dev")
        #expect(estimate.savings.map(\.kind) == ["sql-schedule"])
        let saving = try #require(estimate.savings.first)
        // db-f1-micro: 730 h × $0.0105 = $7.665 a month; 60 of 168 hours a week keeps 60/168 of it.
        #expect(saving.monthlySaving == d("7.665") - d("7.665") * 60 / 168)
        #expect(saving.monthlySaving.dollars == "$4.93")
        #expect(saving.advice == "Stop digitwinlive-db-dev outside working hours with `gcpctl sql stop --env=dev` (and `gcpctl sql start` in the morning): 12 h a day saves $3.83; 12 h on weekdays only (usage.sqlHoursPerWeek: 60) saves $4.93; storage is still paid")
    }

    @Test func warmInstancesOutsideProduction() async throws {
        let estimate = try await CostFixture.estimate("dev") {
            $0.replacingOccurrences(of: "    minInstances: 0\n", with: "    minInstances: 1\n", options: [], range: $0.range(of: "    minInstances: 0\n"))
        }
        // One instance of 1 vCPU and 0.5 GiB for 2,628,000 s: 2,628,000 × $0.000024 + 1,314,000 × $0.0000025.
        #expect(estimate.line("run/api-gateway", "warm instances, CPU")?.quantity == 2_628_000)
        #expect(estimate.line("run/api-gateway", "warm instances, memory")?.quantity == 1_314_000)
        let saving = try #require(estimate.savings.first { $0.kind == "min-instances" })
        #expect(saving.resource == "api-gateway")
        #expect(saving.monthlySaving == d("63.072") + d("3.285"))
        #expect(estimate.savings.first?.kind == "min-instances", "the largest saving comes first")
        // The free tier now covers the warm instance's first 180,000 vCPU-seconds instead of the requests'.
        #expect(estimate.resource("run/free-tier")?.lines.map(\.quantity) == [-180_000, -360_000, d("-0.1")])
    }

    @Test func highAvailabilityOutsideProduction() async throws {
        let estimate = try await CostFixture.estimate("stage") { $0.replacingOccurrences(of: "cloudSQL:\n", with: "cloudSQL:\n  availability: REGIONAL\n") }
        let saving = try #require(estimate.savings.first { $0.kind == "sql-ha" })
        // db-custom-1-3840 twice: (1,460 vCPU-h × $0.0413 + 5,475 GiB-h × $0.0070 + 20 GB × $0.17) / 2.
        #expect(saving.monthlySaving == (d("60.298") + d("38.325") + d("3.4")) / 2)
        #expect(saving.advice.hasPrefix("Set cloudSQL.availability: ZONAL in staging"))
    }

    @Test func productionIsNotToldToStopOrDropItsStandby() async throws {
        let estimate = try await CostFixture.estimate("prod") { production in
            // Each service of the file's services: (laid over staging's) kept warm.
            ["api-gateway", "websocket-server", "face-processing-service"].reduce(production) { text, name in
                text.replacingOccurrences(of: "\n  \(name):\n", with: "\n  \(name):\n    minInstances: 1\n")
            }
        }
        #expect(estimate.savings.isEmpty)
    }

    @Test func anEmptyUnusedBucketIsNotASaving() async throws {
        var observed = ObservedUsage()
        observed.unusedBuckets = ["clone-old-dev": .init(bytes: 0, objects: 0), "clone-older-dev": .init(bytes: 500 * 1_073_741_824, objects: 9)]
        let estimate = try await CostFixture.estimate("dev", observed: observed)
        #expect(estimate.savings.map(\.resource) == ["clone-older-dev", "digitwinlive-db-dev"])
        #expect(estimate.savings.first?.monthlySaving == 10, "500 GB at $0.020")
    }
}
