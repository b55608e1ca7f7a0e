import Foundation

extension CostEstimator {
    /// Each read replica: its tier's compute, always zonal (a replica has no standby), for
    /// the hours the primary runs, and a disk the size of the primary's; no backups (replicas
    /// take none). Keyed by position, so `--compare` lines up environments' replicas.
    mutating func sqlReplicas() throws -> [ResourceCost] {
        guard let sql = environment.cloudSQL else { return [] }
        let running = usage.sqlHoursPerWeek == UsageProfile.hoursPerWeek ? "runs all month (730 h)"
            : "runs with its primary: \(sqlHoursPerMonth.quantityText(places: 1)) h a month"
        let ssd = sql.storageType != "PD_HDD"
        return try sql.replicas.enumerated().map { index, replica in
            var lines = try sqlCompute(tier: replica.tier, hours: sqlHoursPerMonth, note: running + "; ZONAL")
            lines.append(CostLine(ssd ? "SSD storage" : "HDD storage", quantity: Decimal(sql.storageSizeGb), price: try price(ssd ? .sqlSSD : .sqlHDD),
                                  note: "\(sql.storageSizeGb) GB disk, the primary's size"))
            return ResourceCost(key: "sql-replica/\(index)", kind: "Cloud SQL read replica", name: replica.instance,
                                summary: "\(replica.tier), ZONAL, replica of \(sql.instance)", lines: lines)
        }
    }
}
