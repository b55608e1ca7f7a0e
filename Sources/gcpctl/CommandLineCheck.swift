import ArgumentParser
import GCPCtlKit

/// What ArgumentParser's own errors do not say: a mistyped command (`gcpctl stauts`) is
/// named with the closest command, and `gcpctl help NAME` for a command that does not exist
/// is an error (ArgumentParser prints the top-level help and exits 0).
enum CommandLineCheck {
    /// The problem with the command words at the start of `arguments`, if any.
    static func problem(in arguments: [String], root: any ParsableCommand.Type) -> String? {
        var words = arguments[...]
        let asksForHelp = words.first == "help"
        if asksForHelp { words = words.dropFirst() }
        var command = root
        var path = [root.configuration.commandName ?? "gcpctl"]
        while let word = words.first, !word.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { break }
            guard let next = subcommands.first(where: { names(of: $0).contains(word) }) else {
                var shown: [String] = []
                for subcommand in subcommands where subcommand.configuration.shouldDisplay {
                    if let name = subcommand.configuration.commandName { shown.append(name) }
                }
                let hint = Suggestion.closest(to: word, in: shown).map { "; did you mean '\($0)'?" }
                    ?? "; '\(path.joined(separator: " ")) --help' lists them"
                return "\(asksForHelp ? "gcpctl help: " : "")'\(word)' is not a command of \(path.joined(separator: " "))\(hint)"
            }
            command = next
            path.append(word)
            words = words.dropFirst()
        }
        return nil
    }

    static func names(of command: any ParsableCommand.Type) -> [String] {
        let configuration = command.configuration
        return (configuration.commandName.map { [$0] } ?? []) + configuration.aliases
    }
}
