import ArgumentParser
import Foundation
import GCPCtlKit

struct SecretCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret",
        abstract: "List Secret Manager secrets, set a value, or rotate one. Never prints a value.",
        discussion: """
        Examples:
          gcpctl secret list --env=prod
          gcpctl secret set jwt-secret --env=dev                 # type the value; it is not shown
          gcpctl secret set jwt-secret --env=prod --from-file jwt.key --yes
          gcpctl secret rotate database-password --env=prod      # also sets the Cloud SQL password
        """,
        subcommands: [SecretListCommand.self, SecretSetCommand.self, SecretRotateCommand.self]
    )
}

struct SecretListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Every secret in the project: latest enabled version, versions, last change, what reads it."
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    func run() async throws {
        try await global.runWithCloud("secret list") { context, connector in try await SecretListWorkflow().run(context, connector: connector) }
    }
}

struct SecretSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Add a version with a value you give: from --from-file, else standard input (typed without echo on a terminal).",
        discussion: """
        A value read from standard input loses one trailing newline (echo adds one); a file is \
        taken byte for byte. For the database password secret, the Cloud SQL user's password \
        is set to the new value and the older versions are disabled. Asks first (--yes in \
        scripts; then the value must come from a file or a pipe).
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    @OptionGroup var consent: ConsentOptions

    @Argument(help: ArgumentHelp("The secret's id.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Read the value from this file. (default: standard input)", valueName: "path"))
    var fromFile: String?

    @Flag(help: "Start new revisions of the services that read the secret afterwards (nothing rebuilt). (default: offer on a terminal)")
    var deploy = false

    func run() async throws {
        let value = try readValue()
        let workflow = SecretSetWorkflow(secret: name, value: .given(value), deployAfter: deploy)
        try await global.runWithCloud("secret set", with: [consent]) { context, connector in try await workflow.run(context, connector: connector) }
    }

    func readValue() throws -> Data {
        if let fromFile {
            guard let data = FileManager.default.contents(atPath: fromFile) else {
                throw ValidationError("--from-file '\(fromFile)' cannot be read")
            }
            return data
        }
        var data: Data
        if isatty(STDIN_FILENO) == 1 {
            StandardStream.error.write("Value for \(name) (not shown): ")
            data = HiddenInput.readLine()
            StandardStream.error.write("\n")
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        if data.last == UInt8(ascii: "\n") { data.removeLast() }
        if data.last == UInt8(ascii: "\r") { data.removeLast() }
        return data
    }
}

struct SecretRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Replace a secret's value with a generated one and disable the old version.",
        discussion: """
        For the database password secret: the Cloud SQL user's password is set to the new \
        value right after it is added (and the new version disabled again if that fails), \
        the Data API's copy follows, and only then is the old version disabled. Services \
        read secrets when an instance starts, so running instances keep the old value until \
        a new revision: on a terminal gcpctl offers to start new ones (same image and \
        settings, nothing rebuilt); --deploy does it in scripts.
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    @OptionGroup var consent: ConsentOptions

    @Argument(help: ArgumentHelp("The secret's id.", valueName: "name"))
    var name: String

    @Flag(help: "Start new revisions of the services that read the secret afterwards (nothing rebuilt), so every instance has the new value. (default: offer on a terminal)")
    var deploy = false

    func run() async throws {
        let workflow = SecretSetWorkflow(secret: name, value: .generated, deployAfter: deploy)
        try await global.runWithCloud("secret rotate", with: [consent]) { context, connector in try await workflow.run(context, connector: connector) }
    }
}

/// A line from the terminal with echo off, so a typed secret is never on screen.
enum HiddenInput {
    static func readLine() -> Data {
        var original = termios()
        let haveTerminal = tcgetattr(STDIN_FILENO, &original) == 0
        if haveTerminal {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        defer { if haveTerminal { tcsetattr(STDIN_FILENO, TCSAFLUSH, &original) } }
        return Data((Swift.readLine(strippingNewline: true) ?? "").utf8)
    }
}
