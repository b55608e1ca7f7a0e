import ArgumentParser
import GCPCtlKit

/// `--format json` promises one document on stdout, also when the arguments themselves are
/// wrong (an unknown flag, a bad value): ArgumentParser reports those before any command
/// runs, so its error becomes the document here, in the envelope every command uses.
enum ArgumentFailureDocument {
    /// Prints the document when `arguments` ask for JSON; says whether it did.
    static func printIfJSON(message: String, exitCode: Int32, arguments: [String]) {
        guard wantsJSON(arguments) else { return }
        Reporter(settings: OutputSettings(format: .json)).emitJSON(CommandDocument(
            command: commandName(arguments), exitCode: exitCode, ok: false, errors: [message]))
    }

    /// `--format json` or `--format=json` anywhere in the arguments.
    static func wantsJSON(_ arguments: [String]) -> Bool {
        zip(arguments, arguments.dropFirst()).contains { $0 == "--format" && $1 == "json" } || arguments.contains("--format=json")
    }

    /// The subcommand the arguments name (`sql start`), or `gcpctl` when none.
    static func commandName(_ arguments: [String]) -> String {
        var command: any ParsableCommand.Type = GCPCtl.self
        var names: [String] = []
        for argument in arguments.dropFirst() {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == argument }) else { break }
            names.append(argument)
            command = next
        }
        return names.isEmpty ? "gcpctl" : names.joined(separator: " ")
    }
}
