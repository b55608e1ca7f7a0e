/// Decides which requests get a fault: targeted rules first, then, with `--fault-rate`,
/// a seeded random share of API and token requests (never control routes).
final class FaultEngine: Sendable {
    enum Decision: Sendable, Equatable {
        case none
        case respond(code: Int, status: String, message: String, retryAfterSeconds: Int?)
        case drop
        case delay(milliseconds: Int)
        case failOperation(message: String)
        case body(code: Int, contentType: String, text: String)

        /// How the request log names it.
        var logName: String? {
            switch self {
            case .none: nil
            case .respond(let code, _, _, _): String(code)
            case .drop: "drop"
            case .delay: "delay"
            case .failOperation: "failOperation"
            case .body(let code, _, _): "body \(code)"
            }
        }
    }

    private struct Mutable {
        var rules: [FaultRule] = []
        var random: SplitMix64
    }

    private let state: Locked<Mutable>
    private let rate: Double
    private let retryAfterSeconds: Int
    private let slowMilliseconds: Int

    init(configuration: EmulatorConfiguration) {
        state = Locked(Mutable(random: SplitMix64(seed: configuration.seed)))
        rate = min(max(configuration.faultRate, 0), 1)
        retryAfterSeconds = configuration.retryAfterSeconds
        slowMilliseconds = configuration.slowResponseMilliseconds
    }

    func add(_ rule: FaultRule) { state.withLock { $0.rules.append(rule) } }

    func decide(methodID: String?, httpMethod: String, path: String) -> Decision {
        state.withLock { mutable in
            if let index = mutable.rules.firstIndex(where: { $0.matches(methodID: methodID, httpMethod: httpMethod, path: path) }) {
                let rule = mutable.rules[index]
                if rule.times == 1 {
                    mutable.rules.remove(at: index)
                } else if rule.times > 1 {
                    mutable.rules[index].times -= 1
                }
                return decision(for: rule.action)
            }
            guard rate > 0, mutable.random.nextUnit() < rate else { return .none }
            switch mutable.random.next() % 4 {
            case 0:
                return .respond(
                    code: 429, status: "RESOURCE_EXHAUSTED", message: "Quota exceeded (injected by the emulator).",
                    retryAfterSeconds: retryAfterSeconds)
            case 1:
                return .respond(code: 503, status: "UNAVAILABLE", message: "The service is currently unavailable (injected by the emulator).", retryAfterSeconds: nil)
            case 2:
                return .drop
            default:
                return .delay(milliseconds: slowMilliseconds)
            }
        }
    }

    /// Under a fault rate, whether a new operation should fail (each target at most once,
    /// so that the client's retry succeeds).
    func shouldFailOperation(target: String, failedOnce: inout Set<String>) -> Bool {
        guard rate > 0, !failedOnce.contains(target) else { return false }
        let fail = state.withLock { $0.random.nextUnit() < rate }
        if fail { failedOnce.insert(target) }
        return fail
    }

    private func decision(for action: FaultRule.Action) -> Decision {
        switch action {
        case .status(let code, let status, let message, let retryAfter):
            return .respond(
                code: code, status: status ?? APIError.statusName(forCode: code),
                message: message ?? "Injected fault (\(code)).", retryAfterSeconds: retryAfter)
        case .drop: return .drop
        case .delay(let milliseconds): return .delay(milliseconds: milliseconds)
        case .failOperation(let message): return .failOperation(message: message)
        case .body(let code, let contentType, let text): return .body(code: code, contentType: contentType, text: text)
        }
    }
}

/// A small deterministic generator, so `--seed` reproduces a run's faults.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A number in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
