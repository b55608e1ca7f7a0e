import Foundation

/// The private network's cost: the network, subnet, range and connection are free
/// (https://cloud.google.com/vpc/pricing); the connector's instances are billed as Compute
/// Engine VMs of its machine type (https://cloud.google.com/vpc/pricing#serverless-vpc-pricing).
extension CostEstimator {
    mutating func connector() throws -> [ResourceCost] {
        guard let connector = environment.network?.connector else { return [] }
        guard connector.machineType == "e2-micro" else {
            warn("the connector's \(connector.machineType) instances are not in the price book (only e2-micro is); they are left out")
            return []
        }
        let price = try price(.connectorInstance)
        let line = CostLine(
            "instance-hours (\(connector.minInstances) × 730 h)", quantity: Decimal(connector.minInstances) * Units.hoursPerMonth, price: price,
            note: "minInstances run all month; up to \(connector.maxInstances) under load")
        return [ResourceCost(key: "vpc-connector", kind: "Serverless VPC Access connector", name: connector.name,
                             summary: "\(connector.machineType), \(connector.minInstances)-\(connector.maxInstances) instances", lines: [line])]
    }
}

extension PriceKey {
    /// One e2-micro connector instance for an hour. The catalog prices E2 VMs by vCPU and
    /// memory, not by machine, so no SKU matches this key: the book's price is used, `--live` or not.
    public static let connectorInstance = PriceKey("vpcaccess.e2-micro", unit: "instance-hour",
                                                   catalog: .init(service: "Compute Engine", words: ["serverless vpc access e2-micro instance"],
                                                                  usageUnit: "h"))
}
