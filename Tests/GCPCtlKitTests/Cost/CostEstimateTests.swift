import Foundation
import Testing
@testable import GCPCtlKit

/// The estimates of the repository's environments, line by line: every line is its
/// quantity × the price book's unit price, and the quantities are the documented ones.
@Suite struct CostEstimateTests {
    let d = CostFixture.decimal

    @Test(arguments: ["development", "staging", "production"])
    func everyLineIsItsQuantityTimesTheBookPrice(name: String) async throws {
        let estimate = try await CostFixture.estimate(name)
        #expect(!estimate.resources.isEmpty)
        for resource in estimate.resources {
            for line in resource.lines {
                let book = try CostFixture.book.price(line.priceKey, region: "us-central1")
                #expect(line.unitPrice == book.unitPrice, "\(resource.key) \(line.item)")
                #expect(line.unit == line.priceKey.unit)
                #expect(line.monthlyCost == line.quantity * book.unitPrice, "\(resource.key) \(line.item)")
                #expect(line.priceFrom == "book 2025-11")
                #expect(!line.note.isEmpty)
            }
            #expect(resource.monthlyCost == resource.lines.reduce(0) { $0 + $1.monthlyCost })
        }
        #expect(estimate.total == estimate.resources.reduce(0) { $0 + $1.monthlyCost })
        #expect(estimate.warnings.isEmpty)
    }

    @Test func developmentQuantitiesAndTotal() async throws {
        let estimate = try await CostFixture.estimate("dev")
        #expect(estimate.quantities == [
            "registry: image storage × 2", "registry: free tier × -0.5",
            // 5 GB over four buckets.
            "bucket/GCS_BUCKET_VOICE_MODELS: standard storage × 1.25", "bucket/GCS_BUCKET_FACE_MODELS: standard storage × 1.25",
            "bucket/GCS_BUCKET_DOCUMENTS: standard storage × 1.25", "bucket/GCS_BUCKET_UPLOADS: standard storage × 1.25",
            "secrets: active versions × 3", "secrets: free tier × -3", "secrets: accesses × 1", "secrets: free tier × -1",
            // db-f1-micro, zonal: the shared-core hourly price all month; the disk; one copy of it as backups.
            "sql: instance (db-f1-micro) × 730", "sql: SSD storage × 10", "sql: backups × 10",
            // 100,000 requests in equal whole shares, 0.2 s each, 1 vCPU and 0.5 GiB.
            "run/api-gateway: CPU serving requests × 6666.8", "run/api-gateway: memory serving requests × 3333.4",
            "run/api-gateway: requests × 0.033334",
            "run/websocket-server: CPU serving requests × 6666.6", "run/websocket-server: memory serving requests × 3333.3",
            "run/websocket-server: requests × 0.033333",
            "run/face-processing-service: CPU serving requests × 6666.6",
            "run/face-processing-service: memory serving requests × 3333.3", "run/face-processing-service: requests × 0.033333",
            // The free tier covers what the three services use, once.
            "run/free-tier: free tier × -20000", "run/free-tier: free tier × -10000", "run/free-tier: free tier × -0.1",
            "build: build minutes × 60", "build: free tier × -60",
        ])
        // 7.665 + 1.70 + 0.80 (Cloud SQL) + 0 (Cloud Run, all within the free tier) + 0.10 (buckets) + 0.15 (registry)
        #expect(estimate.total == d("10.415"))
        #expect(estimate.total.dollars == "$10.42")
    }

    @Test func productionQuantitiesAndTotal() async throws {
        let estimate = try await CostFixture.estimate("prod")
        // db-custom-1-3840 REGIONAL: 1 vCPU and 3.75 GiB, twice (a standby), 730 h; the disk twice.
        #expect(estimate.line("sql", "vCPUs")?.quantity == 1460)
        #expect(estimate.line("sql", "memory")?.quantity == 5475)
        #expect(estimate.line("sql", "SSD storage")?.quantity == 40)
        #expect(estimate.line("sql", "backups")?.quantity == 20)
        #expect(estimate.resource("sql")?.monthlyCost == d("107.023"))
        let services = ["api-gateway", "websocket-server", "face-processing-service"]
        let cpu = services.compactMap { estimate.line("run/\($0)", "CPU serving requests")?.quantity }.reduce(0, +)
        let requests = services.compactMap { estimate.line("run/\($0)", "requests")?.quantity }.reduce(0, +)
        #expect(cpu == 1_000_000, "5,000,000 requests × 0.2 s × 1 vCPU")
        #expect(requests == 5)
        #expect(estimate.resource("run/free-tier")?.lines.map(\.quantity) == [-180_000, -360_000, -2])
        #expect(estimate.resources.filter { $0.kind == "Cloud Storage bucket" }.map { $0.lines[0].quantity } == [25, 25, 25, 25])
        #expect(estimate.resource("secrets")?.lines.map(\.quantity) == [3, -3, 50, -1])
        #expect(estimate.resource("build")?.lines.map(\.quantity) == [300, -300])
        #expect(estimate.line("vpc-connector", "instance-hours (2 × 730 h)")?.quantity == 1460, "2 e2-micro instances × 730 h")
        #expect(estimate.resource("vpc-connector")?.monthlyCost == d("12.264"))
        #expect(estimate.resource("edge")?.monthlyCost == d("19.85") && estimate.resource("armor")?.monthlyCost == d("12.75"))
        // Three checks × 6 locations × 43,800 runs a month stay inside the free million;
        // 8 alert policies of one condition each at $1.50.
        #expect(estimate.line("uptime-checks", "executions")?.quantity == d("788.4"))
        #expect(estimate.resource("uptime-checks")?.monthlyCost == 0)
        #expect(estimate.resource("alert-policies")?.monthlyCost == 12)
        // + the read replica (52.7115) and Redis STANDARD_HA 5 GB (197.1).
        #expect(estimate.resource("sql-replica/0")?.monthlyCost == d("52.7115"))
        #expect(estimate.resource("redis")?.monthlyCost == d("197.1"))
        #expect(estimate.total == d("438.8485"))
        #expect(estimate.savings.isEmpty, "production keeps its HA and runs all day")
    }

    @Test func usageKnobsChangeTheQuantities() async throws {
        let estimate = try await CostFixture.estimate("dev") {
            $0.replacingOccurrences(of: "  secretAccessesPerMonth: 10000\n", with: """
              secretAccessesPerMonth: 10000
              databaseGb: 2
              sqlHoursPerWeek: 60
              requestShare:
                api-gateway: 3
                websocket-server: 1

            """)
        }
        #expect(estimate.line("sql", "instance (db-f1-micro)")?.quantity == Decimal(730) * 60 / 168)
        #expect(estimate.line("sql", "backups")?.quantity == 2)
        #expect(estimate.line("run/api-gateway", "requests")?.quantity == d("0.075"))
        #expect(estimate.line("run/websocket-server", "requests")?.quantity == d("0.025"))
        #expect(estimate.line("run/face-processing-service", "requests")?.quantity == 0)
        #expect(!estimate.savings.contains { $0.kind == "sql-schedule" }, "already stopped outside working hours")
    }

    @Test func bucketsInAMultiRegionArePricedAtItsRate() async throws {
        let estimate = try await CostFixture.estimate("dev") {
            $0.replacingOccurrences(of: "    envVar: GCS_BUCKET_VOICE_MODELS\n", with: "    envVar: GCS_BUCKET_VOICE_MODELS\n    location: US\n")
              .replacingOccurrences(of: "    envVar: GCS_BUCKET_FACE_MODELS\n    storageClass: STANDARD\n",
                                    with: "    envVar: GCS_BUCKET_FACE_MODELS\n    location: EU\n    storageClass: NEARLINE\n")
        }
        let us = try #require(estimate.line("bucket/GCS_BUCKET_VOICE_MODELS", "standard storage"))
        #expect(us.unitPrice == d("0.026"))
        #expect(us.monthlyCost == d("1.25") * d("0.026"))
        #expect(estimate.resource("bucket/GCS_BUCKET_VOICE_MODELS")?.summary == "STANDARD, US")
        #expect(estimate.line("bucket/GCS_BUCKET_FACE_MODELS", "nearline storage")?.unitPrice == d("0.015"))
        #expect(estimate.line("bucket/GCS_BUCKET_UPLOADS", "standard storage")?.unitPrice == d("0.020"), "regional buckets keep the regional rate")
    }

    @Test func observedSizesReplaceTheProfileWhereTheyExist() async throws {
        var observed = ObservedUsage()
        observed.buckets["clone-uploads-dev"] = .init(bytes: 2 * 1_073_741_824, objects: 3)
        observed.buckets["clone-documents-dev"] = .init(bytes: 0, objects: 0)
        observed.registryBytes = 1_073_741_824
        observed.secretVersions = ["jwt-secret": 3, "refresh-secret": 2, "database-password": 2]
        let estimate = try await CostFixture.estimate("dev", observed: observed)
        #expect(estimate.line("bucket/GCS_BUCKET_UPLOADS", "standard storage")?.quantity == 2)
        #expect(estimate.line("bucket/GCS_BUCKET_UPLOADS", "standard storage")?.note.hasPrefix("observed: 3 objects") == true)
        #expect(estimate.line("bucket/GCS_BUCKET_DOCUMENTS", "standard storage")?.quantity == 0)
        #expect(estimate.line("bucket/GCS_BUCKET_VOICE_MODELS", "standard storage")?.quantity == d("1.25"))
        #expect(estimate.line("bucket/GCS_BUCKET_VOICE_MODELS", "standard storage")?.note
            == "profile: usage.storageGb 5 GB ÷ 4 buckets (bucket not created yet); lifecycle class changes not modelled")
        #expect(estimate.resource("registry")?.lines.map(\.quantity) == [1, d("-0.5")])
        #expect(estimate.resource("secrets")?.lines.map(\.quantity) == [7, -6, 1, -1])
    }

    @Test func withoutAUsageBlockUsageDrivenLinesAreZeroAndTheEstimateSaysSo() async throws {
        let estimate = try await CostFixture.estimate("dev") { text in
            String(text[..<text.range(of: "# Expected monthly usage")!.lowerBound])
        }
        #expect(estimate.warnings == ["environments/development.yaml has no usage block: requests, storage, images, builds and secret accesses count as 0 (see docs/configuration.md, usage)"])
        #expect(estimate.line("run/api-gateway", "requests")?.quantity == 0)
        #expect(estimate.resource("run/free-tier") == nil)
        #expect(estimate.total == d("10.165"), "the database only: secret versions are within the free tier")
    }

    @Test(arguments: [1, 2, 3, 7, 100_001, 5_000_000])
    func requestSharesAreWholeAndAddUp(requests: Int) {
        var usage = UsageProfile(nil)
        usage.requestsPerMonth = requests
        usage.requestShare = ["a": 1, "b": 1, "c": d("0.5")]
        let parts = usage.requests(for: ["a", "b", "c"])
        #expect(parts.values.reduce(0, +) == requests)
        #expect(abs((parts["a"] ?? 0) - (parts["b"] ?? 0)) <= 1)
    }

    @Test func moneyIsRoundedToCentsOnlyForDisplay() {
        #expect(d("7.665").dollars == "$7.67")
        #expect(d("-0.555").dollars == "-$0.56")
        #expect(d("1234567.891").dollars == "$1,234,567.89")
        #expect(d("96.855").signedDollars == "+$96.86")
        #expect(d("2628000").quantityText() == "2,628,000")
        #expect(d("0.0333335").quantityText() == "0.0333")
        #expect(d("0.00001").quantityText() == "<0.0001")
        #expect(d("0.0000025").unitPriceText == "$0.0000025")
        #expect(d("0.1").unitPriceText == "$0.10")
        #expect(Decimal(exactly: 0.2) == d("0.2"))
    }
}
