extension Environment {
    /// The plain variables `service` is deployed with (property 16): the legacy .env file's
    /// values (secret placeholders are never loaded) overlaid by the service's own `env`.
    /// Names the service mounts from Secret Manager, and names Cloud Run sets itself, are
    /// left out.
    public func variables(for service: Service) -> [String: String] {
        var variables = legacyVariables?.values ?? [:]
        variables.merge(service.env) { _, own in own }
        return variables.filter { name, _ in
            service.secrets[name] == nil && !NamingRules.reservedVariables.contains(name)
        }
    }
}
