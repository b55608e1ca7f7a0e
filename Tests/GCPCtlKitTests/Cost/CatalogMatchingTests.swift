import Foundation
import GoogleCloud
import Testing
@testable import GCPCtlKit

/// How a Cloud Billing Catalog SKU becomes a price: which SKU, which tier, which unit.
@Suite struct CatalogMatchingTests {
    let d = CostFixture.decimal

    func sku(_ description: String, regions: [String], unit: String, tiers: [(Double, String, Int)],
             usageType: String = "OnDemand", id: String = "AAAA-BBBB-CCCC") throws -> CloudBillingAPI.Sku {
        let rates = tiers.map { start, units, nanos in
            #"{"startUsageAmount": \#(start), "unitPrice": {"currencyCode": "USD", "units": "\#(units)", "nanos": \#(nanos)}}"#
        }
        let json = """
        {"name": "services/X/skus/\(id)", "skuId": "\(id)", "description": "\(description)",
         "category": {"serviceDisplayName": "S", "resourceFamily": "Compute", "resourceGroup": "G", "usageType": "\(usageType)"},
         "serviceRegions": [\(regions.map { "\"\($0)\"" }.joined(separator: ","))],
         "pricingInfo": [{"effectiveTime": "2025-11-01T00:00:00Z", "pricingExpression": {
            "usageUnit": "\(unit)", "baseUnit": "s", "baseUnitConversionFactor": 1, "displayQuantity": 1,
            "tieredRates": [\(rates.joined(separator: ","))]}}]}
        """
        return try JSONDecoder().decode(CloudBillingAPI.Sku.self, from: Data(json.utf8))
    }

    @Test func aFreeFirstTierIsTheFreeTierAndTheNextTierThePrice() throws {
        let skus = [try sku("Requests", regions: ["global"], unit: "count", tiers: [(0, "0", 0), (2_000_000, "0", 400)])]
        let price = try #require(CatalogPrices.price(.runRequests, match: PriceKey.runRequests.catalog, region: "global", in: skus))
        #expect(price.unitPrice == d("0.40"), "$0.0000004 a request is $0.40 per million")
        #expect(price.free == 2, "2,000,000 requests are 2 of the book's 1M-request units")
        #expect(price.source == .catalog(skuID: "AAAA-BBBB-CCCC", description: "Requests", effectiveTime: "2025-11-01T00:00:00Z"))
    }

    @Test func unitsAndNanosAddUpExactly() throws {
        let skus = [try sku("Cloud SQL for PostgreSQL: Zonal - vCPU in us-central1", regions: ["us-central1"], unit: "h",
                            tiers: [(0, "1", 250_000_000)])]
        let price = try #require(CatalogPrices.price(.sqlVCPU, match: PriceKey.sqlVCPU.catalog, region: "us-central1", in: skus))
        #expect(price.unitPrice == d("1.25"))
        #expect(price.free == 0)
    }

    @Test func theRegionTheUnitTheUsageTypeAndExcludedWordsDecide() throws {
        let skus = [
            try sku("Cloud SQL for PostgreSQL: Zonal - vCPU in europe-west1", regions: ["europe-west1"], unit: "h", tiers: [(0, "0", 45_000_000)], id: "EU"),
            try sku("Cloud SQL for PostgreSQL: Zonal - vCPU in us-central1", regions: ["us-central1"], unit: "h", tiers: [(0, "0", 30_000_000)],
                    usageType: "Commit1Yr", id: "COMMIT"),
            try sku("Cloud SQL for PostgreSQL Enterprise Plus: Zonal - vCPU in us-central1", regions: ["us-central1"], unit: "h",
                    tiers: [(0, "0", 55_000_000)], id: "PLUS"),
            try sku("Cloud SQL for PostgreSQL: Zonal - vCPU in us-central1", regions: ["us-central1"], unit: "mo", tiers: [(0, "0", 1)], id: "UNIT"),
            try sku("Cloud SQL for PostgreSQL: Zonal - vCPU in us-central1", regions: ["us-central1"], unit: "h", tiers: [(0, "0", 41_300_000)], id: "OK"),
        ]
        let price = try #require(CatalogPrices.price(.sqlVCPU, match: PriceKey.sqlVCPU.catalog, region: "us-central1", in: skus))
        #expect(price.source.label == "catalog")
        #expect(price.unitPrice == d("0.0413"))
        #expect(CatalogPrices.price(.sqlVCPU, match: PriceKey.sqlVCPU.catalog, region: "asia-east1", in: skus) == nil)
    }

    @Test func aMultiRegionBucketTakesItsClasssMultiRegionSKUAndARegionalOneNever() throws {
        let skus = [
            try sku("Standard Storage US Multi-region", regions: ["us"], unit: "GiBy.mo", tiers: [(0, "0", 26_000_000)], id: "US"),
            try sku("Standard Storage Iowa/Missouri Dual-region", regions: ["us-central1", "us-east1"], unit: "GiBy.mo",
                    tiers: [(0, "0", 22_000_000)], id: "DUAL"),
            try sku("Nearline Storage US Multi-region", regions: ["us"], unit: "GiBy.mo", tiers: [(0, "0", 15_000_000)], id: "NL"),
            try sku("Standard Storage US Regional", regions: ["us-central1"], unit: "GiBy.mo", tiers: [(0, "0", 20_000_000)], id: "IA"),
        ]
        let match = PriceKey.storageStandard.catalog
        #expect(CatalogPrices.price(.storageStandard, match: match.at("us"), region: "us", in: skus)?.unitPrice == d("0.026"))
        #expect(CatalogPrices.price(.storageStandard, match: match.at("us-central1"), region: "us-central1", in: skus)?.unitPrice
            == d("0.020"), "not the dual-region SKU, though it lists us-central1")
        #expect(CatalogPrices.price(.storageStandard, match: match.at("eu"), region: "eu", in: skus) == nil)
        #expect(match.at("us-central1").words == match.words)
        #expect(PriceKey.sqlVCPU.catalog.at("us").words == PriceKey.sqlVCPU.catalog.words, "only Cloud Storage has multi-regions")
    }

    @Test func cloudRunIsPricedAtRequestBasedBillingEvenWhenInstanceBasedComesFirst() throws {
        let instanceBased = try sku("Services CPU (Instance-based billing) in us-central1", regions: ["us-central1"], unit: "s",
                                    tiers: [(0, "0", 0), (240_000, "0", 18_000)], id: "INSTANCE")
        let requestBased = try sku("Services CPU (Request-based billing) in us-central1", regions: ["us-central1"], unit: "s",
                                   tiers: [(0, "0", 0), (180_000, "0", 24_000)], id: "REQUEST")
        let oldName = try sku("CPU Allocation Time (always-on CPU)", regions: ["us-central1"], unit: "s", tiers: [(0, "0", 18_000)], id: "ALWAYS")
        let match = PriceKey.runCPU.catalog
        let price = try #require(CatalogPrices.price(.runCPU, match: match, region: "us-central1", in: [oldName, instanceBased, requestBased]))
        #expect(price.unitPrice == d("0.000024"))
        #expect(price.free == 180_000)
        #expect(CatalogPrices.price(.runCPU, match: match, region: "us-central1", in: [instanceBased, oldName]) == nil,
                "without a request-based SKU the book's price stands")
    }

    @Test func aKeyTheCatalogDoesNotHaveKeepsTheBooksPrice() throws {
        let prices = CatalogPrices(book: CostFixture.book, found: [:])
        #expect(try prices.price(.sqlHDD, region: "us-central1") == CostFixture.book.price(.sqlHDD, region: "us-central1"))
    }

    @Test func googleMoneyIsExactForNegativeAmountsToo() {
        #expect(CloudBillingAPI.Money(units: "-1", nanos: -750_000_000).amount == d("-1.75"))
        #expect(CloudBillingAPI.Money(units: nil, nanos: 24_700).amount == d("0.0000247"))
    }
}
