import Foundation

/// Cloud Billing Catalog v1: the public list of Google Cloud services and their SKUs with
/// prices. Needs no project and no billing account, only credentials.
public struct CloudBillingAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct Service: Codable, Sendable, Equatable {
        /// `services/152E-C115-5142`.
        public var name: String?
        public var serviceId: String?
        /// `Cloud Run`.
        public var displayName: String?
        public var businessEntityName: String?
    }

    public struct Sku: Codable, Sendable {
        public var name: String?
        public var skuId: String?
        public var description: String?
        public var category: Category?
        /// `us-central1`, or `global`.
        public var serviceRegions: [String]?
        public var pricingInfo: [PricingInfo]?
        public var serviceProviderName: String?

        public struct Category: Codable, Sendable {
            public var serviceDisplayName: String?
            public var resourceFamily: String?
            public var resourceGroup: String?
            /// `OnDemand`, `Preemptible`, `Commit1Yr`…
            public var usageType: String?
        }
    }

    public struct PricingInfo: Codable, Sendable {
        public var summary: String?
        public var effectiveTime: String?
        public var currencyConversionRate: Double?
        public var pricingExpression: PricingExpression?
    }

    public struct PricingExpression: Codable, Sendable {
        /// `h`, `GiBy.mo`, `count`…: the unit `tieredRates` prices.
        public var usageUnit: String?
        public var usageUnitDescription: String?
        public var baseUnit: String?
        public var baseUnitConversionFactor: Double?
        public var displayQuantity: Double?
        public var tieredRates: [TierRate]?
    }

    public struct TierRate: Codable, Sendable {
        /// In usage units; the tier applies from this much usage on.
        public var startUsageAmount: Double?
        public var unitPrice: Money?
    }

    /// google.type.Money: whole `units` (an int64, as a JSON string) and `nanos`.
    public struct Money: Codable, Sendable, Equatable {
        public var currencyCode: String?
        public var units: String?
        public var nanos: Int?

        public init(currencyCode: String? = nil, units: String? = nil, nanos: Int? = nil) {
            self.currencyCode = currencyCode
            self.units = units
            self.nanos = nanos
        }

        /// Exact: units plus nanos billionths, both carrying the sign.
        public var amount: Decimal {
            let whole = Decimal(string: units ?? "0") ?? 0
            return whole + Decimal(nanos ?? 0) / 1_000_000_000
        }
    }

    /// Every public service, all pages.
    public func services() async throws -> [Service] {
        struct Page: Decodable, Sendable { var services: [Service]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, .cloudBilling, "v1/services", query: [("pageSize", "5000")]),
                                        items: { (page: Page) in page.services ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    /// Every SKU of `serviceId`, all pages, priced in `currencyCode`.
    public func skus(serviceId: String, currencyCode: String = "USD") async throws -> [Sku] {
        struct Page: Decodable, Sendable { var skus: [Sku]?; var nextPageToken: String? }
        let call = GoogleCall(.get, .cloudBilling, "v1/services/\(serviceId)/skus",
                              query: [("currencyCode", currencyCode), ("pageSize", "5000")])
        return try await client.listAll(call, items: { (page: Page) in page.skus ?? [] }, nextPageToken: { $0.nextPageToken })
    }
}
