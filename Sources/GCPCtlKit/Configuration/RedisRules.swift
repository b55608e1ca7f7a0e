/// What Memorystore for Redis accepts (its discovery document and "Redis tiers", "Supported
/// Redis configurations"), checked before the several-minute create begins.
public enum RedisRules {
    public static let service = "redis.googleapis.com"
    public static let tiers = ["BASIC", "STANDARD_HA"]
    public static let versions = ["REDIS_6_X", "REDIS_7_0", "REDIS_7_2"]
    public static let days = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]
    public static let configs = ["maxmemory-policy", "notify-keyspace-events", "activedefrag", "lfu-decay-time", "lfu-log-factor",
                                 "maxmemory-gb", "stream-node-max-bytes", "stream-node-max-entries"]

    /// The instance id: 1-40 lowercase letters, digits and hyphens, a letter first, no hyphen last.
    public static func instanceIDProblem(_ id: String) -> String? {
        let valid = id.wholeMatch(of: /[a-z]([-a-z0-9]{0,38}[a-z0-9])?/) != nil
        return valid ? nil : "'\(id)' is not a Redis instance id; use 1 to 40 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen"
    }
}
