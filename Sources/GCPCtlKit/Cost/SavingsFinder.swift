import Foundation

/// The biggest ways to spend less, each with what it saves a month, largest first: a
/// non-production database stopped outside working hours, no high availability and no
/// warm instances outside production, and buckets nothing declares any more.
struct SavingsFinder {
    let estimator: CostEstimator
    let resources: [ResourceCost]

    /// A working week: 12 hours on each of 5 days.
    static let workingHoursPerWeek: Decimal = 60
    /// 12 hours every day.
    static let halfDaysPerWeek: Decimal = 84
    static let computeKeys: Set<PriceKey> = [.sqlMicro, .sqlSmall, .sqlVCPU, .sqlMemory]

    var environment: Environment { estimator.environment }

    func savings() throws -> [Saving] {
        var found: [Saving] = []
        if !estimator.isProduction {
            found += [sqlSchedule(), sqlHighAvailability()].compactMap { $0 }
            found += warmInstances()
        }
        found += try unusedBuckets()
        return found.filter { $0.monthlySaving > 0 }.sorted { $0.monthlySaving > $1.monthlySaving }
    }

    private func cost(of key: String, where include: (CostLine) -> Bool) -> Decimal {
        resources.first { $0.key == key }?.lines.filter(include).reduce(0) { $0 + $1.monthlyCost } ?? 0
    }

    private func sqlSchedule() -> Saving? {
        guard let sql = environment.cloudSQL else { return nil }
        let hours = estimator.usage.sqlHoursPerWeek
        guard hours > Self.workingHoursPerWeek else { return nil }
        let compute = cost(of: "sql") { Self.computeKeys.contains($0.priceKey) }
        let saving = { (target: Decimal) in compute - compute * target / hours }
        var parts: [String] = []
        if hours > Self.halfDaysPerWeek { parts.append("12 h a day saves \(saving(Self.halfDaysPerWeek).dollars)") }
        parts.append("12 h on weekdays only (usage.sqlHoursPerWeek: 60) saves \(saving(Self.workingHoursPerWeek).dollars)")
        return Saving(kind: "sql-schedule", resource: sql.instance, monthlySaving: saving(Self.workingHoursPerWeek),
                      advice: "Stop \(sql.instance) outside working hours with `gcpctl sql stop --env=\(environment.shortName)` "
                        + "(and `gcpctl sql start` in the morning): \(parts.joined(separator: "; ")); storage is still paid")
    }

    private func sqlHighAvailability() -> Saving? {
        guard let sql = environment.cloudSQL, sql.availability == "REGIONAL" else { return nil }
        let doubled = cost(of: "sql") { $0.priceKey != .sqlBackups }
        return Saving(kind: "sql-ha", resource: sql.instance, monthlySaving: doubled / 2,
                      advice: "Set cloudSQL.availability: ZONAL in \(environment.name): the standby instance and disk cost "
                        + "\((doubled / 2).dollars) a month; a zonal instance is down while its zone is")
    }

    private func warmInstances() -> [Saving] {
        environment.services.filter { $0.minInstances > 0 }.map { service in
            let warm = cost(of: "run/\(service.name)") { $0.item.hasPrefix("warm instances") }
            return Saving(kind: "min-instances", resource: service.name, monthlySaving: warm,
                          advice: "Set minInstances: 0 for \(service.name) in \(environment.name): its \(service.minInstances) warm "
                            + "instance\(service.minInstances == 1 ? "" : "s") cost up to \(warm.dollars) a month before the free tier; "
                            + "the price is a cold start of a second or two")
        }
    }

    private func unusedBuckets() throws -> [Saving] {
        guard let unused = estimator.observed?.unusedBuckets, !unused.isEmpty else { return [] }
        let price = try estimator.price(.storageStandard)
        return unused.sorted { $0.key < $1.key }.map { name, contents in
            let saving = Decimal(contents.bytes) / Units.bytesPerGiB * price.unitPrice
            return Saving(kind: "unused-bucket", resource: name, monthlySaving: saving,
                          advice: "Bucket \(name) carries this environment's labels but \(environment.origin.file) no longer declares it: "
                            + "deleting its \(contents.objects) object\(contents.objects == 1 ? "" : "s") "
                            + "(gcpctl cleanup) saves \(saving.dollars) a month at the standard storage price")
        }
    }
}
