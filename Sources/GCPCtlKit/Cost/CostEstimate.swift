import Foundation

/// One priced line: `quantity` × `unitPrice` = `monthlyCost`, exactly. A free tier is a line
/// of its own with a negative quantity, so every line keeps that identity.
public struct CostLine: Codable, Sendable, Equatable {
    public var item: String
    public var unit: String
    public var quantity: Decimal
    /// USD per `unit`.
    public var unitPrice: Decimal
    public var monthlyCost: Decimal
    /// `book 2025-11` or `catalog`.
    public var priceFrom: String
    /// The price book entry's page and date, or the catalog SKU.
    public var priceReference: String
    public var priceKey: PriceKey
    /// The assumption behind the quantity.
    public var note: String

    init(_ item: String, quantity: Decimal, price: Price, note: String) {
        self.item = item
        unit = price.key.unit
        self.quantity = quantity
        unitPrice = price.unitPrice
        monthlyCost = quantity * price.unitPrice
        priceFrom = price.source.label
        priceReference = price.source.reference
        priceKey = price.key
        self.note = note
    }
}

/// The lines of one resource (a Cloud SQL instance, a Cloud Run service, a bucket…).
public struct ResourceCost: Codable, Sendable, Equatable {
    /// The same in every environment (`sql`, `run/api-gateway`, `bucket/GCS_BUCKET_UPLOADS`),
    /// so `--compare` lines environments up.
    public var key: String
    /// `Cloud SQL instance`, `Cloud Run service`…
    public var kind: String
    public var name: String
    /// What the resource is, in a few words: `db-f1-micro, ZONAL`.
    public var summary: String
    public var lines: [CostLine]
    public var monthlyCost: Decimal

    init(key: String, kind: String, name: String, summary: String = "", lines: [CostLine]) {
        self.key = key
        self.kind = kind
        self.name = name
        self.summary = summary
        self.lines = lines
        monthlyCost = lines.reduce(0) { $0 + $1.monthlyCost }
    }

    public var title: String { "\(kind) \(name)" + (summary.isEmpty ? "" : " (\(summary))") }
}

/// A way to spend less, with what it saves a month.
public struct Saving: Codable, Sendable, Equatable {
    /// `sql-schedule`, `min-instances`, `sql-ha`, `unused-bucket`.
    public var kind: String
    public var resource: String
    public var monthlySaving: Decimal
    /// One line: what to do, how, and what it saves.
    public var advice: String
}

/// Where the quantities came from.
public enum CostMode: String, Codable, Sendable {
    /// The environment file and the price book only; no request at all.
    case offline
    /// Sizes observed in the project where credentials allow; the price book's prices.
    case observed
    /// Observed sizes and the Cloud Billing Catalog's current prices.
    case live
}

/// An environment's estimated monthly bill.
public struct CostEstimate: Codable, Sendable, Equatable {
    public var environment: String
    /// `dev`: what `{env}` stands for in the environment's names.
    public var shortName: String
    /// Nil when no project was needed (an offline estimate without one).
    public var project: String?
    public var region: String
    public var currency = "USD"
    public var mode: CostMode
    /// `2025-11 (templates/pricing/price-book.yaml)`.
    public var priceBook: String
    /// Where the usage profile came from, or why there is none.
    public var usage: String
    public var resources: [ResourceCost]
    public var total: Decimal
    public var savings: [Saving]
    public var warnings: [String]

    public func resource(_ key: String) -> ResourceCost? {
        resources.first { $0.key == key }
    }
}
