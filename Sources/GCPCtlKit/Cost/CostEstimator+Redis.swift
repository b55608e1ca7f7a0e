import Foundation

extension CostEstimator {
    /// The instance's capacity, every hour of the month (Memorystore cannot be stopped), at
    /// its tier's and capacity tier's price per GB-hour. A Standard instance's replica is in
    /// the price.
    mutating func redis() throws -> ResourceCost? {
        guard let redis = environment.redis else { return nil }
        let capacityTier = PriceKey.redisCapacityTier(sizeGb: redis.memorySizeGb)
        let key = PriceKey.redis(tier: redis.tier, capacityTier: capacityTier)
        let line = CostLine("capacity", quantity: Decimal(redis.memorySizeGb) * Units.hoursPerMonth, price: try price(key),
                            note: "\(redis.memorySizeGb) GB × 730 h, \(redis.tier == "STANDARD_HA" ? "Standard" : "Basic") M\(capacityTier)"
                                + (redis.tier == "STANDARD_HA" ? " (the replica is in the price)" : ""))
        return ResourceCost(key: "redis", kind: "Memorystore for Redis", name: redis.instance,
                            summary: "\(redis.tier), \(redis.memorySizeGb) GB, \(redis.version)", lines: [line])
    }
}
