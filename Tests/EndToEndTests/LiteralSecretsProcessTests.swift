import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Issue 15 point 8: secrets written as plain values in a .env file (`*_SECRET`, `*_TOKEN`,
/// a password inside `DATABASE_URL`) and the credentials in `GCPCTL_API_ENDPOINT` were
/// printed by deploy's diff, `--verbose`, `config show` and a .env syntax error. Each is
/// masked everywhere now, and a warning points at Secret Manager.
@Suite struct LiteralSecretsProcessTests {
    static let jwt = ["literal-jwt-sentinel-0001", "literal-jwt-sentinel-0002"]
    /// Shorter than what the redactor masks wherever it appears: masked where variables show.
    static let token = ["tok-one", "tok-two"]
    static let databasePassword = ["db-pass-sentinel-1", "db-pass-sentinel-2"]

    static func dotEnv(_ version: Int) -> String {
        """
        JWT_SECRET=\(jwt[version])
        SESSION_TOKEN=\(token[version])
        DATABASE_URL=postgresql://app:\(databasePassword[version])@db.example.com:5432/app
        LOG_LEVEL=info

        """
    }

    @Test func literalSecretsInTheDotEnvFileAreNeverPrinted() async throws {
        try await GCPCtlProcess.withDemoProject { _, gcpctl in
            let workspace = gcpctl.directory.path
            #expect(try await gcpctl.run(["setup", "--env=dev", "--yes"]).status == 0)
            try Self.dotEnv(0).write(toFile: workspace + "/.env.development", atomically: true, encoding: .utf8)
            var printed: [GCPCtlProcess.Result] = []
            let first = try await gcpctl.run(["deploy", "--env=dev", "--verbose", "--verify-timeout", "2"])
            #expect(first.status == 0, "\(first.all)")
            #expect(first.errors.contains("\"name\":\"JWT_SECRET\",\"value\":\"[REDACTED]\""), "the traced body masks it")
            printed.append(first)

            // A changed value shows as a change, never as itself.
            let written = try String(contentsOfFile: workspace + "/.env.development", encoding: .utf8)
            try written.replacingOccurrences(of: Self.jwt[0], with: Self.jwt[1])
                .replacingOccurrences(of: Self.token[0], with: Self.token[1])
                .replacingOccurrences(of: Self.databasePassword[0], with: Self.databasePassword[1])
                .write(toFile: workspace + "/.env.development", atomically: true, encoding: .utf8)
            let second = try await gcpctl.run(["deploy", "--env=dev", "--verify-timeout", "2"])
            #expect(second.status == 0, "\(second.all)")
            #expect(second.errors.contains("env.JWT_SECRET: [REDACTED] → [REDACTED]"), "\(second.errors)")
            #expect(second.errors.contains("env.SESSION_TOKEN: [REDACTED] → [REDACTED]"), "\(second.errors)")
            #expect(second.errors.contains("env.DATABASE_URL: postgresql://app:[REDACTED]@db.example.com:5432/app → postgresql://app:[REDACTED]@db.example.com:5432/app"),
                    "\(second.errors)")
            printed.append(second)

            let show = try await gcpctl.run(["config", "show", "--env=dev"])
            let json = try await gcpctl.run(["config", "show", "--env=dev", "--format", "json"])
            #expect(show.status == 0 && json.status == 0)
            #expect(json.output.contains("\"value\" : \"[REDACTED]\""), "\(json.output)")
            printed += [show, json, try await gcpctl.run(["plan", "--env=dev", "--verbose"]), try await gcpctl.run(["status", "--env=dev", "--verbose"])]

            let warning = ".env.development holds secrets as plain values (JWT_SECRET, SESSION_TOKEN, the password in DATABASE_URL)"
            for run in printed {
                for secret in Self.jwt + Self.token + Self.databasePassword {
                    #expect(!run.all.contains(secret), "\(secret) was printed: \(run.all)")
                }
                #expect(run.errors.components(separatedBy: warning).count == 2, "the warning, once: \(run.errors)")
            }
            #expect(show.errors.contains("Move them to Secret Manager"))
        }
    }

    /// A .env file that is a link to a file of another kind (a system file, a key) once had
    /// its first line printed in the syntax error.
    @Test func aDotEnvSyntaxErrorNeverEchoesTheLine() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            let workspace = gcpctl.directory.path
            let target = workspace + "/not-an-env-file"
            try "root:$6$sentinel-shadow-hash:19000:0:99999:7:::\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj+base64==\n"
                .write(toFile: target, atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: workspace + "/.env.development", withDestinationPath: target)
            let run = try await gcpctl.run(["plan", "--env=dev"])
            #expect(run.status == 1)
            #expect(run.errors.contains(".env.development:1: expected KEY=VALUE, found a line without '=' (not shown, as it may hold a secret)"), "\(run.errors)")
            #expect(!run.all.contains("sentinel-shadow-hash"))

            try "GCP_REGION=us-central1\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj+base64==\n"
                .write(toFile: target, atomically: true, encoding: .utf8)
            let key = try await gcpctl.run(["plan", "--env=dev"])
            #expect(key.status == 1)
            #expect(key.errors.contains(".env.development:2: the text before '=' (71 characters, not shown) is not a valid variable name"), "\(key.errors)")
            #expect(!key.all.contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"))
            #expect(emulator.requests().isEmpty, "nothing was sent")
        }
    }

    /// `GCPCTL_API_ENDPOINT=https://user:password@proxy…` never shows its password, in the
    /// HTTP trace or anywhere else.
    @Test func credentialsInTheEndpointOverrideAreNeverPrinted() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            var withCredentials = gcpctl
            withCredentials.environment["GCPCTL_API_ENDPOINT"] = "http://operator:endpoint-sentinel-pw@127.0.0.1:\(emulator.port)"
            let run = try await withCredentials.run(["plan", "--env=dev", "--verbose"])
            #expect(run.status == 0, "\(run.all)")
            #expect(run.errors.contains("http://operator:[REDACTED]@127.0.0.1:\(emulator.port)/"), "the trace shows the endpoint, masked")
            #expect(!run.all.contains("endpoint-sentinel-pw"))
        }
    }
}
