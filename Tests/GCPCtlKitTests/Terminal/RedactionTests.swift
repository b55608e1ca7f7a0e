import Foundation
import Testing
@testable import GCPCtlKit

/// No token, secret value, private key or key data reaches the terminal, in any mode.
@Suite struct RedactionTests {
    static let token = "ya29.a0AfB_sentinel-token-9f8e7d"
    static let secretValue = "s3cr3t-jwt-signing-value"
    static let pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"
    static let keyData = "ewogICJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIK"

    /// Lines a careless caller might print, each carrying a secret.
    static var leakyLines: [String] {
        [
            "Authorization: Bearer \(token)",
            #"{"access_token": "\#(token)", "expires_in": 3599, "token_type": "Bearer"}"#,
            "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=eyJhbGciOi.eyJpc3Mi.c2lnbmF0dXJl",
            "refresh_token=1//0g-refresh&client_secret=GOCSPX-abcdef&client_id=123",
            #"{"private_key": "\#(pem.replacingOccurrences(of: "\n", with: "\\n"))", "client_email": "sa@p.iam.gserviceaccount.com"}"#,
            pem,
            #"{"name": "keys/1", "privateKeyData": "\#(keyData)"}"#,
            #"{"payload": {"data": "\#(Data(secretValue.utf8).base64EncodedString())", "dataCrc32c": "123"}}"#,
            "the generated password is \(secretValue)",
            "GET https://oauth2.googleapis.com/token?access_token=\(token)",
        ]
    }

    @Test(arguments: [OutputFormat.text, .json], [Verbosity.quiet, .normal, .verbose])
    func secretsNeverReachAnyStream(format: OutputFormat, verbosity: Verbosity) {
        let output = CapturedStream(isTerminal: true), diagnostics = CapturedStream(isTerminal: true)
        let reporter = Reporter(settings: OutputSettings(format: format, verbosity: verbosity), output: output, diagnostics: diagnostics, environment: [:])
        // What the auth and secret layers register as they learn them.
        reporter.redactor.register(Self.secretValue)
        reporter.redactor.register(Self.token)
        for line in Self.leakyLines {
            reporter.info(line); reporter.success(line); reporter.warning(line); reporter.error(line)
            reporter.debug(line); reporter.trace(line); reporter.detail(line); reporter.header(line)
            reporter.line(line); reporter.section(line); reporter.keyValues([("k", line)])
            reporter.table(TextTable(columns: ["A"], rows: [[.init(line)]]))
        }
        reporter.emitJSON(["leak": Self.leakyLines])
        let progress = ProgressDisplay(reporter: reporter)
        progress.finish(progress.start("rotating \(Self.secretValue)"), .failed("failed with \(Self.token)"))
        let everything = output.text + diagnostics.text
        for secret in [Self.token, Self.secretValue, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", Self.keyData, "GOCSPX-abcdef", "1//0g-refresh",
                       "eyJhbGciOi", Data(Self.secretValue.utf8).base64EncodedString()] {
            #expect(!everything.contains(secret), "\(secret) leaked")
        }
        if verbosity == .verbose && format == .text { #expect(everything.contains(Redactor.mask)) }
    }

    @Test func redactionKeepsTheRestReadable() {
        let redactor = Redactor()
        #expect(redactor.redact("Authorization: Bearer abc.def") == "Authorization: Bearer [REDACTED]")
        #expect(redactor.redact(#"{"access_token": "x\"y", "expires_in": 5}"#) == #"{"access_token": "[REDACTED]", "expires_in": 5}"#)
        #expect(redactor.redact("a=1&client_secret=zzz&b=2") == "a=1&client_secret=[REDACTED]&b=2")
        #expect(redactor.redact("before\n-----BEGIN RSA PRIVATE KEY-----\nAAA\n-----END RSA PRIVATE KEY-----\nafter")
            == "before\n[REDACTED PEM BLOCK]\nafter")
        #expect(redactor.redact("nothing secret here") == "nothing secret here")
    }

    @Test func shortValuesAreNotRegistered() {
        let redactor = Redactor()
        redactor.register("abc")
        #expect(redactor.redact("abc abcd") == "abc abcd")
    }

    @Test func registrationIsSafeFromManyTasks() async {
        let redactor = Redactor()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    redactor.register("secret-number-\(index)")
                    _ = redactor.redact("secret-number-\(index / 2)")
                }
            }
        }
        #expect(redactor.redact("secret-number-199") == Redactor.mask)
    }
}
