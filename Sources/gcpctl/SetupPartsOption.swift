import ArgumentParser
import GCPCtlKit

/// `--only KIND` of setup and plan.
struct SetupPartsOption: ParsableArguments {
    @Option(name: .customLong("only"), help: ArgumentHelp(
        "Only this part of setup, with the APIs it needs: \(SetupKind.allCases.map(\.rawValue).joined(separator: ", ")) (sql: the instance, its database, and the password secret, as gcp-create-sql.sh). Repeat it or separate with commas. (default: everything)",
        valueName: "kind"))
    var only: [String] = []

    func validate() throws {
        _ = try selection()
    }

    /// The parts `--only` names; nil without it.
    func selection() throws -> Set<SetupKind>? {
        guard !only.isEmpty else { return nil }
        do { return try SetupKind.parse(only) } catch { throw ValidationError(error.description) }
    }
}
