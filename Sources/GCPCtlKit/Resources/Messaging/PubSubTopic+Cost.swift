import Foundation

extension PriceKey {
    /// Message delivery: data published plus data delivered, per TiB.
    public static let pubsubThroughput = PriceKey("pubsub.throughput", unit: "TiB", isGlobal: true,
                                                  catalog: .init(service: CatalogMatch.pubsub, words: ["message delivery"],
                                                                 usageUnit: "TiBy"))
}

extension CostEstimator {
    /// Throughput is billed for the project, not per topic: one line for all of them, from
    /// `usage.pubsubGbPerMonth`, less the free tier. Nothing when no topic is declared.
    mutating func pubsub() throws -> [ResourceCost] {
        guard let topics = environment.pubsub?.topics, !topics.isEmpty else { return [] }
        let price = try price(.pubsubThroughput)
        let tebibytes = usage.pubsubGbPerMonth / 1024
        let lines = [
            CostLine("message delivery", quantity: tebibytes, price: price,
                     note: "usage.pubsubGbPerMonth \(usage.pubsubGbPerMonth.quantityText()) GiB published and delivered"),
            freeTierLine(price, used: tebibytes, note: "first \((price.free * 1024).quantityText()) GiB a month free, per billing account"),
        ].compactMap { $0 }
        return [ResourceCost(key: "pubsub", kind: "Pub/Sub", name: "\(topics.count) topic\(topics.count == 1 ? "" : "s")", lines: lines)]
    }
}
