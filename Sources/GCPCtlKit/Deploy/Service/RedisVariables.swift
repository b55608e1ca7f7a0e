import GoogleCloud

/// Where the services reach Redis: the observed instance's address, read by deploy's
/// preflight (Memorystore gives `host` and `port` once the instance is READY).
public struct RedisEndpoint: Sendable, Equatable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

extension Environment {
    /// Variable → Secret Manager secret a service mounts: its own `secrets`, and with Redis
    /// AUTH the AUTH string's secret (`redis.variables.auth`, REDIS_AUTH) unless the service
    /// sets that variable itself.
    public func secretVariables(of service: Service) -> [String: String] {
        var secrets = service.secrets
        if let redis, redis.authEnabled, let secret = redis.authSecret,
           secrets[redis.authVariable] == nil, service.env[redis.authVariable] == nil {
            secrets[redis.authVariable] = secret
        }
        return secrets
    }

    /// Whether any of `services` mounts a secret (the runtime account then reads secrets).
    func mountSecrets(_ services: [Service]) -> Bool {
        services.contains { !secretVariables(of: $0).isEmpty }
    }
}

extension Preflight {
    /// The Redis instance's address when `redis:` is declared, or the problem that stops
    /// the deploy before any build: services deployed without it could not reach their cache.
    func redisEndpoint(in context: ResourceContext) async throws -> (endpoint: RedisEndpoint?, problem: String?) {
        guard let redis = environment.redis else { return (nil, nil) }
        let identity = ResourceIdentity(.redisInstance, redis.instance, location: redis.region)
        let setup = "run gcpctl setup --env=\(environment.shortName) first"
        guard let instance = try await RedisInstance.observe(identity, in: context) else {
            return (nil, "the Redis instance \(redis.instance) does not exist; \(setup)")
        }
        guard instance.state == "READY", let host = instance.host else {
            return (nil, "the Redis instance \(redis.instance) is \(instance.state ?? "not READY"), not READY; \(setup)")
        }
        return (RedisEndpoint(host: host, port: instance.port ?? 6379), nil)
    }
}
