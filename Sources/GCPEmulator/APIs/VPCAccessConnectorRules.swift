/// Google's rules for a Serverless VPC Access connector, as its documentation and gcloud
/// state them: the id follows Compute Engine's naming and is under 21 characters with each
/// hyphen counting two; a connector sits either on a network with an unused /28 range or
/// on an existing /28 subnet; it scales between 2–9 and 3–10 instances (or, in the legacy
/// form, 200–900 and 300–1000 Mbps in steps of 100), the minimum below the maximum; its
/// machine type is e2-micro, f1-micro or e2-standard-4; an update may only raise the
/// bounds and change the machine type.
enum VPCAccessConnectorRules {
    static let machineTypes: Set = ["e2-micro", "f1-micro", "e2-standard-4"]
    /// What `connectors.patch` may change; anything else in an update mask is refused.
    static let updatableFields: Set = ["minInstances", "maxInstances", "machineType", "minThroughput", "maxThroughput"]

    static func checkID(_ id: String?) throws {
        guard let id, !id.isEmpty else { throw APIError.invalidArgument("connectorId is required.", field: "connectorId") }
        let bytes = Array(id.utf8)
        let lowercase = 97...122, digits = 48...57, hyphen = UInt8(ascii: "-")
        let shaped = lowercase.contains(Int(bytes[0])) && bytes.last != hyphen
            && bytes.allSatisfy { lowercase.contains(Int($0)) || digits.contains(Int($0)) || $0 == hyphen }
        let weightedLength = bytes.count + bytes.count { $0 == hyphen }
        guard shaped, weightedLength < 21 else {
            throw APIError.invalidArgument(
                "Connector ID '\(id)' is invalid: it must start with a lowercase letter, hold only lowercase letters, digits and hyphens, not end with a hyphen, and be under 21 characters long, each hyphen counting as two.",
                field: "connectorId")
        }
    }

    /// The connector as it will be stored: the given fields, the scaling bounds in both forms,
    /// the default machine type.
    static func normalized(_ body: JSONValue, name: String) throws -> JSONValue {
        let network = body["network"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let range = body["ipCidrRange"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let subnet = body["subnet"]?["name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        if subnet != nil, network != nil || range != nil {
            throw APIError.invalidArgument("Give either a subnet or a network with an ipCidrRange, not both.", field: "subnet")
        }
        if subnet == nil {
            guard network != nil, let range else {
                throw APIError.invalidArgument("A connector needs a network and an ipCidrRange (an unused /28), or a subnet.", field: "ipCidrRange")
            }
            guard let block = ComputeCIDR.block(range), block.prefix == 28 else {
                throw APIError.invalidArgument("ipCidrRange must be an IPv4 range of prefix length /28, such as 10.8.0.0/28; got '\(range)'.", field: "ipCidrRange")
            }
        }
        let machineType = body["machineType"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "e2-micro"
        guard machineTypes.contains(machineType) else {
            throw APIError.invalidArgument("machineType must be e2-micro, f1-micro or e2-standard-4; got '\(machineType)'.", field: "machineType")
        }
        var connector = body
        connector["name"] = .string(name)
        connector["machineType"] = .string(machineType)
        connector = try withScaling(connector, requested: body)
        connector["connectedProjects"] = nil
        connector["state"] = nil
        return connector
    }

    /// Checks an update against the stored connector and returns the connector it makes.
    static func updated(_ connector: JSONValue, with body: JSONValue, mask: [String]) throws -> JSONValue {
        for field in mask where !updatableFields.contains(field) {
            throw APIError.invalidArgument("Field \(field) of a connector cannot be updated; only \(updatableFields.sorted().joined(separator: ", ")) can.", field: "updateMask")
        }
        var changed = connector
        var requested: JSONValue = [:]
        for field in mask { requested[field] = body[field] }
        if let machineType = requested["machineType"]?.stringValue {
            guard machineTypes.contains(machineType) else {
                throw APIError.invalidArgument("machineType must be e2-micro, f1-micro or e2-standard-4; got '\(machineType)'.", field: "machineType")
            }
            changed["machineType"] = .string(machineType)
        }
        let scaling = ["minInstances", "maxInstances", "minThroughput", "maxThroughput"]
        if scaling.contains(where: { requested[$0] != nil }) {
            var bounds: JSONValue = [:]
            for field in scaling { bounds[field] = requested[field] ?? connector[field] }
            if requested["minInstances"] == nil, requested["minThroughput"] != nil { bounds["minInstances"] = nil }
            if requested["maxInstances"] == nil, requested["maxThroughput"] != nil { bounds["maxInstances"] = nil }
            changed = try withScaling(changed, requested: bounds)
            for (field, label) in [("minInstances", "minimum"), ("maxInstances", "maximum")]
            where (changed[field]?.intValue ?? 0) < (connector[field]?.intValue ?? 0) {
                throw APIError.invalidArgument(
                    "The \(label) number of instances can only be raised: \(changed[field]?.intValue ?? 0) is below the current \(connector[field]?.intValue ?? 0).",
                    field: field)
            }
        }
        return changed
    }

    /// Sets both forms of the scaling bounds from what was asked: instances win over the
    /// legacy throughput; neither given means 2 to 10 instances.
    private static func withScaling(_ connector: JSONValue, requested: JSONValue) throws -> JSONValue {
        var connector = connector
        let minThroughput = requested["minThroughput"]?.intValue
        let maxThroughput = requested["maxThroughput"]?.intValue
        if requested["minInstances"] == nil, let minThroughput {
            guard (200...900).contains(minThroughput), minThroughput % 100 == 0 else {
                throw APIError.invalidArgument("minThroughput must be a multiple of 100 from 200 through 900; got \(minThroughput).", field: "minThroughput")
            }
        }
        if requested["maxInstances"] == nil, let maxThroughput {
            guard (300...1000).contains(maxThroughput), maxThroughput % 100 == 0 else {
                throw APIError.invalidArgument("maxThroughput must be a multiple of 100 from 300 through 1000; got \(maxThroughput).", field: "maxThroughput")
            }
        }
        let minimum = requested["minInstances"]?.intValue ?? minThroughput.map { $0 / 100 } ?? 2
        let maximum = requested["maxInstances"]?.intValue ?? maxThroughput.map { $0 / 100 } ?? 10
        guard (2...9).contains(minimum) else {
            throw APIError.invalidArgument("minInstances must be between 2 and 9; got \(minimum).", field: "minInstances")
        }
        guard (3...10).contains(maximum) else {
            throw APIError.invalidArgument("maxInstances must be between 3 and 10; got \(maximum).", field: "maxInstances")
        }
        guard minimum < maximum else {
            throw APIError.invalidArgument("minInstances (\(minimum)) must be lower than maxInstances (\(maximum)).", field: "minInstances")
        }
        connector["minInstances"] = .int(minimum)
        connector["maxInstances"] = .int(maximum)
        connector["minThroughput"] = .int(minimum * 100)
        connector["maxThroughput"] = .int(maximum * 100)
        return connector
    }

    /// Why a connector cannot be provisioned now, checked when its create operation ends:
    /// its network must exist and its range be free on it; a subnet must exist in its region
    /// and be a /28.
    static func provisioningProblem(_ connector: JSONValue, project: String, region: String, state: EmulatorState) -> String? {
        if let subnet = connector["subnet"]?["name"]?.stringValue {
            let subnetProject = connector["subnet"]?["projectId"]?.stringValue ?? project
            guard let record = ComputeNetworks.subnetwork(subnet, region: region, project: subnetProject, state: state) else {
                return "Subnetwork '\(subnet)' not found in region \(region) of project \(subnetProject)."
            }
            guard record["ipCidrRange"]?.stringValue.flatMap(ComputeCIDR.block)?.prefix == 28 else {
                return "Subnetwork '\(subnet)' must have a /28 range to house a connector."
            }
            return nil
        }
        guard let networkName = connector["network"]?.stringValue,
            let network = ComputeNetworks.reference(networkName, defaultProject: project),
            ComputeNetworks.network(network.name, project: project, state: state) != nil
        else { return "Network '\(connector["network"]?.stringValue ?? "")' not found in project \(project)." }
        guard let range = connector["ipCidrRange"]?.stringValue, let block = ComputeCIDR.block(range) else { return nil }
        var taken = ComputeNetworks.blocksInUse(network: network.name, project: project, state: state)
        for other in state.resources(project, VPCAccessConnectorsAPI.collection) where other.name != connector["name"]?.stringValue {
            guard other.value["network"]?.stringValue.flatMap({ ComputeNetworks.reference($0, defaultProject: project)?.name }) == network.name
            else { continue }
            if let otherBlock = other.value["ipCidrRange"]?.stringValue.flatMap(ComputeCIDR.block) { taken.append(otherBlock) }
        }
        if let conflict = taken.first(where: block.overlaps) {
            return "The IP range \(range) overlaps \(conflict), already in use in network '\(network.name)'."
        }
        return nil
    }
}
