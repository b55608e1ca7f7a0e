/// The kinds `gcpctl list` and `gcpctl delete` address by their command names, in registry order.
extension ResourceKinds {
    /// What `gcpctl list --kind` accepts.
    public static var listable: [ResourceKind] {
        all.filter { !$0.commandNames.isEmpty && $0.list != nil }
    }

    /// What `gcpctl delete KIND` accepts: kinds deleted by identity, whose ownership is judged.
    public static var deletable: [ResourceKind] {
        all.filter { !$0.commandNames.isEmpty && $0.identify != nil && $0.remove != nil && $0.observeOwnership != nil }
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
