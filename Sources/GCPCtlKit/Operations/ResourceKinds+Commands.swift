/// The kinds `gcpctl list` and `gcpctl delete` address by their command names.
extension ResourceKinds {
    /// `list` and `delete` have always shown their kinds in this order; it gives way to the
    /// registry's order when the commands' output is allowed to move (kinds step 6).
    static let commandOrder = ["api", "bucket", "secret", "service", "service-account", "sql", "repository"]

    static func inCommandOrder(_ kinds: [ResourceKind]) -> [ResourceKind] {
        func position(_ kind: ResourceKind) -> Int { kind.commandNames.first.flatMap(commandOrder.firstIndex) ?? commandOrder.count }
        return kinds.enumerated().sorted { (position($0.element), $0.offset) < (position($1.element), $1.offset) }.map(\.element)
    }

    /// What `gcpctl list --kind` accepts.
    public static var listable: [ResourceKind] {
        inCommandOrder(all.filter { !$0.commandNames.isEmpty && $0.list != nil })
    }

    /// What `gcpctl delete KIND` accepts: kinds deleted by identity, whose ownership is judged.
    public static var deletable: [ResourceKind] {
        inCommandOrder(all.filter { !$0.commandNames.isEmpty && $0.identify != nil && $0.remove != nil && $0.observeOwnership != nil })
    }

    /// The kind a command calls `name` (`sql`, `service`).
    public static func commandNamed(_ name: String) -> ResourceKind? {
        all.first { $0.commandNames.contains(name) }
    }
}

extension ResourceKind {
    /// The name `list` and `delete` use for it, also the `kind` of their JSON documents.
    public var commandName: String { commandNames.first ?? id }
}
