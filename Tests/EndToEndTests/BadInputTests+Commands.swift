import Foundation
import GCPEmulator
import TestSupport

/// The bad-input table, continued: the day-2 commands' flags and arguments, and more of what
/// Google (or something in between) can answer.
extension BadInputTests {
    static let commandCases: [Case] = [
        // Unknown service names.
        Case(name: "deploy of an unknown service", arguments: ["deploy", "api-gatewy", "--env=dev"], status: 1, message: "'api-gatewy' is not a service of development; its services are api-gateway, websocket-server, face-processing-service. Did you mean 'api-gateway'?"),
        Case(name: "promote of an unknown service", arguments: ["promote", "frontend", "--env=dev"], status: 1, message: "'frontend' is not a service of development"),
        Case(name: "rollback of an unknown service", arguments: ["rollback", "api-gatway", "--env=dev"], status: 1, message: "Did you mean 'api-gateway'?"),
        Case(name: "delete service of an unknown service", arguments: ["delete", "service", "frontend", "api-gateway", "--env=dev", "--yes"], status: 1, message: "'frontend' is not a service of development"),
        // Flags and arguments of each command.
        Case(name: "status --timeout 0", arguments: ["status", "--env=dev", "--timeout", "0"], status: 1, message: "--timeout must be at least 1 second"),
        Case(name: "status --interval without --watch", arguments: ["status", "--env=dev", "--interval", "5"], status: 1, message: "--interval goes with --watch"),
        Case(name: "status --watch --format json", arguments: ["status", "--env=dev", "--watch", "--format", "json"], status: 1, message: "--watch redraws for people"),
        Case(name: "status --timeout not a number", arguments: ["status", "--env=dev", "--timeout", "soon"], status: 1, message: "The value 'soon' is invalid for '--timeout <seconds>'"),
        Case(name: "cost --live with --offline", arguments: ["cost", "--env=dev", "--live", "--offline"], status: 1, message: "--live reads the catalog over the network; it cannot be used with --offline"),
        Case(name: "cost --compare of one environment", arguments: ["cost", "--compare", "dev", "--offline"], status: 1, message: "--compare 'dev' names fewer than two environments"),
        Case(name: "cost --compare of an unknown environment", arguments: ["cost", "--compare", "dev,qa", "--offline"], status: 1, message: "no environment named 'qa'"),
        Case(name: "cost --price-book that does not exist", arguments: ["cost", "--env=dev", "--offline", "--price-book", "/nonexistent/prices.yaml"], status: 1, message: "--price-book '/nonexistent/prices.yaml' does not exist"),
        Case(name: "cost --price-book that is not YAML", arguments: ["cost", "--env=dev", "--offline", "--price-book", "prices.yaml"], files: ["prices.yaml": "prices: [unclosed\n"], status: 1, message: "prices.yaml:2:1: not valid YAML"),
        Case(name: "list --kind unknown", arguments: ["list", "--env=dev", "--kind", "widget"], status: 1, message: "The value 'widget' is invalid for '--kind <kind>'"),
        Case(name: "sql without a subcommand verb it knows", arguments: ["sql", "restart"], status: 1, message: "'restart' is not a command of gcpctl sql; did you mean 'start'?"),
        Case(name: "sql stop in an environment without Cloud SQL", arguments: ["sql", "stop", "--env=dev", "--yes"], yaml: removingCloudSQL, status: 1, message: "the development environment has no Cloud SQL instance"),
        Case(name: "enable of a malformed API name", arguments: ["enable", "--env=dev", "not@api"], status: 1, message: "'not@api' is not an API name"),
        Case(name: "delete of an unknown kind", arguments: ["delete", "widget", "x", "--env=dev", "--yes"], status: 1, message: "The value 'widget' is invalid for '<kind>'"),
        Case(name: "delete without a name", arguments: ["delete", "bucket", "--env=dev"], status: 1, message: "name one bucket to delete"),
        Case(name: "delete of a bucket without --yes and without a terminal", arguments: ["delete", "bucket", "clone-uploads-dev", "--env=dev"], arrange: setUp, status: 1, message: "standard input is not a terminal; pass --yes to confirm"),
        Case(name: "promote --percent 0", arguments: ["promote", "api-gateway", "--env=dev", "--percent", "0"], status: 1, message: "--percent must be from 1 to 100"),
        Case(name: "promote --revision with every service", arguments: ["promote", "--env=dev", "--revision", "api-gateway-00001-abc"], status: 1, message: "--revision needs exactly one service"),
        Case(name: "rollback of every service without --yes and without a terminal", arguments: ["rollback", "--env=dev"], status: 1, message: "standard input is not a terminal; pass --yes to confirm"),
        Case(name: "deploy --tag with capitals", arguments: ["deploy", "--env=dev", "--tag", "Bad_Tag"], status: 1, message: "--tag 'Bad_Tag' must start with a lowercase letter"),
        Case(name: "deploy --verify-timeout 0", arguments: ["deploy", "--env=dev", "--verify-timeout", "0"], status: 1, message: "--verify-timeout must be at least 1 second"),
        Case(name: "deploy --no-verify --rollback-on-failure", arguments: ["deploy", "--env=dev", "--no-verify", "--rollback-on-failure"], status: 1, message: "--rollback-on-failure needs the health check"),
        Case(name: "cleanup --confirm-project of another project", arguments: ["cleanup", "--env=dev", "--all", "--yes", "--confirm-project=other-project"], status: 1, message: "does not match the environment's project demo-project"),
        Case(name: "cleanup with two modes", arguments: ["cleanup", "--env=dev", "--all", "--menu"], status: 1, message: "choose one of --all, --selective and --menu"),
        Case(name: "cleanup --menu without a terminal", arguments: ["cleanup", "--env=dev", "--menu", "--yes"], arrange: setUp, status: 1,
             message: "nothing was deleted: the menu needs a terminal to ask; in CI use --all --yes --confirm-project=demo-project"),
        Case(name: "cleanup --selective without a terminal", arguments: ["cleanup", "--env=dev", "--selective"], arrange: setUp, status: 1,
             message: "nothing was deleted: --selective needs a terminal to ask"),
        Case(name: "cleanup --all without a terminal and without --yes", arguments: ["cleanup", "--env=dev", "--all"], arrange: setUp, status: 1,
             message: "nothing was deleted: standard input is not a terminal and --yes was not given"),
        Case(name: "cleanup --delete-protected without --confirm-project", arguments: ["cleanup", "--env=dev", "--delete-protected"], status: 1, message: "--delete-protected needs --confirm-project"),
        Case(name: "setup --create-key into a directory that does not exist", arguments: ["setup", "--env=dev", "--yes", "--create-key", "keys/key.json"],
             status: 2, message: "keys does not exist; create its directory or choose another path for --create-key", changesNothing: false),
        Case(name: "config validate of an invalid region", arguments: ["config", "validate", "--env=dev", "--region=mars-1"], status: 1, message: "'mars-1' is not a region with Cloud Run and Cloud SQL"),
        Case(name: "config show of an unknown environment", arguments: ["config", "show", "--env=qa"], status: 1, message: "no environment named 'qa'"),
        Case(name: "--config-dir that does not exist", arguments: ["plan", "--env=dev", "--config-dir=/nonexistent/dir"], status: 1, message: "--config-dir: '/nonexistent/dir' does not exist; give the directory that holds environments/"),
    ]

    static let moreAnswerCases: [Case] = [
        Case(name: "no credentials anywhere", arguments: ["status", "--env=dev"], environment: noToken.merging(["GCE_METADATA_HOST": "127.0.0.1:1"]) { $1 },
             status: 1, message: "No Google Cloud credentials found"),
        Case(name: "the token endpoint answers an HTML page", environment: noToken, arrange: { emulator, directory in
            emulator.inject(FaultRule(methodID: "oauth2.token", action: .body(code: 502, contentType: "text/html", text: "<html>502 Bad Gateway</html>"), times: 0))
            return try serviceAccountKey(on: emulator, in: directory)
        }, status: 1, message: "the token endpoint answered 502. The token endpoint is unreachable or failing"),
        Case(name: "a project that does not exist (403)", arguments: ["list", "--env=dev", "--project=no-such-project"], status: 2, message: "Permission denied on resource project no-such-project (or it may not exist)"),
        Case(name: "a disabled API when reading (403 SERVICE_DISABLED)", arguments: ["urls", "--env=dev"], status: 2, message: "run.googleapis.com is not enabled in projects/"),
        Case(name: "a disabled API answered as 404", arguments: ["sql", "start", "--env=dev"], arrange: fault("sqladmin.instances.get", .status(code: 404, status: "NOT_FOUND", message: "Cloud SQL Admin API has not been used in project demo-project before or it is disabled.")),
             status: 2, message: "Cloud SQL instance digitwinlive-db-dev in project demo-project does not exist; create it with gcpctl setup --env=dev"),
        Case(name: "persistent 503", arguments: ["urls", "--env=dev"], arrange: { emulator, _ in
            emulator.setServices(["run.googleapis.com"], enabled: true, project: "demo-project")
            emulator.inject(FaultRule(methodID: "run.projects.locations.services.get", action: .status(code: 503, status: "UNAVAILABLE", message: "The service is currently unavailable."), times: 0))
            return [:]
        }, status: 2, message: "503 UNAVAILABLE: The service is currently unavailable. Google's service failed; run again in a few minutes"),
        Case(name: "every connection dropped", arguments: ["urls", "--env=dev"], arrange: { emulator, _ in
            emulator.setServices(["run.googleapis.com"], enabled: true, project: "demo-project")
            emulator.inject(FaultRule(methodID: "run.projects.locations.services.get", action: .drop, times: 0))
            return [:]
        }, status: 2, message: "The connection to 127.0.0.1 was lost: Server returned nothing (no headers, no data). Check the network or a proxy, then run again"),
        Case(name: "an empty body where JSON was due", arguments: ["sql", "start", "--env=dev"], arrange: { emulator, _ in
            emulator.setServices(["sqladmin.googleapis.com"], enabled: true, project: "demo-project")
            emulator.inject(FaultRule(methodID: "sqladmin.instances.get", action: .body(code: 200, contentType: "application/json", text: ""), times: 0))
            return [:]
        }, status: 2, message: "the response could not be read as Instance (empty)"),
        Case(name: "a Cloud SQL name reserved after its instance was deleted", arguments: ["setup", "--env=dev", "--yes"], arrange: { emulator, directory in
            try await run(["setup", "--env=dev", "--yes"], on: emulator, in: directory)
            try await run(["delete", "sql", "digitwinlive-db-dev", "--env=dev", "--yes"], on: emulator, in: directory)
            return [:]
        }, configure: { $0.sqlNameReservationSeconds = 7 * 24 * 3600 },
             status: 2, message: "is not available although no instance of this project holds it", changesNothing: false),
    ]

    static let removingCloudSQL: @Sendable (String) -> String = { text in
        var kept: [Substring] = []
        var inCloudSQL = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("cloudSQL:") { inCloudSQL = true; continue }
            if inCloudSQL, let first = line.first, first != " ", first != "#" { inCloudSQL = false }
            if !inCloudSQL { kept.append(line) }
        }
        precondition(kept.count < text.split(separator: "\n", omittingEmptySubsequences: false).count, "no cloudSQL block")
        return kept.joined(separator: "\n").replacingOccurrences(of: "    cloudSQL: true", with: "    cloudSQL: false")
    }

    /// A service-account key file the emulator's token endpoint trusts.
    static func serviceAccountKey(on emulator: Emulator, in directory: String) throws -> [String: String] {
        let account = try TestServiceAccount.make(on: emulator, email: "deployer@demo-project.iam.gserviceaccount.com")
        return ["GOOGLE_APPLICATION_CREDENTIALS": try account.writeKeyFile(in: TemporaryDirectoryAt(directory), emulator: emulator)]
    }

    /// Arranges a project that `gcpctl setup --env=dev` has set up.
    static let setUp: @Sendable (Emulator, String) async throws -> [String: String] = { emulator, directory in
        try await run(["setup", "--env=dev", "--yes"], on: emulator, in: directory)
        return [:]
    }

    /// Runs gcpctl to arrange the project; it must succeed.
    static func run(_ arguments: [String], on emulator: Emulator, in directory: String) async throws {
        let gcpctl = GCPCtlProcess(emulator: emulator, directory: URL(fileURLWithPath: directory),
                                   extra: ["GCPCTL_ACCESS_TOKEN": "arrange-token", "GCP_PROJECT_ID": "demo-project"])
        let run = try await gcpctl.run(arguments)
        guard run.status == 0 else { throw ArrangeFailed(arguments: arguments, output: run.all) }
    }

    struct ArrangeFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var output: String
        var description: String { "gcpctl \(arguments.joined(separator: " ")) failed while arranging: \(output)" }
    }
}
