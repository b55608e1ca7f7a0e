import GoogleCloud

extension ManagedSecret: StatusDescribing {
    /// The number of versions only: status never shows a secret's value (it reads the latest
    /// one only to tell a placeholder, `SecretPlaceholder`).
    func statusDetails(of state: State, extra: Void?) -> [StatusDetail] {
        [StatusDetail("versionCount", column: "VERSIONS", state.versionCount)]
    }

    /// A placeholder is worse than drift: the services read it as their secret.
    func health(of state: State, extra: Void?, environment: Environment) -> StatusFinding? {
        guard let version = state.placeholderVersion else { return nil }
        return StatusFinding(state: .unhealthy, reason: "holds a placeholder (version \(version)), which the services would read as the secret; setup replaces it with a generated value",
                             fix: StatusFix.setup(environment))
    }

}
