import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Issue 19, point 5: the command line through the binary: did-you-mean for commands,
/// help that is grouped and fails for what does not exist, completion of values, --yes
/// only where something asks, delete's kind as a checked value, status --quiet.
@Suite final class CommandLineTests {
    let workspace = try! ProcessWorkflowTests.workspace()
    var gcpctl: GCPCtlProcess { GCPCtlProcess(emulator: nil, directory: URL(fileURLWithPath: workspace.path)) }

    deinit { workspace.remove() }

    @Test(arguments: [(["stauts"], "'stauts' is not a command of gcpctl; did you mean 'status'?"),
                      (["sql", "strat"], "'strat' is not a command of gcpctl sql; did you mean 'start'?"),
                      (["delet", "bucket", "x"], "'delet' is not a command of gcpctl; did you mean 'delete'?"),
                      (["frobnicate"], "'frobnicate' is not a command of gcpctl; 'gcpctl --help' lists them"),
                      (["help", "nope"], "gcpctl help: 'nope' is not a command of gcpctl; 'gcpctl --help' lists them")])
    func aMistypedCommandIsNamedWithTheClosestOne(arguments: [String], message: String) async throws {
        let run = try await gcpctl.run(arguments)
        #expect(run.status == 1)
        #expect(run.errors == "Error: \(message)\n")
        #expect(run.output.isEmpty)
    }

    @Test func helpOfACommandThatExistsStillWorks() async throws {
        let help = try await gcpctl.run(["help", "status"])
        #expect(help.status == 0)
        #expect(help.output.contains("OVERVIEW: Check every resource"))
    }

    /// Commands in four groups; the old spelling delete-service works but is not listed.
    @Test func theTopLevelHelpGroupsTheCommands() async throws {
        let help = try await gcpctl.run(["--help"]).output
        let groups = ["PROVISION SUBCOMMANDS:", "DEPLOY SUBCOMMANDS:", "INSPECT SUBCOMMANDS:", "DAY-2 SUBCOMMANDS:"]
        let positions = groups.compactMap { help.range(of: $0)?.lowerBound }
        #expect(positions.count == 4 && positions == positions.sorted(), "\(help)")
        let provision = help[positions[0]..<positions[1]]
        #expect(provision.contains("  setup ") && provision.contains("  plan ") && !provision.contains("  status "))
        #expect(help[positions[2]..<positions[3]].contains("  status "))
        #expect(!help.contains("delete-service"))
        #expect(try await gcpctl.run(["delete-service", "--help"]).status == 0)
    }

    /// Every command's help has the global options in their own section, apart from its own.
    @Test(arguments: ["setup", "status", "sql stop", "config validate"])
    func globalOptionsHaveTheirOwnSection(command: String) async throws {
        let help = try await gcpctl.run(command.split(separator: " ").map(String.init) + ["--help"]).output
        let global = try #require(help.range(of: "GLOBAL OPTIONS:"), "\(help)")
        let own = try #require(help.range(of: "\nOPTIONS:"), "\(help)")
        #expect(help[global.upperBound..<own.lowerBound].contains("--env <name>"))
        #expect(!help[own.upperBound...].contains("--env"))
    }

    /// --yes where something asks first (setup, adopt, cleanup, delete, delete-service, sql
    /// stop, rollback, secret set), and in no other help.
    @Test func yesOnlyWhereSomethingAsks() async throws {
        for command in ["setup", "adopt", "cleanup", "delete", "delete-service", "sql stop", "rollback", "secret set"] {
            let help = try await gcpctl.run(command.split(separator: " ").map(String.init) + ["--help"]).output
            #expect(help.contains("-y, --yes"), "\(command)")
        }
        for command in ["deploy", "status", "plan", "cost", "sql start", "urls", "promote", "list", "init", "doctor"] {
            let help = try await gcpctl.run(command.split(separator: " ").map(String.init) + ["--help"]).output
            #expect(!help.contains("--yes"), "\(command)")
        }
        // A pipeline written with `deploy --yes` still runs: the flag is hidden, not refused.
        let pipeline = try await gcpctl.run(["deploy", "--env=dev", "--yes"])
        #expect(!pipeline.errors.contains("Unknown option"), "\(pipeline.errors)")
    }

    /// The shell completes --env from environments/*.yaml, services from the environment
    /// --env names, and the kinds of delete and list.
    @Test func valuesAreCompleted() async throws {
        let environments = try await gcpctl.run(["---completion", "status", "--", "--env", "3", "0", "gcpctl", "status", "--env", ""])
        #expect(environments.output.split(separator: "\n") == ["development", "dev", "production", "prod", "staging", "stage"])
        let services = try await gcpctl.run(["---completion", "deploy", "--", "positional@0", "3", "0", "gcpctl", "deploy", "--env=prod", ""])
        #expect(services.output.split(separator: "\n") == ["api-gateway", "websocket-server", "face-processing-service"])
        let bash = try await gcpctl.run(["--generate-completion-script", "bash"]).output
        #expect(bash.contains("'repository'$'\\n''bucket'$'\\n''service-account'$'\\n''secret'$'\\n''network'$'\\n''subnet'$'\\n''address-range'$'\\n''private-connection'$'\\n''connector'$'\\n''sql'$'\\n''sql-replica'$'\\n''redis'$'\\n''topic'$'\\n''subscription'$'\\n''job'$'\\n''service'"), "delete's kinds")
        #expect(bash.contains("'api'$'\\n''repository'$'\\n''bucket'"), "list's kinds")
        #expect(bash.contains("---completion delete -- positional@1"), "delete's names")
    }

    @Test func deleteTakesItsKindAsACheckedValue() async throws {
        let run = try await gcpctl.run(["delete", "bukket", "x", "--env=dev"])
        #expect(run.status == 1)
        #expect(run.errors.contains("The value 'bukket' is invalid for '<kind>'"))
        let two = try await gcpctl.run(["delete", "bucket", "a", "b", "--env=dev"])
        #expect(two.status == 1 && two.errors.contains("name one bucket to delete"))
    }

    /// `delete service` deletes several services after one question; `delete-service`
    /// still does the same.
    @Test func deleteServiceTakesOverFromDeleteDashService() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            try #require(try await gcpctl.run(["setup", "--env=dev", "--yes"]).status == 0)
            try #require(try await gcpctl.run(["deploy", "--env=dev", "--verify-timeout", "2"]).status == 0)
            let both = try await gcpctl.run(["delete", "service", "websocket-server", "face-processing-service", "--env=dev", "--yes"])
            #expect(both.status == 0, "\(both.all)")
            #expect(both.output.contains("Deleted Cloud Run service websocket-server") && both.output.contains("Deleted Cloud Run service face-processing-service"))
            let old = try await gcpctl.run(["delete-service", "api-gateway", "--env=dev", "--yes"])
            #expect(old.status == 0, "\(old.all)")
            #expect(emulator.requests(methodID: "run.projects.locations.services.delete").count == 3)
        }
    }

    /// status --quiet: the verdict line, nothing else.
    @Test func statusQuietPrintsOnlyTheVerdict() async throws {
        try await GCPCtlProcess.withDemoProject { _, gcpctl in
            let run = try await gcpctl.run(["status", "--env=dev", "--quiet"])
            #expect(run.status == 3)
            let lines = run.output.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("❌ development is not healthy: "), "\(run.output)")
            #expect(run.errors.isEmpty, "\(run.errors)")
        }
    }
}
