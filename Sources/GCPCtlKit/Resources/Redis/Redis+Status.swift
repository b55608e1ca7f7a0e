import GoogleCloud

extension RedisInstance: StatusDescribing {
    /// What a service connects to, and whether it needs the AUTH string (never shown).
    func statusDetails(of state: RedisAPI.Instance, extra: Void?) -> [StatusDetail] {
        let endpoint = state.host.map { "\($0):\(state.port ?? 6379)" }
        return [
            StatusDetail("instanceState", column: "SERVING", state.state),
            StatusDetail("tier", column: "TIER", state.tier),
            StatusDetail("memorySizeGb", column: "SIZE", state.memorySizeGb.map { .number(Double($0)) } ?? .null,
                         text: state.memorySizeGb.map { "\($0) GB" } ?? "-"),
            StatusDetail("redisVersion", column: "VERSION", state.redisVersion),
            StatusDetail("endpoint", column: "ENDPOINT", endpoint),
            StatusDetail("authEnabled", column: "DETAILS", .bool(state.authEnabled ?? false), text: state.authEnabled == true ? "AUTH on" : "AUTH off"),
        ]
    }

    func health(of state: RedisAPI.Instance, extra: Void?, environment: Environment) -> StatusFinding? {
        guard let current = state.state, current != "READY" else { return nil }
        return StatusFinding(state: .unhealthy, reason: "the instance is \(current), not READY", fix: nil)
    }
}

extension RedisAuthSecret: StatusDescribing {
    /// Whether the secret holds the instance's current AUTH string, from the mark setup
    /// leaves on it; the value is never read.
    func statusDetails(of state: State, extra: Void?) -> [StatusDetail] {
        let current = state.recorded == state.current
        return [StatusDetail("authSecret", column: "DETAILS", .object(["secret": .string(secretID), "current": .bool(current)]),
                             text: "AUTH string in secret \(secretID): \(current ? "current" : "stale")")]
    }

    var statusLabel: String { "AUTH of \(redis.instance)" }
}
