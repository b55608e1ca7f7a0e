import Foundation
import Testing
@testable import GCPCtlKit

/// templates/pricing/price-book.yaml: complete for the supported regions, identical to the
/// built-in copy, and checked as strictly as an environment file.
@Suite struct PriceBookTests {
    static let fileText = try! String(contentsOf: Repository.root.appendingPathComponent(PriceBook.relativePath), encoding: .utf8)

    @Test func theBuiltInCopyIsTheTemplatesFile() {
        #expect(BuiltInPriceBook.text == Self.fileText.trimmingCharacters(in: .newlines),
                "paste templates/pricing/price-book.yaml into Sources/GCPCtlKit/Cost/BuiltInPriceBook.swift")
    }

    @Test func everyKeyIsPricedInUSCentral1AndEuropeWest1WithASourceAndDate() throws {
        let book = try PriceBook.parse(Self.fileText, location: PriceBook.relativePath)
        #expect(book.version == "2025-11")
        #expect(book.completeRegions == ["europe-west1", "us-central1"])
        for key in PriceKeys.all {
            for region in ["us-central1", "europe-west1"] {
                let price = try book.price(key, region: region)
                guard case .book(let version, let url, let date) = price.source else { Issue.record("\(key) not from the book"); continue }
                #expect(version == "2025-11")
                #expect(url.hasPrefix("https://cloud.google.com/"), "\(key)")
                // The connector's and Redis's prices entered the book later, unverified (their comments say so).
                #expect(date == (key == .connectorInstance || key.rawValue.hasPrefix("redis.") || key.rawValue.hasPrefix("monitoring.") ? "2026-12-06" : "2025-11-01"), "\(key)")
                #expect(price.unitPrice > 0, "\(key)")
            }
        }
    }

    /// The list prices docs/gcp-behaviour.md gives for us-central1.
    @Test func usCentral1PricesAreTheDocumentedListPrices() throws {
        let book = PriceBook.builtIn
        let expected: [(PriceKey, Decimal, Decimal)] = [
            (.runCPU, Decimal(string: "0.000024")!, 180_000), (.runMemory, Decimal(string: "0.0000025")!, 360_000),
            (.runRequests, Decimal(string: "0.40")!, 2), (.sqlMicro, Decimal(string: "0.0105")!, 0),
            (.sqlVCPU, Decimal(string: "0.0413")!, 0), (.sqlMemory, Decimal(string: "0.0070")!, 0),
            (.sqlSSD, Decimal(string: "0.17")!, 0), (.sqlBackups, Decimal(string: "0.08")!, 0),
            (.storageStandard, Decimal(string: "0.020")!, 0), (.registryStorage, Decimal(string: "0.10")!, Decimal(string: "0.5")!),
            (.secretVersions, Decimal(string: "0.06")!, 6), (.secretAccesses, Decimal(string: "0.03")!, 1),
            (.buildMinutes, Decimal(string: "0.006")!, 2500),
        ]
        for (key, price, free) in expected {
            #expect(try book.price(key, region: "us-central1").unitPrice == price, "\(key)")
            #expect(try book.price(key, region: "us-central1").free == free, "\(key)")
        }
    }

    @Test func aRegionTheBookDoesNotPriceIsAnErrorThatSaysWhatToDo() {
        #expect(throws: CostError.noPrice(key: .sqlVCPU, region: "asia-east1", book: "built-in")) {
            try PriceBook.builtIn.price(.sqlVCPU, region: "asia-east1")
        }
        #expect(CostError.noPrice(key: .sqlVCPU, region: "asia-east1", book: "built-in").description
            == "the price book (built-in) has no sql.vcpu price for asia-east1; add one, or use --live for the Cloud Billing Catalog's")
    }

    @Test func mistakesInTheBookAreReportedOneALine() {
        let text = """
        version: "2025-12"
        currency: EUR
        prices:
          - key: run.cpus
            regions: [us-central1]
            unit: vCPU-second
            price: "0.000024"
            source: https://cloud.google.com/run/pricing
            date: "2025-12-01"
          - key: sql.vcpu
            regions: [global]
            unit: hour
            price: "cheap"
            source: https://cloud.google.com/sql/pricing
            date: "2025-12-01"
          - key: cloudbuild.minutes
            regions: [global, global]
            unit: build-minute
            price: "0.006"
            freee: "2500"
            source: https://cloud.google.com/build/pricing
            date: "2025-12-01"
        """
        let error = #expect(throws: ConfigurationError.self) { try PriceBook.parse(text, location: "book.yaml") }
        #expect(error?.lines == [
            "book.yaml:20:5: prices[2].freee: unknown key; did you mean 'free'?",
            "book.yaml: currency: 'EUR' is not supported; gcpctl estimates in USD",
            "book.yaml: prices[0].key: 'run.cpus' is not a price gcpctl uses; did you mean 'run.cpu'?",
            "book.yaml: prices[1].unit: 'hour' is not the unit of sql.vcpu; use 'vCPU-hour'",
            "book.yaml: prices[1].price: 'cheap' is not a price; write a decimal such as \"0.17\"",
            "book.yaml: prices[1].regions: sql.vcpu is priced per region; name regions, not global",
            "book.yaml: prices[2].regions: cloudbuild.minutes in global is priced twice",
        ])
    }
}
