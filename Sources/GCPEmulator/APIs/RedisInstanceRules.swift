import Foundation

/// Memorystore for Redis's rules, from its discovery document, gcloud and Google's pages:
/// the instance id (1-40 lowercase letters, digits, hyphens; a letter first; no hyphen
/// last); a tier and a size of 1-300 GB; the Redis versions and the `redisConfigs` each
/// supports; replica counts by tier; the authorized network must be in the instance's own
/// project and exist; in PRIVATE_SERVICE_ACCESS mode the network must have a private
/// services access connection, and `reservedIpRange` names one of its allocated ranges
/// (Google then answers the /29 it took there, not the name). Patch changes only what an
/// update mask may name (gcloud sends snake_case paths); tier, network, connect mode, range,
/// zone, encryption and version (`:upgrade`) are fixed.
enum RedisInstanceRules {
    static let versions = ["REDIS_3_2", "REDIS_4_0", "REDIS_5_0", "REDIS_6_X", "REDIS_7_0", "REDIS_7_2"]
    static let defaultVersion = "REDIS_7_0"

    /// Update mask paths, by either spelling, to the field each names.
    static let updatableFields: [String: String] = [
        "displayName": "displayName", "display_name": "displayName", "labels": "labels",
        "memorySizeGb": "memorySizeGb", "memory_size_gb": "memorySizeGb", "redisConfigs": "redisConfigs",
        "redis_configs": "redisConfigs", "redisConfig": "redisConfigs", "replicaCount": "replicaCount",
        "replica_count": "replicaCount", "authEnabled": "authEnabled", "auth_enabled": "authEnabled",
        "maintenancePolicy": "maintenancePolicy", "maintenance_policy": "maintenancePolicy",
        "persistenceConfig": "persistenceConfig", "persistence_config": "persistenceConfig",
        "readReplicasMode": "readReplicasMode", "read_replicas_mode": "readReplicasMode",
        "secondaryIpRange": "secondaryIpRange", "secondary_ip_range": "secondaryIpRange",
        "maintenanceVersion": "maintenanceVersion", "maintenance_version": "maintenanceVersion",
    ]

    /// The `redisConfigs` keys each version accepts, and the versions after it.
    private static let configsSince: [(version: String, keys: [String])] = [
        ("REDIS_3_2", ["maxmemory-policy", "notify-keyspace-events"]),
        ("REDIS_4_0", ["activedefrag", "lfu-decay-time", "lfu-log-factor", "maxmemory-gb"]),
        ("REDIS_5_0", ["stream-node-max-bytes", "stream-node-max-entries"]),
    ]

    static func checkID(_ id: String?) throws {
        let bytes = Array((id ?? "").utf8)
        let letter = { (byte: UInt8) in (97...122).contains(byte) }
        let digit = { (byte: UInt8) in (48...57).contains(byte) }
        guard (1...40).contains(bytes.count), letter(bytes[0]), bytes.last.map({ letter($0) || digit($0) }) == true,
            bytes.allSatisfy({ letter($0) || digit($0) || $0 == UInt8(ascii: "-") })
        else {
            throw APIError.invalidArgument(
                "instanceId '\(id ?? "")' is invalid: 1 to 40 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or a digit.",
                field: "instance_id")
        }
    }

    /// The instance as first stored (CREATING): what was asked, with Google's defaults.
    static func newInstance(_ body: JSONValue, name: String, project: String, region: String, state: EmulatorState) throws -> JSONValue {
        guard let tier = body["tier"]?.stringValue, ["BASIC", "STANDARD_HA"].contains(tier) else {
            throw APIError.invalidArgument("tier is required: BASIC or STANDARD_HA.", field: "instance.tier")
        }
        guard let size = body["memorySizeGb"]?.intValue, (1...300).contains(size) else {
            throw APIError.invalidArgument("memorySizeGb is required, from 1 to 300 GB.", field: "instance.memory_size_gb")
        }
        let version = body["redisVersion"]?.stringValue ?? defaultVersion
        guard versions.contains(version) else {
            throw APIError.invalidArgument("redisVersion '\(version)' is not supported; use one of \(versions.joined(separator: ", ")).", field: "instance.redis_version")
        }
        try checkConfigs(body["redisConfigs"], version: version)
        let connectMode = body["connectMode"]?.stringValue.flatMap { $0 == "CONNECT_MODE_UNSPECIFIED" ? nil : $0 } ?? "DIRECT_PEERING"
        let networkText = body["authorizedNetwork"]?.stringValue ?? "projects/\(project)/global/networks/default"
        guard let network = ComputeNetworks.reference(networkText, defaultProject: project),
            ComputeNetworks.projectID(network.project, state: state) == project
        else {
            var error = APIError.invalidArgument("authorized_network must exist in the same project as redis instance")
            error.details = [badRequest("instance.authorized_network", "Invalid value: \(networkText)")]
            throw error
        }
        guard ComputeNetworks.network(network.name, project: project, state: state) != nil else {
            var error = APIError.invalidArgument("The authorized network \(networkText) was not found.")
            error.details = [badRequest("instance.authorized_network", "Invalid value: \(networkText)")]
            throw error
        }
        let readReplicas = body["readReplicasMode"]?.stringValue == "READ_REPLICAS_ENABLED"
        let replicas = try replicaCount(body["replicaCount"]?.intValue, tier: tier, readReplicas: readReplicas)
        let encryption = body["transitEncryptionMode"]?.stringValue.flatMap { $0.hasSuffix("UNSPECIFIED") ? nil : $0 } ?? "DISABLED"
        var instance = body
        instance = instance.merging([
            "name": .string(name), "tier": .string(tier), "memorySizeGb": .int(size), "redisVersion": .string(version),
            "connectMode": .string(connectMode), "authorizedNetwork": .string("projects/\(project)/global/networks/\(network.name)"),
            "transitEncryptionMode": .string(encryption), "replicaCount": .int(replicas),
            "readReplicasMode": .string(readReplicas ? "READ_REPLICAS_ENABLED" : "READ_REPLICAS_DISABLED"),
            "authEnabled": .bool(body["authEnabled"]?.boolValue ?? false), "state": "CREATING",
            "locationId": body["locationId"] ?? .string(region + "-a"),
            "persistenceConfig": body["persistenceConfig"] ?? ["persistenceMode": "DISABLED"],
            "persistenceIamIdentity": .string("serviceAccount:service-\(state.projectNumber(project))@cloud-redis.iam.gserviceaccount.com"),
        ])
        if tier == "STANDARD_HA", instance["alternativeLocationId"] == nil { instance["alternativeLocationId"] = .string(region + "-b") }
        instance["reservedIpRange"] = .string(try reservedBlock(body["reservedIpRange"]?.stringValue, mode: connectMode, name: name,
                                                               network: network.name, project: project, state: state))
        if let policy = body["maintenancePolicy"] { instance["maintenancePolicy"] = maintenancePolicy(policy, previous: nil, now: nil) }
        return instance
    }

    /// Where the instance's addresses come from: the /29 Google takes in the named allocated
    /// range (PRIVATE_SERVICE_ACCESS, refused without a connection), or the CIDR given (or
    /// one chosen) for DIRECT_PEERING.
    private static func reservedBlock(_ given: String?, mode: String, name: String, network: String, project: String, state: EmulatorState) throws -> String {
        let seed = UInt64(Checksums.crc32c(Array(name.utf8)))
        guard mode == "PRIVATE_SERVICE_ACCESS" else {
            if let given {
                guard let block = ComputeCIDR.block(given), block.prefix <= 29 else {
                    throw APIError.invalidArgument("reservedIpRange must be a /29 (or wider) CIDR range in DIRECT_PEERING mode; got '\(given)'.", field: "instance.reserved_ip_range")
                }
                return block.description
            }
            return "10.\(seed >> 8 & 0xFF).\(seed & 0xFF).\(seed >> 16 & 0x1F << 3)/29"
        }
        let ranges = ServiceNetworkingConnections.connectedRanges(network: network, project: project, state: state)
        guard ServiceNetworkingConnections.connection(network: network, project: project, state: state) != nil else {
            throw APIError.failedPrecondition(
                "Google private service access is not enabled. Enable private service access and try again. For information on enabling private service access, see https://cloud.google.com/service-infrastructure/docs/enabling-private-services-access")
        }
        let range = given.map { named in ranges.first { $0.name == named } } ?? ranges.first
        guard let range else {
            throw APIError.invalidArgument(
                "reservedIpRange '\(given ?? "")' is not an allocated IP range of the private service access connection on network \(network).",
                field: "instance.reserved_ip_range")
        }
        guard let block = range.block, block.prefix <= 29 else { return "10.\(seed >> 8 & 0xFF).\(seed & 0xFF).0/29" }
        return block.address(at: (seed * 8) % block.size & ~7) + "/29"
    }

    static func replicaCount(_ given: Int?, tier: String, readReplicas: Bool) throws -> Int {
        switch (tier, readReplicas) {
        case ("BASIC", _):
            guard given == nil || given == 0 else { throw APIError.invalidArgument("A Basic Tier instance has no replicas: replicaCount must be 0.", field: "instance.replica_count") }
            return 0
        case (_, false):
            guard given == nil || given == 1 else { throw APIError.invalidArgument("Without read replicas a Standard Tier instance has exactly 1 replica.", field: "instance.replica_count") }
            return 1
        default:
            guard (1...5).contains(given ?? 2) else { throw APIError.invalidArgument("With read replicas replicaCount is from 1 to 5.", field: "instance.replica_count") }
            return given ?? 2
        }
    }

    static func checkConfigs(_ configs: JSONValue?, version: String) throws {
        let allowed = configsSince.filter { versions.firstIndex(of: $0.version)! <= versions.firstIndex(of: version)! }.flatMap(\.keys)
        for (key, value) in configs?.objectValue ?? [:] {
            guard allowed.contains(key) else {
                throw APIError.invalidArgument("Redis config '\(key)' is not supported for \(version); supported: \(allowed.joined(separator: ", ")).", field: "instance.redis_configs")
            }
            let policies = ["noeviction", "allkeys-lru", "volatile-lru", "allkeys-random", "volatile-random", "volatile-ttl", "volatile-lfu", "allkeys-lfu"]
            if key == "maxmemory-policy", !policies.contains(value.stringValue ?? "") {
                throw APIError.invalidArgument("maxmemory-policy '\(value.stringValue ?? "")' is not one of \(policies.joined(separator: ", ")).", field: "instance.redis_configs")
            }
        }
    }

    /// Google's view of a maintenance policy: the windows last an hour, times are recorded.
    static func maintenancePolicy(_ policy: JSONValue, previous: JSONValue?, now: String?) -> JSONValue {
        var result = policy
        result["weeklyMaintenanceWindow"] = .array((policy["weeklyMaintenanceWindow"]?.arrayValue ?? []).map { window in
            var window = window
            window["duration"] = "3600s"
            return window
        })
        result["createTime"] = previous?["createTime"] ?? now.map(JSONValue.string)
        result["updateTime"] = now.map(JSONValue.string)
        return result
    }

    /// How many instances in PRIVATE_SERVICE_ACCESS mode use a network's connection.
    static func instances(on network: String, project: String, state: EmulatorState) -> Int {
        state.resources(project, RedisInstancesAPI.collection).count {
            $0.value["connectMode"] == "PRIVATE_SERVICE_ACCESS"
                && $0.value["authorizedNetwork"]?.stringValue.flatMap { ComputeNetworks.reference($0)?.name } == network
        }
    }

    static func badRequest(_ field: String, _ description: String) -> JSONValue {
        ["@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [["field": .string(field), "description": .string(description)]]]
    }
}
