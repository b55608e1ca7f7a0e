/// Issue 15 point 8: secrets written as plain values in the .env file or a service's `env`
/// (a variable named as a secret, a password inside a URL). gcpctl never prints them, and
/// says once per command that they belong in Secret Manager.
extension Environment {
    /// Every plain variable the environment holds, the .env file's first, then each
    /// service's own `env`.
    var plainVariables: [(name: String, value: String)] {
        (legacyVariables?.variables.map { ($0.name, $0.value) } ?? [])
            + services.flatMap { service in service.env.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    }

    /// What holds a literal secret, as a warning names it: `JWT_SECRET`, `the password in
    /// DATABASE_URL`. A secret-named variable every service mounts from Secret Manager
    /// instead is not deployed, so not counted.
    var literalSecrets: [String] {
        var found: [String] = []
        for (name, value) in plainVariables where !value.isEmpty {
            let described = Redactor.isSecretName(name) ? name : Redactor.urlPassword(in: value) != nil ? "the password in \(name)" : nil
            guard let described, !found.contains(described) else { continue }
            if Redactor.isSecretName(name), !services.isEmpty, services.allSatisfy({ $0.secrets[name] != nil }) { continue }
            found.append(described)
        }
        return found
    }

    /// The warning for `literalSecrets`, or nil when there are none.
    var literalSecretsWarning: String? {
        let found = literalSecrets
        guard !found.isEmpty else { return nil }
        let file = legacyVariables?.path ?? origin.file
        return "\(file) holds secrets as plain values (\(found.joined(separator: ", "))): gcpctl masks them in what it prints, but Cloud Run shows plain variables to anyone who can view the service. Move them to Secret Manager: declare each under secrets: in \(origin.file) and map it in the service's secrets:, or write a ${SECRET_…} placeholder in the .env file."
    }

    /// A copy that is safe to print whole (`config show --format json`): variables named as
    /// secrets masked, passwords in URLs masked.
    public var secretValuesMasked: Environment {
        var copy = self
        if var dotEnv = copy.legacyVariables {
            for index in dotEnv.variables.indices {
                dotEnv.variables[index].value = Redactor.shown(dotEnv.variables[index].value, name: dotEnv.variables[index].name)
            }
            copy.legacyVariables = dotEnv
        }
        for index in copy.services.indices {
            copy.services[index].env = Dictionary(uniqueKeysWithValues: copy.services[index].env.map { ($0.key, Redactor.shown($0.value, name: $0.key)) })
        }
        return copy
    }
}
