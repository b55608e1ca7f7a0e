import Foundation

extension PriceKey {
    /// A job that exists for a month, paused or not.
    public static let schedulerJobs = PriceKey("scheduler.jobs", unit: "job-month", isGlobal: true,
                                               catalog: .init(service: CatalogMatch.scheduler, words: ["jobs"], usageUnit: "mo"))
}

extension CostEstimator {
    /// Every declared job, less the free ones per billing account.
    mutating func scheduler() throws -> [ResourceCost] {
        let jobs = environment.schedulerJobs
        guard !jobs.isEmpty else { return [] }
        let price = try price(.schedulerJobs)
        let count = Decimal(jobs.count)
        let lines = [
            CostLine("jobs", quantity: count, price: price, note: "\(jobs.count) declared job\(jobs.count == 1 ? "" : "s")"),
            freeTierLine(price, used: count, note: "\(price.free.quantityText()) jobs a month free, per billing account"),
        ].compactMap { $0 }
        return [ResourceCost(key: "scheduler", kind: "Cloud Scheduler", name: "\(jobs.count) job\(jobs.count == 1 ? "" : "s")", lines: lines)]
    }
}
