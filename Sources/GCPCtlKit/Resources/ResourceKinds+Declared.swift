extension ResourceKinds {
    /// Everything the environment declares, kind by kind in registry order: what setup
    /// makes and status checks. An account's project roles follow the account, as status
    /// has always shown them.
    public static func declared(for environment: Environment, options: SetupOptions = .init()) -> [any Resource] {
        var resources = all.flatMap { $0.declared?(environment, options) ?? [] }
        for roles in resources.filter({ $0.id.kind == .projectRoles }) {
            guard let account = roles.dependencies.first else { continue }
            resources.removeAll { $0.id == roles.id }
            guard let index = resources.firstIndex(where: { $0.id == account }) else { resources.append(roles); continue }
            resources.insert(roles, at: index + 1)
        }
        return resources
    }
}
