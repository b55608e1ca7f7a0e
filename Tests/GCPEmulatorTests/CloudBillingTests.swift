import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct CloudBillingTests {
    /// A tier's unit price in the currency's units.
    func price(_ tier: JSONValue?) -> Double {
        Double(tier?["unitPrice"]?["units"]?.stringValue ?? "0")! + Double(tier?["unitPrice"]?["nanos"]?.intValue ?? 0) / 1e9
    }

    @Test func theCatalogListsServicesInPagesWithoutAProject() async throws {
        try await withClient(EmulatorConfiguration()) { _, client in
            let first = try await client.get("/cloudbilling/v1/services?pageSize=4")
            let services = try #require(first.json["services"]?.arrayValue)
            #expect(services.count == 4)
            #expect(services[0] == [
                "name": "services/152E-C115-5142", "serviceId": "152E-C115-5142", "displayName": "Cloud Run",
                "businessEntityName": "businessEntities/GCP",
            ])
            let token = try #require(first.json["nextPageToken"]?.stringValue)
            let rest = try await client.get("/cloudbilling/v1/services?pageSize=4&pageToken=\(token)")
            #expect(rest.json["services"]?.arrayValue?.compactMap { $0["displayName"]?.stringValue } == ["Secret Manager", "Cloud Build", "Cloud Pub/Sub", "Cloud Scheduler"])
        }
    }

    @Test func cloudRunSkusHaveAFreeTierThenAPriceNearTheListPrice() async throws {
        try await withClient(EmulatorConfiguration()) { _, client in
            let answer = try await client.get("/cloudbilling/v1/services/152E-C115-5142/skus?currencyCode=USD")
            let skus = try #require(answer.json["skus"]?.arrayValue)
            let cpu = try #require(skus.first { $0["description"] == "Services CPU (Request-based billing) in us-central1" })
            #expect(cpu["category"]?["serviceDisplayName"] == "Cloud Run")
            #expect(cpu["serviceRegions"] == ["us-central1"])
            let expression = try #require(cpu["pricingInfo"]?[0]?["pricingExpression"])
            #expect(expression["usageUnit"] == "s")
            let tiers = try #require(expression["tieredRates"]?.arrayValue)
            #expect(tiers.count == 2)
            #expect(price(tiers[0]) == 0)
            #expect(tiers[1]["startUsageAmount"]?.doubleValue == 180_000)
            #expect(tiers[1]["unitPrice"]?["units"] == "0")
            let listPrice = 0.000024
            #expect(abs(price(tiers[1]) - listPrice) / listPrice > 0.01)
            #expect(abs(price(tiers[1]) - listPrice) / listPrice < 0.06)
            let instanceBased = try #require(skus.first { $0["description"] == "Services CPU (Instance-based billing) in us-central1" })
            let always = try #require(instanceBased["pricingInfo"]?[0]?["pricingExpression"]?["tieredRates"]?[1])
            #expect(price(always) < price(tiers[1]), "instance-based billing has the lower per-second rate")
            let requests = try #require(skus.first { $0["description"] == "Requests" })
            #expect(requests["pricingInfo"]?[0]?["pricingExpression"]?["displayQuantity"]?.doubleValue == 1_000_000)
        }
    }

    @Test func pricesConvertToTheAskedCurrencyAndCloudSQLCoversTwoRegions() async throws {
        var configuration = EmulatorConfiguration()
        configuration.maxPageSize = 3
        try await withClient(configuration) { _, client in
            var skus: [JSONValue] = []
            var token: String?
            repeat {
                let page = try await client.get("/cloudbilling/v1/services/9662-B51E-5089/skus?currencyCode=EUR" + (token.map { "&pageToken=\($0)" } ?? ""))
                skus += page.json["skus"]?.arrayValue ?? []
                token = page.json["nextPageToken"]?.stringValue
            } while token != nil
            #expect(skus.count == 10)
            #expect(Set(skus.compactMap { $0["serviceRegions"]?[0]?.stringValue }) == ["us-central1", "europe-west1"])
            let micro = try #require(skus.first { $0["description"] == "Cloud SQL for PostgreSQL: Zonal - Micro instance (db-f1-micro) in us-central1" })
            let info = try #require(micro["pricingInfo"]?[0])
            #expect(info["currencyConversionRate"]?.doubleValue == 0.92)
            let tier = info["pricingExpression"]?["tieredRates"]?[0]
            #expect(tier?["unitPrice"]?["currencyCode"] == "EUR")
            #expect(abs(price(tier) - 0.0108 * 0.92) < 1e-9)
            #expect(try await client.get("/cloudbilling/v1/services/9662-B51E-5089/skus?currencyCode=XXX").status == 400)
            #expect(try await client.get("/cloudbilling/v1/services/0000-0000-0000/skus").status == 404)
        }
    }
}
