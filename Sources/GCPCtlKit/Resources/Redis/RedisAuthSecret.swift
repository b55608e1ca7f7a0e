import Foundation
import GoogleCloud

/// The Redis instance's AUTH string, kept as the latest version of the declared secret
/// `redis.auth.secret`, which the services mount as REDIS_AUTH.
///
/// Memorystore makes a new AUTH string only when AUTH is turned on or the instance is made
/// again (a new createTime). So the secret records which instance state its latest version
/// belongs to (an annotation, as `SQLUserPassword` does): observing reads no value, and a
/// second run sends nothing. The string is handed to the redactor as it is read and never
/// shown.
public struct RedisAuthSecret: Resource {
    public let redis: Environment.Redis
    public let secretID: String

    public init(_ redis: Environment.Redis, secretID: String) {
        self.redis = redis
        self.secretID = secretID
    }

    public struct State: Sendable {
        /// The instance state the secret says its latest version belongs to.
        public var recorded: String?
        /// The instance's state now.
        public var current: String
    }

    /// One annotation per instance, so environments that share the secret keep their own mark.
    public var annotation: String { SQLUserPassword.annotationKey("gcpctl-redis-auth", instance: redis.instance) }

    var instanceIdentity: ResourceIdentity { ResourceIdentity(.redisInstance, redis.instance, location: redis.region) }

    public var id: ResourceID { ResourceID(.redisAuth, redis.instance) }
    public var dependencies: [ResourceID] { [instanceIdentity.id, ResourceID(.secret, secretID)] }

    /// nil until the secret holds a string of this instance (or while either is missing):
    /// the secret and the instance are read at once, no value is read.
    public func observe(in context: ResourceContext) async throws -> State? {
        async let instance = Result(awaiting: { try await RedisInstance.observe(instanceIdentity, in: context) })
        let found: SecretManagerAPI.Secret?
        do {
            found = try await context.secretManager.secret(project: context.project, id: secretID)
        } catch {
            _ = await instance
            throw error
        }
        let observed = try await instance.get()
        guard let recorded = found?.annotations?[annotation], let observed else { return nil }
        return State(recorded: recorded, current: marker(of: observed))
    }

    public func differences(from state: State) -> [FieldChange] {
        guard state.recorded != state.current else { return [] }
        return [FieldChange("authString", old: state.recorded.map { "of \($0)" } ?? "not stored by gcpctl", new: "of \(state.current)")]
    }

    public func create(in context: ResourceContext) async throws { try await store(in: context) }

    public func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws {
        try await store(in: context)
    }

    /// The secret is the `secret` kind's, and the string goes with the instance.
    public func delete(in context: ResourceContext) async throws {}

    /// Reads the AUTH string, adds it as a version only when the latest differs, then marks
    /// the secret with the instance state it belongs to.
    func store(in context: ResourceContext) async throws {
        let what = "storing the AUTH string of \(redis.instance) in \(secretID)"
        guard let instance = try await RedisInstance.waitUntilReady(instanceIdentity, in: context) else {
            throw OperationError.failed(what: what, message: "the Redis instance does not exist; run gcpctl setup --env=\(context.environment.shortName)")
        }
        guard instance.authEnabled == true,
              let auth = try await context.redis.authString(project: context.project, region: redis.region, id: redis.instance) else {
            throw OperationError.failed(what: what, message: "AUTH is off on the instance; set redis.auth.enabled: true and run gcpctl setup again")
        }
        let value = Data(auth.utf8)
        let latest = try await SQLUserPassword.latestVersion(of: secretID, in: context)
        var stored: Data?
        if let latest { stored = try await context.secretManager.access(project: context.project, id: secretID, version: latest) }
        if stored != value {
            // addVersion is not idempotent: after a failure that may have reached Google, look
            // at the latest version again before trying a second time.
            try await UncertainCreate(following: context.cloud.retryPolicy).run(lookFirst: false, existing: {
                try await SQLUserPassword.latestVersion(of: secretID, in: context) != latest ? () : nil
            }) {
                _ = try await context.secretManager.addVersion(project: context.project, id: secretID, value: value)
            } uncertain: { error in
                context.note("adding the AUTH string to \(secretID) may not have completed (\(error)); checking before retrying")
            }
        }
        var annotations = try await context.secretManager.secret(project: context.project, id: secretID)?.annotations ?? [:]
        annotations[annotation] = marker(of: instance)
        _ = try await context.secretManager.patchAnnotations(project: context.project, id: secretID, annotations: annotations)
    }

    /// `digitwinlive-redis-prod@2026-12-06T10:00:00Z/auth-on`: a new createTime or AUTH turned
    /// off and on means a new string.
    func marker(of instance: RedisAPI.Instance) -> String {
        "\(redis.instance)@\(instance.createTime ?? "?")/auth-\(instance.authEnabled == true ? "on" : "off")"
    }
}

extension ResourceKind {
    /// Nothing of its own to delete (the secret is a `secret`), so no listing: cleanup never shows it.
    public static let redisAuth: ResourceKind = ResourceKind(id: "redis-auth", title: "Redis AUTH string of", plural: "Redis AUTH strings",
                                                             service: RedisRules.service, section: .cache, setupPart: .redis,
        declared: { environment, _ in
            guard let redis = environment.redis, redis.authEnabled, let secret = redis.authSecret else { return [] }
            return [RedisAuthSecret(redis, secretID: secret)]
        })
}
