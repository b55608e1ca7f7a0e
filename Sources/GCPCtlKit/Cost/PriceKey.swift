import Foundation

/// One thing Google charges for, as the price book names it (`run.cpu`) and as it is found
/// among the Cloud Billing Catalog's SKUs.
public enum PriceKey: String, CaseIterable, Codable, Sendable {
    case runCPU = "run.cpu"
    case runMemory = "run.memory"
    case runRequests = "run.requests"
    case sqlMicro = "sql.db-f1-micro"
    case sqlSmall = "sql.db-g1-small"
    case sqlVCPU = "sql.vcpu"
    case sqlMemory = "sql.memory"
    case sqlSSD = "sql.storage.ssd"
    case sqlHDD = "sql.storage.hdd"
    case sqlBackups = "sql.backups"
    case storageStandard = "storage.standard"
    case storageNearline = "storage.nearline"
    case storageColdline = "storage.coldline"
    case storageArchive = "storage.archive"
    case registryStorage = "artifactregistry.storage"
    case secretVersions = "secretmanager.versions"
    case secretAccesses = "secretmanager.accesses"
    case buildMinutes = "cloudbuild.minutes"

    /// The unit a price is per, in the book and on every line.
    public var unit: String {
        switch self {
        case .runCPU: "vCPU-second"
        case .runMemory: "GiB-second"
        case .runRequests: "1M requests"
        case .sqlMicro, .sqlSmall: "hour"
        case .sqlVCPU: "vCPU-hour"
        case .sqlMemory: "GiB-hour"
        case .sqlSSD, .sqlHDD, .sqlBackups, .storageStandard, .storageNearline, .storageColdline, .storageArchive,
             .registryStorage: "GB-month"
        case .secretVersions: "version-month"
        case .secretAccesses: "10K accesses"
        case .buildMinutes: "build-minute"
        }
    }

    /// Priced once for every region (`global` in the book and the catalog).
    public var isGlobal: Bool {
        switch self {
        case .runRequests, .registryStorage, .secretVersions, .secretAccesses, .buildMinutes: true
        default: false
        }
    }

    /// The price key of a bucket's storage class, nil for a class the book does not price.
    public static func storage(class storageClass: String) -> PriceKey? {
        switch storageClass {
        case "STANDARD": .storageStandard
        case "NEARLINE": .storageNearline
        case "COLDLINE": .storageColdline
        case "ARCHIVE": .storageArchive
        default: nil
        }
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
    /// Ids from Google's catalog, used when `services.list` does not name a service.
    static let knownServiceIDs = [
        cloudRun: "152E-C115-5142", cloudSQL: "9662-B51E-5089", cloudStorage: "95FF-2EF5-5EA1",
        artifactRegistry: "149C-F9EC-3994",
    ]

    private static let notServices = ["idle", "jobs", "functions", "gpu", "commitment"]
    /// gcpctl prices Cloud Run's default, request-based billing; the catalog also lists the
    /// cheaper per-second rates of instance-based billing ("CPU always allocated").
    private static let notRequestBased = notServices + ["instance-based", "always"]

    static func of(_ key: PriceKey) -> CatalogMatch {
        switch key {
        case .runCPU: .init(service: cloudRun, words: ["cpu"], excluded: notRequestBased, usageUnit: "s")
        case .runMemory: .init(service: cloudRun, words: ["memory"], excluded: notRequestBased, usageUnit: "GiBy.s")
        case .runRequests: .init(service: cloudRun, words: ["requests"], excluded: notServices, usageUnit: "count",
                                 usageUnitsPerBookUnit: 1_000_000)
        case .sqlMicro: sql(["postgresql", "micro"], "h")
        case .sqlSmall: sql(["postgresql", "small"], "h")
        case .sqlVCPU: sql(["postgresql", "zonal", "vcpu"], "h")
        case .sqlMemory: sql(["postgresql", "zonal", "ram"], "GiBy.h")
        case .sqlSSD: sql(["postgresql", "zonal", "standard storage"], "GiBy.mo")
        case .sqlHDD: sql(["postgresql", "zonal", "low cost storage"], "GiBy.mo")
        case .sqlBackups: sql(["backups"], "GiBy.mo")
        case .storageStandard: storage("standard storage")
        case .storageNearline: storage("nearline storage")
        case .storageColdline: storage("coldline storage")
        case .storageArchive: storage("archive storage")
        case .registryStorage: .init(service: artifactRegistry, words: ["storage"], usageUnit: "GiBy.mo")
        case .secretVersions: .init(service: secretManager, words: ["secret version"], usageUnit: "mo")
        case .secretAccesses: .init(service: secretManager, words: ["access operations"], usageUnit: "count",
                                    usageUnitsPerBookUnit: 10_000)
        case .buildMinutes: .init(service: cloudBuild, words: ["build time"], usageUnit: "min")
        }
    }

    /// Enterprise edition, on demand: the book's tiers are Enterprise ones.
    private static func sql(_ words: [String], _ usageUnit: String) -> CatalogMatch {
        .init(service: cloudSQL, words: words, excluded: ["enterprise plus", "commitment"], usageUnit: usageUnit)
    }

    private static func storage(_ words: String) -> CatalogMatch {
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
