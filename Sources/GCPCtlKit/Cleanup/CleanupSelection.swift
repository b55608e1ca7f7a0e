/// How the user picks what to delete from what is offered: the numbered menu, y/N per
/// kind, or everything. Only a person answers these questions: `--yes` does not.
struct CleanupSelection {
    let mode: CleanupOptions.Mode
    /// A prompter that `--yes` does not answer.
    let asking: Prompter

    init(mode: CleanupOptions.Mode, prompter: Prompter) {
        self.mode = mode
        asking = Prompter(input: prompter.input, reporter: prompter.reporter, assumeYes: false)
    }

    /// What to delete; nil when the user quit.
    func choose(from offered: [DiscoveredResource]) async throws(PromptError) -> [DiscoveredResource]? {
        guard !offered.isEmpty else { return [] }
        switch mode {
        case .all: return offered
        case .menu: return try await menu(offered)
        case .selective: return try await perKind(offered)
        }
    }

    /// Kinds first (`1,3-4`, `all`, `q`), then the resources of each chosen kind that has several.
    func menu(_ offered: [DiscoveredResource]) async throws(PromptError) -> [DiscoveredResource]? {
        let kinds = Self.kinds(in: offered)
        let options = kinds.map { kind in "\(kind.plural) (\(offered.filter { $0.kind == kind }.count))" }
        guard case .selected(let picked) = try await asking.choose("What should be deleted?", options: options) else { return nil }
        var chosen: [DiscoveredResource] = []
        for kind in picked.map({ kinds[$0] }) {
            let ofKind = offered.filter { $0.kind == kind }
            guard ofKind.count > 1 else {
                chosen += ofKind
                continue
            }
            let answer = try await asking.choose("Which \(kind.plural)?", options: ofKind.map(Self.menuLine))
            guard case .selected(let which) = answer else { return nil }
            chosen += which.map { ofKind[$0] }
        }
        return chosen
    }

    /// `Delete the 4 buckets (a, b, c, d)? [y/N]` for each kind.
    func perKind(_ offered: [DiscoveredResource]) async throws(PromptError) -> [DiscoveredResource]? {
        var chosen: [DiscoveredResource] = []
        for kind in Self.kinds(in: offered) {
            let ofKind = offered.filter { $0.kind == kind }
            let names = ofKind.map(\.name).joined(separator: ", ")
            let what = ofKind.count == 1 ? "the \(kind.title) \(names)" : "the \(ofKind.count) \(kind.plural) (\(names))"
            if try await asking.confirm("Delete \(what)?") { chosen += ofKind }
        }
        return chosen
    }

    static func kinds(in resources: [DiscoveredResource]) -> [ResourceKind] {
        ResourceKinds.cleanable.filter { kind in resources.contains { $0.kind == kind } }
    }

    /// `clone-uploads-dev (US-CENTRAL1; 3 objects, 1 kB)`.
    static func menuLine(_ resource: DiscoveredResource) -> String {
        let facts = [resource.location].compactMap { $0 } + resource.details
        return facts.isEmpty ? resource.name : "\(resource.name) (\(facts.joined(separator: "; ")))"
    }
}
