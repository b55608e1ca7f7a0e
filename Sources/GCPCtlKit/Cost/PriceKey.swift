import Foundation

/// One thing Google charges for, as the price book names it (`run.cpu`) and as it is found
/// among the Cloud Billing Catalog's SKUs. Each kind declares the keys its cost lines use
/// (`ResourceKind.priceKeys`); `PriceKeys.all` gathers them.
public struct PriceKey: Sendable {
    /// The book's key, and the `priceKey` of cost's JSON.
    public let rawValue: String
    /// The unit a price is per, in the book and on every line.
    public let unit: String
    /// Priced once for every region (`global` in the book and the catalog).
    public let isGlobal: Bool
    /// How `--live` finds its SKU in the catalog.
    let catalog: CatalogMatch

    init(_ rawValue: String, unit: String, isGlobal: Bool = false, catalog: CatalogMatch) {
        self.rawValue = rawValue
        self.unit = unit
        self.isGlobal = isGlobal
        self.catalog = catalog
    }

    /// The key the book names `rawValue`; nil for a price gcpctl does not use.
    public init?(rawValue: String) {
        guard let key = PriceKeys.all.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = key
    }
}

extension PriceKey: Hashable, Codable, CustomStringConvertible {
    public static func == (lhs: PriceKey, rhs: PriceKey) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let rawValue = try container.decode(String.self)
        guard let key = PriceKey(rawValue: rawValue) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(rawValue)' is not a price gcpctl uses")
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// How a price key's SKU is recognised in the catalog: the service's display name, words
/// its description holds (any case), words that rule a SKU out, and the catalog's usage
/// unit with how many of them one of the book's units is.
struct CatalogMatch: Sendable {
    var service: String
    var words: [String]
    var excluded: [String] = []
    var usageUnit: String
    var usageUnitsPerBookUnit: Decimal = 1

    static let cloudRun = "Cloud Run", cloudSQL = "Cloud SQL", cloudStorage = "Cloud Storage"
    static let artifactRegistry = "Artifact Registry", secretManager = "Secret Manager", cloudBuild = "Cloud Build"
    static let pubsub = "Cloud Pub/Sub", scheduler = "Cloud Scheduler"
    /// Ids from Google's catalog, used when `services.list` does not name a service.
    static let knownServiceIDs = [
        cloudRun: "152E-C115-5142", cloudSQL: "9662-B51E-5089", cloudStorage: "95FF-2EF5-5EA1",
        artifactRegistry: "149C-F9EC-3994",
    ]

    static let notServices = ["idle", "jobs", "functions", "gpu", "commitment"]
    /// gcpctl prices Cloud Run's default, request-based billing; the catalog also lists the
    /// cheaper per-second rates of instance-based billing ("CPU always allocated").
    static let notRequestBased = notServices + ["instance-based", "always"]

    /// Enterprise edition, on demand: the book's tiers are Enterprise ones.
    static func sql(_ words: [String], _ usageUnit: String) -> CatalogMatch {
        .init(service: cloudSQL, words: words, excluded: ["enterprise plus", "commitment"], usageUnit: usageUnit)
    }

    static func storage(_ words: String) -> CatalogMatch {
        .init(service: cloudStorage, words: [words], excluded: ["multi-region", "dual-region", "early delete", "retrieval"],
              usageUnit: "GiBy.mo")
    }

    /// The Cloud Storage multi-regions, as the catalog's `serviceRegions` names them.
    static let storageMultiRegions: Set<String> = ["us", "eu", "asia"]

    /// The match for a price in `region`: a bucket in a multi-region is priced by its class's
    /// multi-region SKU ("Standard Storage US Multi-region"), every other key as it is.
    func at(_ region: String) -> CatalogMatch {
        guard service == Self.cloudStorage, Self.storageMultiRegions.contains(region) else { return self }
        var match = self
        match.words.append("multi-region")
        match.excluded.removeAll { $0 == "multi-region" }
        return match
    }
}
