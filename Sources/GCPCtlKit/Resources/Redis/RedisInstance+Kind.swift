import GoogleCloud

extension ResourceKind {
    /// Made after the private connection, deleted after the services (which use it) and
    /// before the connection; its data goes with it, so its name is typed.
    public static let redisInstance: ResourceKind = ResourceKind(
        id: "redis-instance", title: "Redis instance", plural: "Redis instances", commandNames: ["redis"],
        service: RedisRules.service, priceKeys: PriceKey.redis, section: .cache, typicalDuration: .seconds(420),
        teardown: Teardown(consequence: "and the data in it", namesLocation: true, confirmation: .typeName,
                           reviewed: "with its data", after: ["cloud-run-service"]),
        nameProblem: RedisRules.instanceIDProblem,
        identify: { name, environment in ResourceIdentity(.redisInstance, name, location: environment.redis?.region ?? environment.region) },
        list: { context, _ in
            // `locations/-`: every region in one list.
            let instances = try await context.redis.instances(project: context.project, region: "-")
            return KindListing(try await instances.asyncCompactMap { instance in
                let parts = (instance.name ?? "").split(separator: "/").map(String.init)
                guard parts.count == 6, let name = parts.last else { return nil }
                let details = [instance.state, instance.tier, instance.memorySizeGb.map { "\($0) GB" }, instance.redisVersion].compactMap { $0 }
                return FoundResource(ResourceIdentity(.redisInstance, name, location: parts[3]), created: instance.createTime,
                                     labels: instance.labels, ownership: try await Ownership.of(instance, in: context), details: details)
            })
        },
        setupPart: .redis,
        declared: { environment, _ in environment.redis.map { [RedisInstance($0)] } ?? [] }).deleted(by: RedisInstance.self)
        .priced { estimator in try estimator.redis().map { [$0] } ?? [] }
}
