import Foundation

// Memorystore for Redis bills each GB of capacity by the hour, at a price set by the tier
// and by the capacity tier the instance's size falls in (M1 1-4 GB, M2 5-10, M3 11-35,
// M4 36-100, M5 over 100): https://cloud.google.com/memorystore/docs/redis/pricing.
extension PriceKey {
    static let redisCatalogService = "Cloud Memorystore for Redis"

    /// `redis.basic.m1` … `redis.standard.m5`.
    static func redis(tier: String, capacityTier: Int) -> PriceKey {
        let name = tier == "STANDARD_HA" ? "standard" : "basic"
        return PriceKey("redis.\(name).m\(capacityTier)", unit: "GB-hour",
                        catalog: .init(service: redisCatalogService, words: [name, "m\(capacityTier)"], usageUnit: "GiBy.h"))
    }

    /// Every Redis price, Basic then Standard, M1 to M5.
    public static let redis: [PriceKey] = ["BASIC", "STANDARD_HA"].flatMap { tier in (1...5).map { redis(tier: tier, capacityTier: $0) } }

    /// The capacity tier of an instance of `sizeGb`.
    static func redisCapacityTier(sizeGb: Int) -> Int {
        switch sizeGb {
        case ...4: 1
        case ...10: 2
        case ...35: 3
        case ...100: 4
        default: 5
        }
    }
}
