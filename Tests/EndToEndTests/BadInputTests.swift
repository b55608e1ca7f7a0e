import Foundation
import GCPEmulator
import Testing
import TestSupport

/// The bad-input table (docs/testing.md): each case is a way a user or Google can hand gcpctl
/// something wrong. For every one: the expected one-line message, the exit status, no crash
/// or stack trace, and nothing changed in the emulator.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments = ["plan", "--env=dev"]
        /// Edits environments/development.yaml.
        var yaml: (@Sendable (String) -> String)?
        /// Files to write in the working directory (relative path → contents).
        var files: [String: String] = [:]
        var environment: [String: String] = [:]
        /// Arranges the emulator (and may add environment variables) before gcpctl runs; the
        /// requests it makes are cleared from the log.
        var arrange: (@Sendable (Emulator, String) async throws -> [String: String])?
        /// Changes the emulator's configuration (e.g. a Cloud SQL name reservation).
        var configure: (@Sendable (inout EmulatorConfiguration) -> Void)?
        var status: Int32
        var message: String
        /// False only where the failure comes mid-apply, after independent resources were made.
        var changesNothing = true
        /// How many error lines: one, or one per field or resource the problem touches.
        var lines = 1

        var testDescription: String { name }
    }

    static func replacing(_ old: String, _ new: String) -> @Sendable (String) -> String {
        { text in
            precondition(text.contains(old), "the environment file no longer contains \(old)")
            return text.replacingOccurrences(of: old, with: new)
        }
    }

    static func fault(_ methodID: String, _ action: FaultRule.Action) -> @Sendable (Emulator, String) throws -> [String: String] {
        { emulator, _ in
            emulator.inject(FaultRule(methodID: methodID, action: action, times: 0))
            return [:]
        }
    }

    static let noToken = ["GCPCTL_ACCESS_TOKEN": ""]

    /// An external_account file for a pool the emulator does not have, `source` its credential_source's fields.
    static func workloadIdentityFile(_ source: String) -> String {
        #"{"type":"external_account","audience":"//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-pool/providers/github","subject_token_type":"urn:ietf:params:oauth:token-type:jwt","token_url":"https://sts.googleapis.com/v1/token","credential_source":{\#(source)}}"#
    }

    static let configurationCases: [Case] = [
        // Environment files.
        Case(name: "malformed YAML", yaml: { $0 + "\nservices: [unclosed\n" }, status: 1, message: "not valid YAML: did not find expected ',' or ']'"),
        Case(name: "a tab in YAML indentation", yaml: replacing("  app: digitwinlive", "\tapp: digitwinlive"), status: 1, message: "not valid YAML: found character that cannot start any token"),
        Case(name: "unknown key with a suggestion", yaml: replacing("region: us-central1", "regoin: us-central1"), status: 1, message: "regoin: unknown key; did you mean 'region'?"),
        Case(name: "unknown nested key", yaml: replacing("    memory: 512Mi", "    memroy: 512Mi"), status: 1, message: "memroy: unknown key", lines: 3),
        Case(name: "wrong type", yaml: replacing("    maxInstances: 10", "    maxInstances: ten"), status: 1, message: "services.api-gateway.maxInstances: expected a whole number, found 'ten'", lines: 3),
        Case(name: "empty environment file", files: ["environments/development.yaml": ""], status: 1, message: "environments/development.yaml: the file is empty"),
        Case(name: "unknown environment", arguments: ["plan", "--env=qa"], status: 1, message: "no environment named 'qa': looked for environments/qa.yaml"),
        Case(name: "invalid project id flag", arguments: ["plan", "--env=dev", "--project=Bad_Project"], status: 1, message: "'Bad_Project' is not a valid project id"),
        Case(name: "invalid project id in YAML", yaml: replacing("# project: my-project-id", "project: x"), environment: ["GCP_PROJECT_ID": ""], status: 1, message: "'x' is not a valid project id"),
        Case(name: "invalid region flag", arguments: ["plan", "--env=dev", "--region=mars-north1"], status: 1, message: "--region: 'mars-north1' is not a region with Cloud Run and Cloud SQL"),
        Case(name: "invalid GCP_REGION variable", environment: ["GCP_REGION": "moon-1"], status: 1, message: "$GCP_REGION: 'moon-1' is not a region with Cloud Run and Cloud SQL"),
        Case(name: "upper-case bucket name", yaml: replacing("name: clone-uploads-{env}", "name: Clone-Uploads-{env}"), status: 1, message: "is not a valid bucket name"),
        Case(name: "bucket name starting with goog", yaml: replacing("name: clone-uploads-{env}", "name: goog-uploads-{env}"), status: 1, message: "names may not begin with 'goog'"),
        Case(name: "duplicate bucket names", yaml: replacing("name: clone-uploads-{env}", "name: clone-documents-{env}"), status: 1, message: "'clone-documents-dev' is declared twice"),
        Case(name: "invalid secret id", yaml: replacing("  - id: jwt-secret", "  - id: jwt secret!"), status: 1, message: "is not a valid secret id", lines: 3),
        Case(name: "service secret not declared", yaml: replacing("      REFRESH_SECRET: refresh-secret", "      REFRESH_SECRET: missing-secret"), status: 1, message: "'missing-secret' is not one of the secrets this environment declares"),
        Case(name: "invalid memory", yaml: replacing("    memory: 512Mi", "    memory: 512MB"), status: 1, message: "'512MB' is not a valid memory size", lines: 3),
        Case(name: "invalid CPU", yaml: replacing("    cpu: \"1\"", "    cpu: \"3\""), status: 1, message: "'3' is not a valid CPU limit", lines: 3),
        Case(name: "min instances above max", yaml: replacing("    minInstances: 0", "    minInstances: 20"), status: 1, message: "minInstances: 20 is more than maxInstances (10)", lines: 3),
        Case(name: "timeout out of range", yaml: replacing("    timeoutSeconds: 300", "    timeoutSeconds: 7200"), status: 1, message: "timeoutSeconds: 7200 is outside Cloud Run's limits; use 1 to 3600 seconds", lines: 3),
        Case(name: "invalid service name", yaml: replacing("  api-gateway:\n", "  Api_Gateway:\n"), status: 1, message: "'Api_Gateway' is not a valid Cloud Run service name"),
        Case(name: "PostgreSQL older than 15", yaml: replacing("databaseVersion: POSTGRES_15", "databaseVersion: POSTGRES_14"), status: 1, message: "pgvector needs POSTGRES_15 or later"),
        Case(name: "invalid tier", yaml: replacing("tier: db-f1-micro", "tier: huge"), status: 1, message: "'huge' is not a Cloud SQL tier"),
        Case(name: "invalid backup time", yaml: replacing("startTime: \"03:00\"", "startTime: \"25:00\""), status: 1, message: "'25:00' is not a time of day; use HH:MM in UTC"),
        Case(name: "invalid maintenance day", yaml: replacing("    day: SUN", "    day: FUNDAY"), status: 1, message: "'FUNDAY' is not a day; use one of MON"),
        Case(name: "invalid lifecycle action", yaml: replacing("      - action: SetStorageClass", "      - action: Explode"), status: 1, message: "'Explode' is not a valid lifecycle action; use Delete or SetStorageClass", lines: 2),
        Case(name: "invalid label key", yaml: replacing("  app: digitwinlive", "  App: digitwinlive"), status: 1, message: "is not a valid label key"),
        Case(name: "API name without googleapis.com", yaml: replacing("  - compute.googleapis.com", "  - compute"), status: 1, message: "'compute' is not an API service name; use the full name, e.g. compute.googleapis.com"),
    ]

    static let legacyAndFlagCases: [Case] = [
        // Legacy .env files.
        Case(name: "malformed .env line", files: [".env.development": "GCP_PROJECT_ID=demo-project\nthis line has no equals sign\n"], status: 1, message: ".env.development:2: expected KEY=VALUE, found a line without '=' (not shown, as it may hold a secret)"),
        Case(name: "legacy .env missing GCP_PROJECT_ID and GCP_REGION", files: ["environments/development.yaml": "-", ".env.development": "NODE_ENV=development\n"],
             environment: ["GCP_PROJECT_ID": ""], arrange: { _, directory in
                 try FileManager.default.removeItem(atPath: directory + "/environments")
                 return [:]
             }, status: 1, message: "missing required environment variables: GCP_PROJECT_ID, GCP_REGION"),
        // Flags.
        Case(name: "unknown flag", arguments: ["plan", "--env=dev", "--frobnicate"], status: 1, message: "Unknown option '--frobnicate'"),
        Case(name: "invalid --format", arguments: ["plan", "--env=dev", "--format=xml"], status: 1, message: "The value 'xml' is invalid for '--format <format>'"),
        Case(name: "--quiet with --verbose", arguments: ["plan", "--env=dev", "--quiet", "--verbose"], status: 1, message: "--quiet and --verbose cannot be used together"),
        Case(name: "--detailed-exitcode without --dry-run", arguments: ["setup", "--env=dev", "--detailed-exitcode"], status: 1, message: "--detailed-exitcode needs --dry-run"),
        Case(name: "--parallelism 0", arguments: ["setup", "--env=dev", "--parallelism", "0"], status: 1, message: "--parallelism must be at least 1"),
    ]

    static let credentialCases: [Case] = [
        // Credentials.
        Case(name: "credentials file missing", environment: noToken.merging(["GOOGLE_APPLICATION_CREDENTIALS": "/nonexistent/key.json"]) { $1 }, status: 1, message: "Cannot read the credentials file /nonexistent/key.json named by GOOGLE_APPLICATION_CREDENTIALS: no such file"),
        Case(name: "credentials path is a directory", environment: noToken, arrange: { _, directory in ["GOOGLE_APPLICATION_CREDENTIALS": directory] }, status: 1, message: "it is a directory, not a key file"),
        Case(name: "credentials file not JSON", files: ["key.json": "not json"], environment: noToken, arrange: { _, directory in ["GOOGLE_APPLICATION_CREDENTIALS": directory + "/key.json"] }, status: 1, message: "is not valid: it is not a JSON object"),
        Case(name: "credentials of an unsupported type", files: ["key.json": #"{"type":"gdch_service_account"}"#], environment: noToken,
             arrange: { _, directory in ["GOOGLE_APPLICATION_CREDENTIALS": directory + "/key.json"] },
             status: 1, message: "has type \"gdch_service_account\", which gcpctl does not support (looked at: GCPCTL_ACCESS_TOKEN (unset); CLOUDSDK_AUTH_ACCESS_TOKEN (unset); GOOGLE_APPLICATION_CREDENTIALS ("),
        Case(name: "a workload identity file that runs a command, not allowed", files: ["wif.json": Self.workloadIdentityFile(#""executable":{"command":"/bin/true"}"#)],
             environment: noToken, arrange: { _, directory in ["GOOGLE_APPLICATION_CREDENTIALS": directory + "/wif.json"] },
             status: 1, message: "set GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES=1 if you trust that command"),
        Case(name: "a workload identity file whose provider does not exist", files: ["oidc-token": "a.b.c"], environment: noToken,
             arrange: { _, directory in
                 ["GOOGLE_APPLICATION_CREDENTIALS": try TemporaryDirectoryAt(directory).write("wif.json", Self.workloadIdentityFile(#""file":"\#(directory)/oidc-token""#))]
             }, status: 1, message: "The Security Token Service refused the identity token of workload identity federation file"),
        Case(name: "--impersonate-service-account that is not an email", arguments: ["plan", "--env=dev", "--impersonate-service-account", "nobody"],
             status: 1, message: "--impersonate-service-account names \"nobody\", which is not a service account email"),
        Case(name: "impersonating a service account that does not exist",
             arguments: ["plan", "--env=dev", "--impersonate-service-account", "ghost@demo-project.iam.gserviceaccount.com"],
             status: 1, message: "Could not impersonate ghost@demo-project.iam.gserviceaccount.com with the access token in GCPCTL_ACCESS_TOKEN (404)"),
        Case(name: "private key that is not a key", files: ["key.json": #"{"type":"service_account","client_email":"a@b.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n","token_uri":"https://oauth2.googleapis.com/token"}"#],
             environment: noToken, arrange: { _, directory in ["GOOGLE_APPLICATION_CREDENTIALS": directory + "/key.json"] }, status: 1, message: "its private_key is not a PEM-encoded RSA private key"),
        Case(name: "a key whose signature the token endpoint rejects", environment: noToken, arrange: { emulator, directory in
            var account = try TestServiceAccount.make(on: emulator, email: "other@demo-project.iam.gserviceaccount.com")
            account.email = "deployer@demo-project.iam.gserviceaccount.com"
            return ["GOOGLE_APPLICATION_CREDENTIALS": try account.writeKeyFile(in: TemporaryDirectoryAt(directory), emulator: emulator)]
        }, status: 1, message: "(400): Invalid JWT Signature. The key or refresh token may be revoked"),
        Case(name: "revoked refresh token", files: ["adc.json": #"{"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"revoked"}"#],
             environment: noToken, arrange: { emulator, directory in
                 emulator.registerRefreshToken(clientID: "c", clientSecret: "s", refreshToken: "revoked")
                 emulator.revoke(refreshToken: "revoked")
                 return ["GOOGLE_APPLICATION_CREDENTIALS": directory + "/adc.json"]
             }, status: 1, message: "The token endpoint rejected user credentials in"),
        Case(name: "revoked access token (401)", arrange: { emulator, _ in
            emulator.revoke(token: "bad-input-token")
            return [:]
        }, status: 1, message: "the credentials were rejected (401 UNAUTHENTICATED)"),
    ]

    static let answerCases: [Case] = [
        // Google's answers.
        Case(name: "403 naming the missing permission", arrange: fault("storage.buckets.get", .status(code: 403, status: "PERMISSION_DENIED", message: "Permission 'storage.buckets.get' denied on resource (or it may not exist).")),
             status: 2, message: "the caller lacks storage.buckets.get", lines: 6),
        Case(name: "an API the environment does not enable", yaml: replacing("  - secretmanager.googleapis.com\n", ""), status: 2, message: "secretmanager.googleapis.com is not enabled, and the environment's apis do not list it", lines: 5),
        Case(name: "persistent 429", arrange: fault("storage.buckets.get", .status(code: 429, status: "RESOURCE_EXHAUSTED", message: "Quota exceeded.", retryAfterSeconds: 0)),
             status: 2, message: "429 RESOURCE_EXHAUSTED: Quota exceeded. Google is limiting requests", lines: 6),
        Case(name: "an HTML page instead of JSON", arrange: fault("iam.projects.serviceAccounts.get", .body(code: 502, contentType: "text/html", text: "<html><body><h1>502 Bad Gateway</h1></body></html>")),
             status: 2, message: "502: Bad Gateway; the response was not JSON", lines: 2),
        Case(name: "a truncated JSON answer", arrange: fault("secretmanager.projects.secrets.get", .body(code: 200, contentType: "application/json", text: #"{"name":"projects/demo-project/secr"#)),
             status: 2, message: "the response could not be read as Secret (not JSON or truncated)", lines: 4),
        Case(name: "a Cloud SQL name still reserved after deletion", arguments: ["setup", "--env=dev", "--yes"], arrange: fault("sqladmin.instances.insert", .status(code: 409, status: "ALREADY_EXISTS", message: "The Cloud SQL instance already exists. When you delete an instance, you can't reuse the name of the deleted instance until one week from the deletion date.")),
             status: 2, message: "is not available although no instance of this project holds it", changesNothing: false),
    ]

    static let cases = configurationCases + legacyAndFlagCases + credentialCases + answerCases + commandCases + moreAnswerCases
        + fromBashCases

    /// What only a crash or an unformatted Swift error prints.
    static let crashTexts = ["Fatal error", "Stack dump", "Backtrace", "Segmentation fault", "SIGABRT", "Swift runtime failure",
                             "DecodingError", "keyNotFound(", "typeMismatch(", "dataCorrupted(", "Error Domain="]

    @Test func theTableHasAtLeastFortyCasesEachNamedOnce() {
        #expect(Self.cases.count >= 40)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
    }

    @Test(arguments: cases)
    func badInputGetsOneClearLineAndChangesNothing(_ input: Case) async throws {
        try await withEmulator(ProcessWorkflowTests.configuration { input.configure?(&$0) }) { emulator in
            let directory = try ProcessWorkflowTests.workspace()
            defer { directory.remove() }
            if let yaml = input.yaml {
                let path = directory.path + "/environments/development.yaml"
                try yaml(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
            }
            for (name, contents) in input.files { try directory.write(name, contents) }
            var extra = ["GCPCTL_ACCESS_TOKEN": "bad-input-token", "GCP_PROJECT_ID": "demo-project", "GCPCTL_RETRY_MAX_ATTEMPTS": "3"]
            extra.merge(input.environment) { $1 }
            if let arrange = input.arrange { extra.merge(try await arrange(emulator, directory.path)) { $1 } }
            emulator.clearRequests()
            let gcpctl = GCPCtlProcess(emulator: emulator, directory: URL(fileURLWithPath: directory.path), extra: extra)
            let run = try await gcpctl.run(input.arguments)

            #expect(run.status == input.status, "\(run.all)")
            let errorLines = run.errors.split(separator: "\n").filter { $0.contains("❌") || $0.hasPrefix("Error:") }
            #expect(errorLines.contains { $0.contains(input.message) }, "expected '\(input.message)' in: \(run.errors)")
            if input.changesNothing { #expect(Set(errorLines).count == input.lines, "error lines: \(run.errors)") }
            #expect(!run.output.contains("❌"), "errors go to stderr: \(run.output)")
            for crash in Self.crashTexts {
                #expect(!run.all.contains(crash), "crashed: \(run.all)")
            }
            if input.changesNothing {
                #expect(emulator.requests().filter(\.mutating).isEmpty, "something changed: \(emulator.requests().filter(\.mutating).map(\.url))")
            }
        }
    }
}

/// A `TemporaryDirectory` for a path that already exists (the test's workspace).
func TemporaryDirectoryAt(_ path: String) throws -> TemporaryDirectory {
    TemporaryDirectory(existing: path)
}
