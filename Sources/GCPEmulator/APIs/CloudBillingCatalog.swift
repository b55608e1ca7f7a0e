/// The emulator's Cloud Billing catalog: the services gcpctl's application uses and a few
/// SKUs of each, priced near Google's us-central1 list prices (docs/gcp-behaviour.md) but
/// a few percent off them, so a test can tell a price read from the catalog from one in
/// a built-in price book. Service ids are Google's; SKU ids are the emulator's own.
/// Prices are in USD nanos per usage unit; a free tier is a first tier priced 0.
enum CloudBillingCatalog {
    struct Service {
        var id: String
        var displayName: String
    }

    struct Sku {
        var id: String
        var service: String
        var description: String
        var resourceFamily: String
        var resourceGroup: String
        var regions: [String]
        var usageUnit: String
        /// Tiers: (start usage amount, USD nanos per usage unit).
        var tiers: [(start: Double, nanos: Int)]
        var displayQuantity: Double = 1
    }

    static let cloudRun = Service(id: "152E-C115-5142", displayName: "Cloud Run")
    static let cloudSQL = Service(id: "9662-B51E-5089", displayName: "Cloud SQL")
    static let cloudStorage = Service(id: "95FF-2EF5-5EA1", displayName: "Cloud Storage")
    static let artifactRegistry = Service(id: "149C-F9EC-3994", displayName: "Artifact Registry")
    static let secretManager = Service(id: "EE82-7A5E-871C", displayName: "Secret Manager")
    static let cloudBuild = Service(id: "8B5D-EF7D-EB12", displayName: "Cloud Build")
    static let pubsub = Service(id: "A1E8-BE35-7EBC", displayName: "Cloud Pub/Sub")
    static let scheduler = Service(id: "6B3B-3E8A-4C44", displayName: "Cloud Scheduler")

    static let services = [cloudRun, cloudSQL, cloudStorage, artifactRegistry, secretManager, cloudBuild, pubsub, scheduler]

    /// The usage units the catalog uses: description, base unit, and how many base units one is.
    static let units: [String: (description: String, base: String, baseDescription: String, factor: Double)] = [
        "s": ("second", "s", "second", 1),
        "GiBy.s": ("gibibyte second", "By.s", "byte second", 1_073_741_824),
        "count": ("count", "count", "count", 1),
        "h": ("hour", "s", "second", 3600),
        "GiBy.h": ("gibibyte hour", "By.s", "byte second", 3_865_470_566_400),
        "GiBy.mo": ("gibibyte month", "By.s", "byte second", 2_875_910_101_401_600),
        "mo": ("month", "s", "second", 2_678_400),
        "min": ("minute", "s", "second", 60),
        "TiBy": ("tebibyte", "By", "byte", 1_099_511_627_776),
    ]

    static let skus: [Sku] = cloudRunSkus + cloudSQLSkus + [
        Sku(id: "E5F0-6A5B-7C01", service: cloudStorage.id, description: "Standard Storage us-central1", resourceFamily: "Storage",
            resourceGroup: "RegionalStorage", regions: ["us-central1"], usageUnit: "GiBy.mo", tiers: [(0, 20_600_000)]),
        Sku(id: "E5F0-6A5B-7C02", service: cloudStorage.id, description: "Standard Storage europe-west1", resourceFamily: "Storage",
            resourceGroup: "RegionalStorage", regions: ["europe-west1"], usageUnit: "GiBy.mo", tiers: [(0, 20_600_000)]),
        Sku(id: "E5F0-6A5B-7C03", service: cloudStorage.id, description: "Standard Storage US Multi-region", resourceFamily: "Storage",
            resourceGroup: "MultiRegionalStorage", regions: ["us"], usageUnit: "GiBy.mo", tiers: [(0, 26_000_000)]),
        Sku(id: "A7C3-1D2E-3F01", service: artifactRegistry.id, description: "Artifact Registry Storage", resourceFamily: "Storage",
            resourceGroup: "ArtifactRegistry", regions: ["global"], usageUnit: "GiBy.mo", tiers: [(0, 0), (0.5, 103_000_000)]),
        Sku(id: "5C1A-9B8D-2E01", service: secretManager.id, description: "Secret version replica storage", resourceFamily: "ApplicationServices",
            resourceGroup: "SecretManager", regions: ["global"], usageUnit: "mo", tiers: [(0, 0), (6, 62_000_000)]),
        Sku(id: "5C1A-9B8D-2E02", service: secretManager.id, description: "Secret access operations", resourceFamily: "ApplicationServices",
            resourceGroup: "SecretManager", regions: ["global"], usageUnit: "count", tiers: [(0, 0), (10_000, 3100)], displayQuantity: 10_000),
        Sku(id: "B1D4-7E2F-0A01", service: cloudBuild.id, description: "Build time (e2-standard-2)", resourceFamily: "Compute",
            resourceGroup: "CloudBuild", regions: ["global"], usageUnit: "min", tiers: [(0, 0), (2500, 6_200_000)]),
        Sku(id: "C4B2-3A1F-5D01", service: pubsub.id, description: "Message Delivery Basic", resourceFamily: "ApplicationServices",
            resourceGroup: "Message", regions: ["global"], usageUnit: "TiBy", tiers: [(0, 0), (0.009765625, 40_000_000_000)]),
        Sku(id: "C4B2-3A1F-5E01", service: scheduler.id, description: "Jobs", resourceFamily: "ApplicationServices",
            resourceGroup: "Scheduler", regions: ["global"], usageUnit: "mo", tiers: [(0, 0), (3, 100_000_000)]),
    ]

    /// Both billing settings, instance-based first: its per-second rates are lower (it bills
    /// idle time too), so a client that takes the first CPU SKU it meets is caught out.
    private static let cloudRunSkus: [Sku] = ["us-central1", "europe-west1"].enumerated().flatMap { index, region in
        [
            Sku(id: "C3A1-44B2-9D0\(index * 2)", service: cloudRun.id, description: "Services CPU (Instance-based billing) in \(region)",
                resourceFamily: "Compute", resourceGroup: "CPU", regions: [region], usageUnit: "s", tiers: [(0, 0), (240_000, 18_500)]),
            Sku(id: "C3A1-44B2-9D0\(index * 2 + 1)", service: cloudRun.id, description: "Services Memory (Instance-based billing) in \(region)",
                resourceFamily: "Compute", resourceGroup: "RAM", regions: [region], usageUnit: "GiBy.s", tiers: [(0, 0), (450_000, 1950)]),
            Sku(id: "C3A1-44B2-9E0\(index * 2)", service: cloudRun.id, description: "Services CPU (Request-based billing) in \(region)",
                resourceFamily: "Compute", resourceGroup: "CPU", regions: [region], usageUnit: "s", tiers: [(0, 0), (180_000, 24_700)]),
            Sku(id: "C3A1-44B2-9E0\(index * 2 + 1)", service: cloudRun.id, description: "Services Memory (Request-based billing) in \(region)",
                resourceFamily: "Compute", resourceGroup: "RAM", regions: [region], usageUnit: "GiBy.s", tiers: [(0, 0), (360_000, 2600)]),
        ]
    } + [
        Sku(id: "C3A1-44B2-9D10", service: cloudRun.id, description: "Requests", resourceFamily: "ApplicationServices",
            resourceGroup: "Requests", regions: ["global"], usageUnit: "count", tiers: [(0, 0), (2_000_000, 410)], displayQuantity: 1_000_000),
    ]

    /// Per region: micro instance, vCPU, RAM, SSD storage, backups (europe-west1 about 10% dearer, as Google's is).
    private static let cloudSQLSkus: [Sku] = [("us-central1", 1.0), ("europe-west1", 1.1)].enumerated().flatMap { index, entry in
        let (region, factor) = entry
        let price = { (nanos: Int) in Int((Double(nanos) * factor).rounded()) }
        let prefix = "9D2B-60E1-\(index)"
        return [
            Sku(id: prefix + "001", service: cloudSQL.id, description: "Cloud SQL for PostgreSQL: Zonal - Micro instance (db-f1-micro) in \(region)",
                resourceFamily: "ApplicationServices", resourceGroup: "SQLGen2InstancesF1Micro", regions: [region], usageUnit: "h",
                tiers: [(0, price(10_800_000))]),
            Sku(id: prefix + "002", service: cloudSQL.id, description: "Cloud SQL for PostgreSQL: Zonal - vCPU in \(region)",
                resourceFamily: "ApplicationServices", resourceGroup: "SQLGen2InstancesCPU", regions: [region], usageUnit: "h",
                tiers: [(0, price(42_500_000))]),
            Sku(id: prefix + "003", service: cloudSQL.id, description: "Cloud SQL for PostgreSQL: Zonal - RAM in \(region)",
                resourceFamily: "ApplicationServices", resourceGroup: "SQLGen2InstancesRAM", regions: [region], usageUnit: "GiBy.h",
                tiers: [(0, price(7_200_000))]),
            Sku(id: prefix + "004", service: cloudSQL.id, description: "Cloud SQL for PostgreSQL: Zonal - Standard storage in \(region)",
                resourceFamily: "Storage", resourceGroup: "SSD", regions: [region], usageUnit: "GiBy.mo", tiers: [(0, price(175_000_000))]),
            Sku(id: prefix + "005", service: cloudSQL.id, description: "Cloud SQL: Backups in \(region)",
                resourceFamily: "Storage", resourceGroup: "PDSnapshot", regions: [region], usageUnit: "GiBy.mo", tiers: [(0, price(82_000_000))]),
        ]
    }

    /// Units per USD of the currencies the catalog answers in.
    static let currencies: [String: Double] = ["USD": 1, "EUR": 0.92, "GBP": 0.79, "JPY": 150, "CHF": 0.88, "CAD": 1.37, "AUD": 1.52, "INR": 84]
}
