import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Sentinel credentials and the secret values gcpctl generates never appear in anything it
/// prints, `--verbose` and `--format json` included.
@Suite struct SecretsNeverPrintedTests {
    static let token = "ya29.sentinel-access-token-0123456789"

    @Test(arguments: [["--verbose"], ["--verbose", "--format", "json"]])
    func setupAndPlanNeverPrintTheTokenOrASecretValue(flags: [String]) async throws {
        try await withEmulator(ProcessWorkflowTests.configuration()) { emulator in
            let directory = try ProcessWorkflowTests.workspace()
            defer { directory.remove() }
            let gcpctl = GCPCtlProcess(emulator: emulator, directory: URL(fileURLWithPath: directory.path),
                                       extra: ["GCPCTL_ACCESS_TOKEN": Self.token, "GCP_PROJECT_ID": "demo-project"])
            var printed = ""
            for arguments in [["setup", "--env=dev", "--yes"], ["plan", "--env=dev"], ["setup", "--env=dev", "--yes"]] {
                let run = try await gcpctl.run(arguments + flags)
                #expect(run.status == 0, "\(run.all)")
                printed += run.all
            }
            #expect(printed.contains("GET "), "the trace was printed")
            let values = Self.secretValues(in: emulator)
            #expect(values.count == 3)
            for secret in [Self.token] + values {
                #expect(!printed.contains(secret), "a secret was printed")
                #expect(!printed.contains(Data(secret.utf8).base64EncodedString()), "a secret was printed in base64")
            }
            #expect(!printed.contains("Bearer ya29"))
        }
    }

    /// The values the emulator holds for every secret version.
    static func secretValues(in emulator: Emulator) -> [String] {
        // The payload is stored apart from what `state` shows (`@data`), as Google keeps it.
        let versions = emulator.mutateState { $0.projects["demo-project"]?.collections["secretmanager.versions"] } ?? [:]
        return versions.values.compactMap { version in
            (version["@data"]?.stringValue).flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
