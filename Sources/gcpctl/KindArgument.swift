import ArgumentParser
import GCPCtlKit

/// A kind a command takes by its command name, out of `choices`: a checked value (a typo is
/// refused with the list), listed in the help and completed by the shell.
protocol KindArgument: ExpressibleByArgument {
    static var choices: [ResourceKind] { get }
    var kind: ResourceKind { get }
    init(kind: ResourceKind)
}

extension KindArgument {
    init?(argument: String) {
        guard let kind = Self.choices.first(where: { $0.commandName == argument }) else { return nil }
        self.init(kind: kind)
    }

    static var allValueStrings: [String] { choices.map(\.commandName) }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
    var defaultValueDescription: String { kind.commandName }
}
