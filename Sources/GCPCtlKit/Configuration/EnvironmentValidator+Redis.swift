extension EnvironmentValidator {
    mutating func checkRedis() {
        guard let redis = environment.redis else { return }
        let path = DocumentPath.root.key("redis")
        checkName(path.key("instance"), redis.instance, rule: RedisRules.instanceIDProblem)
        check(path.key("tier"), choiceProblem(redis.tier, allowed: RedisRules.tiers, what: "Redis tier"))
        if !(1...300).contains(redis.memorySizeGb) {
            check(path.key("memorySizeGb"), "\(redis.memorySizeGb) is outside Memorystore's limits; use 1 to 300 GB")
        }
        check(path.key("version"), choiceProblem(redis.version, allowed: RedisRules.versions, what: "Redis version"))
        for key in redis.configs.keys.sorted() where !RedisRules.configs.contains(key) {
            check(path.key("configs").key(key), "'\(key)' is not a Redis configuration Memorystore lets you set"
                  + Suggestion.phrase(for: key, in: RedisRules.configs))
        }
        let window = path.key("maintenanceWindow")
        if let day = redis.maintenanceDay {
            check(window.key("day"), choiceProblem(day, allowed: RedisRules.days, what: "day"))
        }
        if !(0...23).contains(redis.maintenanceHour) {
            check(window.key("hour"), "\(redis.maintenanceHour) is not an hour; use 0 to 23 (UTC)")
        }
        let auth = path.key("auth")
        if let secret = redis.authSecret {
            check(auth.key("secret"), undeclaredSecretProblem(secret)
                ?? (redis.authEnabled ? nil : "an AUTH secret needs auth.enabled: true"))
        }
        if !wasDropped("network") {
            if environment.network == nil {
                check(path, "Redis is reached through the private network: declare network: with privateServiceAccess")
            } else if environment.network?.privateServiceAccess == nil {
                check(path, "Redis takes its addresses from the network's private services access: declare network.privateServiceAccess")
            }
        }
    }
}
