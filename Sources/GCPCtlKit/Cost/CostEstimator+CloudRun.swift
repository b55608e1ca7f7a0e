import Foundation

extension CostEstimator {
    /// One resource per service (warm minimum instances, time serving requests, requests),
    /// then the monthly free tier, once across them all.
    mutating func cloudRun() throws -> [ResourceCost] {
        let services = environment.services
        guard !services.isEmpty else { return [] }
        let cpuPrice = try price(.runCPU), memoryPrice = try price(.runMemory), requestPrice = try price(.runRequests)
        let requests = usage.requests(for: services.map(\.name))
        let shareNote = usage.requestShare == nil ? "an equal share of usage.requestsPerMonth" : "its usage.requestShare of usage.requestsPerMonth"
        var resources: [ResourceCost] = []
        var used = (cpu: Decimal(0), memory: Decimal(0), requests: Decimal(0))
        for service in services {
            let cpus = CPULimit(service.cpu).map { Decimal($0.millicores) / 1000 } ?? 1
            let gib = MemorySize(service.memory).map { Decimal($0.bytes) / Units.bytesPerGiB } ?? Decimal(1) / 2
            var lines: [CostLine] = []
            if service.minInstances > 0 {
                let warm = Decimal(service.minInstances) * Units.secondsPerMonth
                let note = "\(service.minInstances) minimum instance\(service.minInstances == 1 ? "" : "s") kept warm all month (2,628,000 s), at the active rate: an upper bound"
                lines.append(CostLine("warm instances, CPU", quantity: warm * cpus, price: cpuPrice, note: note))
                lines.append(CostLine("warm instances, memory", quantity: warm * gib, price: memoryPrice, note: note))
            }
            let count = requests[service.name] ?? 0
            let busySeconds = Decimal(count) * usage.averageRequestSeconds
            let busyNote = "\(Decimal(count).quantityText()) requests × \(usage.averageRequestSeconds.quantityText()) s (usage.averageRequestSeconds), one at a time: an upper bound"
            let requestLines = [
                CostLine("CPU serving requests", quantity: busySeconds * cpus, price: cpuPrice,
                         note: "\(cpus.quantityText()) vCPU × " + busyNote),
                CostLine("memory serving requests", quantity: busySeconds * gib, price: memoryPrice,
                         note: "\(gib.quantityText()) GiB (\(service.memory)) × " + busyNote),
                CostLine("requests", quantity: Decimal(count) / 1_000_000, price: requestPrice, note: shareNote),
            ]
            lines += requestLines
            used.cpu += lines.filter { $0.priceKey == .runCPU }.reduce(0) { $0 + $1.quantity }
            used.memory += lines.filter { $0.priceKey == .runMemory }.reduce(0) { $0 + $1.quantity }
            used.requests += Decimal(count) / 1_000_000
            resources.append(ResourceCost(key: "run/\(service.name)", kind: "Cloud Run service", name: service.name,
                                          summary: "\(service.cpu) vCPU, \(service.memory), min \(service.minInstances)", lines: lines))
        }
        let perAccount = "per billing account, applied once across the \(services.count) services (shared with other projects on the account)"
        let free = [
            freeTierLine(cpuPrice, used: used.cpu, note: "\(cpuPrice.free.quantityText()) vCPU-seconds a month " + perAccount),
            freeTierLine(memoryPrice, used: used.memory, note: "\(memoryPrice.free.quantityText()) GiB-seconds a month " + perAccount),
            freeTierLine(requestPrice, used: used.requests,
                         note: "\((requestPrice.free * 1_000_000).quantityText()) requests a month " + perAccount),
        ].compactMap { $0 }
        if !free.isEmpty {
            resources.append(ResourceCost(key: "run/free-tier", kind: "Cloud Run", name: "free tier", lines: free))
        }
        return resources
    }
}
