/// A command status suggests (property 30: what would create a missing resource, start a
/// stopped one, or put a drifted one back as the environment file says).
public struct StatusFix: Sendable, Equatable, CustomStringConvertible {
    enum Verb: Sendable, Equatable {
        case setup, enable, sqlStart, deploy
        case command(String)
    }

    let verb: Verb
    /// The APIs to enable, the services to deploy (none: every service).
    let names: [String]
    /// The environment's short name, for `--env=`.
    let environment: String

    public var description: String {
        let env = "--env=\(environment)"
        switch verb {
        case .setup: return "gcpctl setup \(env)"
        case .enable: return "gcpctl enable \(names.joined(separator: " ")) \(env)"
        case .sqlStart: return "gcpctl sql start \(env)"
        case .deploy: return (["gcpctl deploy"] + names + [env]).joined(separator: " ")
        case .command(let text): return text
        }
    }

    var isCommand: Bool {
        if case .command = verb { true } else { false }
    }

    static func setup(_ environment: Environment) -> StatusFix { StatusFix(verb: .setup, names: [], environment: environment.shortName) }
    static func enable(_ environment: Environment, apis: [String]) -> StatusFix {
        StatusFix(verb: .enable, names: apis, environment: environment.shortName)
    }
    static func deploy(_ environment: Environment, service: String) -> StatusFix {
        StatusFix(verb: .deploy, names: [service], environment: environment.shortName)
    }
    static func sqlStart(_ environment: Environment) -> StatusFix { StatusFix(verb: .sqlStart, names: [], environment: environment.shortName) }
    static func command(_ text: String) -> StatusFix { StatusFix(verb: .command(text), names: [], environment: "") }

    /// One command per verb, in the order to run them: the APIs enabled together (or left
    /// to setup, which enables them when it runs anyway), then setup, the database started,
    /// the services deployed together (all of them: no names).
    static func merged(_ fixes: [StatusFix], services: [String]) -> [StatusFix] {
        guard let environment = fixes.first(where: { !$0.isCommand })?.environment else {
            return fixes.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        }
        let hasSetup = fixes.contains { $0.verb == .setup }
        func names(_ verb: Verb) -> [String] {
            fixes.filter { $0.verb == verb }.flatMap(\.names).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        }
        var merged: [StatusFix] = []
        let apis = names(.enable)
        if !apis.isEmpty && !hasSetup { merged.append(StatusFix(verb: .enable, names: apis, environment: environment)) }
        if hasSetup { merged.append(StatusFix(verb: .setup, names: [], environment: environment)) }
        if fixes.contains(where: { $0.verb == .sqlStart }) { merged.append(StatusFix(verb: .sqlStart, names: [], environment: environment)) }
        let deploy = names(.deploy)
        if !deploy.isEmpty {
            merged.append(StatusFix(verb: .deploy, names: Set(deploy) == Set(services) ? [] : deploy, environment: environment))
        }
        for fix in fixes where fix.isCommand && !merged.contains(fix) { merged.append(fix) }
        return merged
    }
}
