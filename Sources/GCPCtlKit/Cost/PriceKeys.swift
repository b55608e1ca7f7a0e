import Foundation

/// Every price gcpctl uses: the keys of every registered kind, then those of the costs that
/// are not a kind (Cloud Build's minutes). The price book accepts these keys and no other.
public enum PriceKeys {
    public static let all: [PriceKey] = {
        var keys: [PriceKey] = []
        for key in ResourceKinds.all.flatMap(\.priceKeys) + extras where !keys.contains(key) {
            keys.append(key)
        }
        return keys
    }()

    /// Priced by `CostEstimator`'s extras, not by a kind.
    static let extras: [PriceKey] = [.buildMinutes]
}

// Each kind's keys, with how the catalog names them. A key is a plain value: these lets
// read no kind, so a kind's `static let` may name them.
extension PriceKey {
    // Cloud Run services: gcpctl prices the default, request-based billing.
    public static let runCPU = PriceKey("run.cpu", unit: "vCPU-second",
                                        catalog: .init(service: CatalogMatch.cloudRun, words: ["cpu"],
                                                       excluded: CatalogMatch.notRequestBased, usageUnit: "s"))
    public static let runMemory = PriceKey("run.memory", unit: "GiB-second",
                                           catalog: .init(service: CatalogMatch.cloudRun, words: ["memory"],
                                                          excluded: CatalogMatch.notRequestBased, usageUnit: "GiBy.s"))
    public static let runRequests = PriceKey("run.requests", unit: "1M requests", isGlobal: true,
                                             catalog: .init(service: CatalogMatch.cloudRun, words: ["requests"],
                                                            excluded: CatalogMatch.notServices, usageUnit: "count",
                                                            usageUnitsPerBookUnit: 1_000_000))

    // Cloud SQL instances
    public static let sqlMicro = PriceKey("sql.db-f1-micro", unit: "hour", catalog: .sql(["postgresql", "micro"], "h"))
    public static let sqlSmall = PriceKey("sql.db-g1-small", unit: "hour", catalog: .sql(["postgresql", "small"], "h"))
    public static let sqlVCPU = PriceKey("sql.vcpu", unit: "vCPU-hour", catalog: .sql(["postgresql", "zonal", "vcpu"], "h"))
    public static let sqlMemory = PriceKey("sql.memory", unit: "GiB-hour", catalog: .sql(["postgresql", "zonal", "ram"], "GiBy.h"))
    public static let sqlSSD = PriceKey("sql.storage.ssd", unit: "GB-month",
                                        catalog: .sql(["postgresql", "zonal", "standard storage"], "GiBy.mo"))
    public static let sqlHDD = PriceKey("sql.storage.hdd", unit: "GB-month",
                                        catalog: .sql(["postgresql", "zonal", "low cost storage"], "GiBy.mo"))
    public static let sqlBackups = PriceKey("sql.backups", unit: "GB-month", catalog: .sql(["backups"], "GiBy.mo"))

    // Buckets, by storage class
    public static let storageStandard = PriceKey("storage.standard", unit: "GB-month", catalog: .storage("standard storage"))
    public static let storageNearline = PriceKey("storage.nearline", unit: "GB-month", catalog: .storage("nearline storage"))
    public static let storageColdline = PriceKey("storage.coldline", unit: "GB-month", catalog: .storage("coldline storage"))
    public static let storageArchive = PriceKey("storage.archive", unit: "GB-month", catalog: .storage("archive storage"))

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

    // The Artifact Registry repository
    public static let registryStorage = PriceKey("artifactregistry.storage", unit: "GB-month", isGlobal: true,
                                                 catalog: .init(service: CatalogMatch.artifactRegistry, words: ["storage"],
                                                                usageUnit: "GiBy.mo"))

    // Secrets
    public static let secretVersions = PriceKey("secretmanager.versions", unit: "version-month", isGlobal: true,
                                                catalog: .init(service: CatalogMatch.secretManager, words: ["secret version"],
                                                               usageUnit: "mo"))
    public static let secretAccesses = PriceKey("secretmanager.accesses", unit: "10K accesses", isGlobal: true,
                                                catalog: .init(service: CatalogMatch.secretManager, words: ["access operations"],
                                                               usageUnit: "count", usageUnitsPerBookUnit: 10_000))

    // Cloud Build (an extra: not a kind)
    public static let buildMinutes = PriceKey("cloudbuild.minutes", unit: "build-minute", isGlobal: true,
                                              catalog: .init(service: CatalogMatch.cloudBuild, words: ["build time"], usageUnit: "min"))
}
