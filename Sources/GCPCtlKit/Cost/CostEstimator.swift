import Foundation

/// Prices an environment: its declared resources, its usage profile and what was observed,
/// at the prices of a `PriceSheet`. Pure: no I/O, so every line can be checked by a test.
struct CostEstimator {
    let environment: Environment
    let usage: UsageProfile
    let observed: ObservedUsage?
    let prices: any PriceSheet
    private(set) var warnings: [String] = []

    init(environment: Environment, observed: ObservedUsage?, prices: any PriceSheet) {
        self.environment = environment
        usage = UsageProfile(environment.usage)
        self.observed = observed
        self.prices = prices
    }

    func price(_ key: PriceKey) throws -> Price {
        try prices.price(key, region: environment.region)
    }

    mutating func warn(_ message: String) {
        warnings.append(message)
    }

    /// Every resource's lines, the total and the savings.
    mutating func estimate(mode: CostMode, priceBook: String, project: String?) throws -> CostEstimate {
        if !usage.isDeclared {
            warn("\(environment.origin.file) has no usage block: requests, storage, images, builds and secret accesses count as 0 (see docs/configuration.md, usage)")
        }
        var resources: [ResourceCost] = []
        for kind in ResourceKinds.priced {
            resources += try kind.cost?(&self) ?? []
        }
        resources.append(try cloudBuild())
        resources = resources.filter { !$0.lines.isEmpty }
        let savings = try SavingsFinder(estimator: self, resources: resources).savings()
        return CostEstimate(
            environment: environment.name, shortName: environment.shortName, project: project, region: environment.region, mode: mode,
            priceBook: priceBook, usage: usageSource, resources: resources,
            total: resources.reduce(0) { $0 + $1.monthlyCost }, savings: savings, warnings: warnings + (observed?.gaps ?? []))
    }

    private var usageSource: String {
        usage.isDeclared ? "\(environment.origin.file) (usage)" : "none: \(environment.origin.file) has no usage block"
    }

    /// A free tier as a line of its own: minus what it covers of `used`, at the same price.
    func freeTierLine(_ price: Price, used: Decimal, note: String) -> CostLine? {
        let covered = min(price.free, max(used, 0))
        guard covered > 0 else { return nil }
        return CostLine("free tier", quantity: -covered, price: price, note: note)
    }

    // MARK: Cloud SQL

    /// Whether the environment's resources are for production (savings advice differs).
    var isProduction: Bool {
        environment.name == "production" || environment.shortName == "prod"
    }

    var sqlHoursPerMonth: Decimal {
        Units.hoursPerMonth * usage.sqlHoursPerWeek / UsageProfile.hoursPerWeek
    }

    mutating func cloudSQL() throws -> ResourceCost? {
        guard let sql = environment.cloudSQL else { return nil }
        let copies: Decimal = sql.availability == "REGIONAL" ? 2 : 1
        let hours = sqlHoursPerMonth * copies
        let running = usage.sqlHoursPerWeek == UsageProfile.hoursPerWeek ? "runs all month (730 h)"
            : "runs \(usage.sqlHoursPerWeek.quantityText()) h a week (usage.sqlHoursPerWeek): \(sqlHoursPerMonth.quantityText(places: 1)) h a month"
        let standby = copies == 2 ? "; REGIONAL: a standby doubles it" : ""
        var lines = try sqlCompute(tier: sql.tier, hours: hours, note: running + standby)
        let ssd = sql.storageType != "PD_HDD"
        let disk = Decimal(sql.storageSizeGb)
        lines.append(CostLine(ssd ? "SSD storage" : "HDD storage", quantity: disk * copies, price: try price(ssd ? .sqlSSD : .sqlHDD),
                              note: "\(sql.storageSizeGb) GB disk" + (sql.storageAutoResize ? ", grows with autoResize" : "")
                                + (copies == 2 ? "; REGIONAL: the standby's disk too" : "") + "; paid while stopped too"))
        if sql.backupsEnabled {
            let data = usage.databaseGb ?? disk
            let source = usage.databaseGb == nil ? "the disk size, as usage.databaseGb is unset" : "usage.databaseGb"
            lines.append(CostLine("backups", quantity: data, price: try price(.sqlBackups),
                                  note: "\(sql.retainedBackups) retained, incremental: about one copy of \(data.quantityText()) GB of data (\(source))"
                                    + (sql.pointInTimeRecovery ? "; point-in-time recovery logs not counted" : "")))
        }
        return ResourceCost(key: "sql", kind: "Cloud SQL instance", name: sql.instance,
                            summary: "\(sql.tier), \(sql.availability)", lines: lines)
    }
}

extension CostEstimator {
    /// An instance's compute for `hours`: a shared-core tier by the hour, a custom tier by
    /// its vCPUs and memory; Enterprise Plus tiers are not in the book (a warning says so).
    mutating func sqlCompute(tier: String, hours: Decimal, note: String) throws -> [CostLine] {
        switch CloudSQLRules.tierKind(tier) {
        case .sharedCore:
            let key: PriceKey = tier == "db-f1-micro" ? .sqlMicro : .sqlSmall
            return [CostLine("instance (\(tier))", quantity: hours, price: try price(key), note: "shared core; " + note)]
        case .custom(let vCPUs, let memoryMiB):
            let gib = Decimal(memoryMiB) / Units.mebibytesPerGiB
            return [
                CostLine("vCPUs", quantity: Decimal(vCPUs) * hours, price: try price(.sqlVCPU), note: "\(vCPUs) vCPU; " + note),
                CostLine("memory", quantity: gib * hours, price: try price(.sqlMemory), note: "\(gib.quantityText()) GiB; " + note),
            ]
        case .performanceOptimized, nil:
            warn("\(tier) is not in the price book (Enterprise Plus tiers are not estimated); the instance's compute is left out")
            return []
        }
    }
}
