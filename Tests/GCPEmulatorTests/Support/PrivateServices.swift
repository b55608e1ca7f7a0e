import GCPEmulator
import TestSupport

/// A project ready for private services access: the APIs on, a VPC network `prod-vpc` and
/// the range `google-managed` (10.10.0.0/16, purpose VPC_PEERING) reserved on it.
struct PrivateServices {
    let project: String
    let number: String

    var network: String { "projects/\(number)/global/networks/prod-vpc" }
    var connections: String { "/servicenetworking/v1/services/servicenetworking.googleapis.com/connections" }

    static func arrange(_ emulator: Emulator, project: String = "psa-project") -> PrivateServices {
        emulator.setServices(
            ["servicenetworking.googleapis.com", "vpcaccess.googleapis.com", "redis.googleapis.com", "sqladmin.googleapis.com",
             "compute.googleapis.com", "run.googleapis.com"],
            enabled: true, project: project)
        emulator.arrangeNetwork("prod-vpc", project: project)
        emulator.arrangeAddressRange("google-managed", project: project, network: "prod-vpc", address: "10.10.0.0", prefixLength: 16)
        return PrivateServices(project: project, number: ProjectState.projectNumber(for: project))
    }

    /// Connects `prod-vpc` with `google-managed`, the operation done at once.
    func connect(_ client: RawHTTPClient, ranges: [String] = ["google-managed"]) async throws -> RawHTTPClient.Response {
        try await client.post(connections, json: ["network": .string(network), "reservedPeeringRanges": .array(ranges.map(JSONValue.string))])
    }
}
