import Foundation
import GoogleCloud

/// Current prices from the Cloud Billing Catalog, matched to the book's keys; a key the
/// catalog has no matching SKU for keeps the book's price (and its lines say so).
public struct CatalogPrices: PriceSheet {
    let book: PriceBook
    let found: [PriceBook.Key: Price]

    public func price(_ key: PriceKey, region: String) throws -> Price {
        try found[PriceBook.Key(key: key, region: key.isGlobal ? "global" : region)] ?? book.price(key, region: region)
    }

    /// Reads the services (to find their ids by name) and every SKU of the six services
    /// gcpctl's resources use, all pages, and matches them for `regions`.
    public static func fetch(_ api: CloudBillingAPI, regions: Set<String>, book: PriceBook) async throws -> CatalogPrices {
        let services = try await api.services()
        let names = Set(PriceKeys.all.map { $0.catalog.service })
        var skus: [String: [CloudBillingAPI.Sku]] = [:]
        for name in names.sorted() {
            let id = services.first { $0.displayName == name }?.serviceId ?? CatalogMatch.knownServiceIDs[name]
            guard let id else { continue }
            skus[name] = try await api.skus(serviceId: id)
        }
        var found: [PriceBook.Key: Price] = [:]
        for key in PriceKeys.all {
            let match = key.catalog
            for region in key.isGlobal ? ["global"] : regions.sorted() {
                if let price = Self.price(key, match: match.at(region), region: region, in: skus[match.service] ?? []) {
                    found[PriceBook.Key(key: key, region: region)] = price
                }
            }
        }
        return CatalogPrices(book: book, found: found)
    }

    /// The on-demand SKU whose description holds the match's words and whose regions include
    /// `region`, priced per the expected unit in USD. Tiers: a first tier priced 0 is the
    /// free tier; the first paid tier is the price (later volume tiers are not modelled).
    static func price(_ key: PriceKey, match: CatalogMatch, region: String, in skus: [CloudBillingAPI.Sku]) -> Price? {
        for sku in skus {
            let description = (sku.description ?? "").lowercased()
            guard match.words.allSatisfy(description.contains), !match.excluded.contains(where: description.contains),
                  (sku.category?.usageType ?? "OnDemand") == "OnDemand", (sku.serviceRegions ?? []).contains(region),
                  let pricing = sku.pricingInfo?.last, let expression = pricing.pricingExpression,
                  expression.usageUnit == match.usageUnit else { continue }
            let tiers = (expression.tieredRates ?? []).compactMap { tier in
                tier.unitPrice.flatMap { money in
                    money.currencyCode.map { $0 == "USD" } ?? true ? (Decimal(exactly: tier.startUsageAmount ?? 0), money.amount) : nil
                }
            }.sorted { $0.0 < $1.0 }
            guard let paid = tiers.first(where: { $0.1 > 0 }) ?? tiers.first else { continue }
            let free = tiers.first.map { $0.1 == 0 } == true ? paid.0 : 0
            return Price(key: key, unitPrice: paid.1 * match.usageUnitsPerBookUnit, free: free / match.usageUnitsPerBookUnit,
                         source: .catalog(skuID: sku.skuId ?? "", description: sku.description ?? "", effectiveTime: pricing.effectiveTime))
        }
        return nil
    }
}

/// `cost --live` met the Cloud Billing Catalog API disabled. The catalog belongs to no
/// project, so Google bills the call to the caller's quota project (x-goog-user-project;
/// with user credentials, the credentials' quota project), and it is there, not in the
/// environment's project, that cloudbilling.googleapis.com must be enabled.
public struct BillingCatalogDisabledError: Error, Sendable, CustomStringConvertible, ExitStatusProviding {
    /// `projects/123` as Google names the quota project, or nil when it did not say.
    public var quotaProject: String?

    public init(_ error: GoogleAPIError, quotaProject: String?) {
        self.quotaProject = error.errorInfo?.metadata["consumer"] ?? quotaProject
    }

    public var description: String {
        let project = quotaProject.map { "your quota project \($0)" } ?? "your quota project"
        let id = quotaProject.map { $0.hasPrefix("projects/") ? String($0.dropFirst("projects/".count)) : $0 }
        return "cost --live reads current prices from the Cloud Billing Catalog API, which Google bills to \(project), "
            + "and cloudbilling.googleapis.com is not enabled there: enable it there "
            + "(gcloud services enable cloudbilling.googleapis.com --project=\(id ?? "QUOTA_PROJECT"))"
            + " (or choose another quota project: gcloud auth application-default set-quota-project PROJECT), "
            + "or run gcpctl cost without --live for the price book's prices"
    }

    public var exitStatus: ExitStatus { .configurationError }

    static let service = "cloudbilling.googleapis.com"
}
