import Foundation

/// Memorystore for Redis v1 instances: create, get, list (`locations/-` for every region),
/// patch (`updateMask`), upgrade, delete and getAuthString. Every change is a
/// google.longrunning operation (the `redis` duration) named
/// `projects/P/locations/R/operations/operation-...` that holds the instance: a second
/// change meanwhile is 400 FAILED_PRECONDITION. The instance is CREATING, then READY with
/// its `host` and `port`; UPDATING and DELETING while those run. Enabling AUTH makes a new
/// AUTH string, kept in `@authString` and answered only by getAuthString (`{}` while AUTH is
/// off, as Google documents). Rules: `RedisInstanceRules`.
enum RedisInstancesAPI {
    static let collection = "redis.instances"

    static let handlers: [String: APIHandler] = [
        "redis.projects.locations.instances.create": create,
        "redis.projects.locations.instances.get": get,
        "redis.projects.locations.instances.list": list,
        "redis.projects.locations.instances.patch": patch,
        "redis.projects.locations.instances.upgrade": upgrade,
        "redis.projects.locations.instances.delete": delete,
        "redis.projects.locations.instances.getAuthString": getAuthString,
        "redis.projects.locations.operations.get": LongRunningOperations.get,
        "redis.projects.locations.operations.list": LongRunningOperations.list,
    ]

    static let operationEffects: [String: OperationEngine.Effect] = [
        "redis.create": { state, operation, succeeded, now in
            guard let (project, name, instance) = target(operation, state) else { return nil }
            guard succeeded else {
                state.removeResource(project, collection, name)
                return nil
            }
            let ready = readied(instance, now: now)
            state.setResource(project, collection, name, ready)
            return response(ready)
        },
        "redis.update": { state, operation, succeeded, now in
            guard let (project, name, instance) = target(operation, state) else { return nil }
            var finished = instance
            if succeeded, let changes = operation["@payload"]?["changes"] {
                for (field, value) in changes.objectValue ?? [:] { finished[field] = value == .null ? nil : value }
                if changes["authEnabled"] == true, instance["authEnabled"] != true { finished["@authString"] = .string(newAuthString()) }
                if changes["authEnabled"] == false { finished["@authString"] = nil }
            }
            finished["state"] = "READY"
            state.setResource(project, collection, name, finished)
            return response(finished)
        },
        "redis.delete": { state, operation, succeeded, now in
            guard let (project, name, instance) = target(operation, state) else { return nil }
            guard succeeded else {
                var restored = instance
                restored["state"] = "READY"
                state.setResource(project, collection, name, restored)
                return nil
            }
            state.removeResource(project, collection, name)
            if instance["connectMode"] == "PRIVATE_SERVICE_ACCESS",
                let network = instance["authorizedNetwork"]?.stringValue.flatMap({ ComputeNetworks.reference($0)?.name })
            {
                ServiceNetworkingConnections.recordRelease(
                    network: network, project: project, window: operation["@payload"]?["releaseWindow"]?.doubleValue ?? 0,
                    state: &state, now: now)
            }
            return ["@type": "type.googleapis.com/google.protobuf.Empty"]
        },
    ]

    private static func target(_ operation: JSONValue, _ state: EmulatorState) -> (String, String, JSONValue)? {
        guard let project = operation["@payload"]?["project"]?.stringValue, let name = operation["@target"]?.stringValue,
            let instance = state.resource(project, collection, name)
        else { return nil }
        return (project, name, instance)
    }

    /// What a finished create shows: the endpoint in its reserved block, the zones, nodes.
    private static func readied(_ instance: JSONValue, now: Date) -> JSONValue {
        var ready = instance
        ready["state"] = "READY"
        ready["createTime"] = .string(RFC3339.format(now))
        let block = instance["reservedIpRange"]?.stringValue.flatMap(ComputeCIDR.block)
        ready["host"] = .string(block?.address(at: 3) ?? "10.0.0.3")
        ready["port"] = instance["transitEncryptionMode"] == "SERVER_AUTHENTICATION" ? 6378 : 6379
        let zone = instance["locationId"] ?? .null
        ready["currentLocationId"] = zone
        let replicas = instance["replicaCount"]?.intValue ?? 0
        ready["nodes"] = .array((0...replicas).map { index in
            ["id": .string("node-\(index)"), "zone": index == 0 ? zone : instance["alternativeLocationId"] ?? zone]
        })
        if instance["readReplicasMode"] == "READ_REPLICAS_ENABLED" {
            ready["readEndpoint"] = .string(block?.address(at: 4) ?? "10.0.0.4")
            ready["readEndpointPort"] = ready["port"]
        }
        if instance["authEnabled"] == true { ready["@authString"] = .string(newAuthString()) }
        return ready
    }

    /// A fresh AUTH string: a UUID, as Memorystore's are.
    private static func newAuthString() -> String { UUID().uuidString.lowercased() }

    private static func response(_ instance: JSONValue) -> JSONValue {
        var response = instance
        response["@type"] = "type.googleapis.com/google.cloud.redis.v1.Instance"
        return response
    }

    private static func find(_ request: APIRequest, _ state: EmulatorState) throws -> (project: String, name: String, instance: JSONValue) {
        let project = try request.requireProject()
        let name = request.canonical(request.path("name"))
        guard let instance = state.resource(project, collection, name) else {
            throw APIError.notFound("Resource '\(name)' was not found")
        }
        return (project, name, instance)
    }

    /// The instance, which must have no operation running.
    private static func idle(_ request: APIRequest, _ state: EmulatorState) throws -> (project: String, name: String, instance: JSONValue) {
        let found = try find(request, state)
        guard found.instance["state"] == "READY" else {
            throw APIError.failedPrecondition(
                "The instance is \(found.instance["state"]?.stringValue ?? "busy"); another operation is in progress. Try again once it is READY.")
        }
        return found
    }

    private static func start(
        _ request: APIRequest, _ state: inout EmulatorState, project: String, name: String, verb: String, effect: String,
        payload: JSONValue = [:]
    ) -> JSONValue {
        let location = name.split(separator: "/").dropFirst(3).first.map(String.init) ?? ""
        return LongRunningOperations.start(
            request, &state, project: project, location: location, kind: "redis", effect: effect, target: name, payload: payload,
            metadata: ["@type": "type.googleapis.com/google.cloud.redis.v1.OperationMetadata", "verb": .string(verb),
                       "apiVersion": "v1", "requestedCancellation": false])
    }

    private static func setState(_ value: String, _ instance: JSONValue, project: String, name: String, _ state: inout EmulatorState) {
        var changed = instance
        changed["state"] = .string(value)
        state.setResource(project, collection, name, changed)
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        try RedisInstanceRules.checkID(request.query["instanceId"])
        let parent = request.canonical(request.path("parent"))
        let region = parent.split(separator: "/").last.map(String.init) ?? ""
        let name = parent + "/instances/" + (request.query["instanceId"] ?? "")
        guard state.resource(project, collection, name) == nil else {
            throw APIError.alreadyExists("Resource '\(name)' already exists")
        }
        var instance = try RedisInstanceRules.newInstance(request.body, name: name, project: project, region: region, state: state)
        if let policy = instance["maintenancePolicy"] {
            instance["maintenancePolicy"] = RedisInstanceRules.maintenancePolicy(policy, previous: nil, now: request.timestamp)
        }
        state.setResource(project, collection, name, instance)
        return .resource(start(request, &state, project: project, name: name, verb: "create", effect: "redis.create"))
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try find(request, state).instance)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let parent = request.canonical(request.path("parent"))
        let instances = state.resources(project, collection, prefix: parent.hasSuffix("/locations/-") ? "projects/\(project)/locations/" : parent + "/instances/")
            .map(\.value)
        return .resource(try request.page(instances, defaultSize: 1000).body("instances"))
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, instance) = try idle(request, state)
        let paths = (request.query["updateMask"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !paths.isEmpty else {
            throw APIError.invalidArgument("update_mask is required: at least one path must be supplied.", field: "update_mask")
        }
        var changes: JSONValue = [:]
        for path in paths {
            guard let field = RedisInstanceRules.updatableFields[path] else {
                throw APIError.invalidArgument("Field \(path) cannot be updated: an update mask may only name \(Set(RedisInstanceRules.updatableFields.values).sorted().joined(separator: ", ")).", field: "update_mask")
            }
            changes[field] = request.body[field] ?? .null
        }
        if let size = changes["memorySizeGb"], !(1...300).contains(size.intValue ?? 0) {
            throw APIError.invalidArgument("memorySizeGb must be from 1 to 300 GB.", field: "instance.memory_size_gb")
        }
        if let configs = changes["redisConfigs"] {
            try RedisInstanceRules.checkConfigs(configs, version: instance["redisVersion"]?.stringValue ?? RedisInstanceRules.defaultVersion)
        }
        if changes["replicaCount"] != nil || changes["readReplicasMode"] != nil {
            let mode = (changes["readReplicasMode"] ?? instance["readReplicasMode"])?.stringValue == "READ_REPLICAS_ENABLED"
            let count = try RedisInstanceRules.replicaCount(
                (changes["replicaCount"] ?? instance["replicaCount"])?.intValue, tier: instance["tier"]?.stringValue ?? "", readReplicas: mode)
            changes["replicaCount"] = .int(count)
        }
        if let policy = changes["maintenancePolicy"], policy != .null {
            changes["maintenancePolicy"] = RedisInstanceRules.maintenancePolicy(policy, previous: instance["maintenancePolicy"], now: request.timestamp)
        }
        setState("UPDATING", instance, project: project, name: name, &state)
        return .resource(start(request, &state, project: project, name: name, verb: "update", effect: "redis.update", payload: ["changes": changes]))
    }

    /// Only upward, as Google allows.
    private static func upgrade(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, instance) = try idle(request, state)
        let versions = RedisInstanceRules.versions
        guard let target = request.body["redisVersion"]?.stringValue, let wanted = versions.firstIndex(of: target) else {
            throw APIError.invalidArgument("redisVersion must be one of \(versions.joined(separator: ", ")).", field: "redis_version")
        }
        let current = versions.firstIndex(of: instance["redisVersion"]?.stringValue ?? "") ?? 0
        guard wanted > current else {
            throw APIError.invalidArgument("An instance can only be upgraded to a newer Redis version than \(versions[current]).", field: "redis_version")
        }
        setState("UPDATING", instance, project: project, name: name, &state)
        return .resource(start(
            request, &state, project: project, name: name, verb: "upgrade", effect: "redis.update",
            payload: ["changes": ["redisVersion": .string(target)]]))
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, instance) = try idle(request, state)
        setState("DELETING", instance, project: project, name: name, &state)
        return .resource(start(
            request, &state, project: project, name: name, verb: "delete", effect: "redis.delete",
            payload: ["releaseWindow": .double(request.configuration.serviceNetworkingReleaseSeconds)]))
    }

    private static func getAuthString(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (_, _, instance) = try find(request, state)
        guard instance["authEnabled"] == true, let auth = instance["@authString"] else { return .json([:]) }
        return .json(["authString": auth])
    }
}
