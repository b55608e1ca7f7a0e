import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Sentinel credentials and the secret values gcpctl generates never appear in anything it
/// prints, `--verbose` and `--format json` included, nor in any file it writes, except the
/// key file `setup --create-key` was asked for (mode 0600).
@Suite struct SecretsNeverPrintedTests {
    static let token = "ya29.sentinel-access-token-0123456789"

    enum Credentials: String, CaseIterable, Sendable {
        /// `GCPCTL_ACCESS_TOKEN`: the token itself is the sentinel.
        case accessToken
        /// `GOOGLE_APPLICATION_CREDENTIALS` naming a service-account key: its private key,
        /// the signed assertion and the token the emulator grants for it are the sentinels.
        case serviceAccountKey
        /// `GOOGLE_APPLICATION_CREDENTIALS` naming a workload identity federation file that
        /// impersonates a deployer: the subject token, the federated token and every
        /// impersonated token are the sentinels.
        case workloadIdentity
    }

    /// Every command, in an order where each has something to act on.
    static let commands: [[String]] = [
        ["setup", "--env=dev", "--yes", "--create-key", "runtime-key.json"],
        ["plan", "--env=dev"],
        ["config", "show", "--env=dev"],
        ["config", "validate", "--env=dev"],
        ["deploy", "--env=dev", "--verify-timeout", "2"],
        ["urls", "--env=dev"],
        ["status", "--env=dev"],
        ["cost", "--env=dev"],
        ["list", "--env=dev", "--all"],
        ["enable", "--env=dev"],
        ["sql", "stop", "--env=dev", "--yes"],
        ["sql", "start", "--env=dev"],
        ["deploy", "api-gateway", "--env=dev", "--no-traffic", "--verify-timeout", "2"],
        ["promote", "api-gateway", "--env=dev"],
        ["rollback", "api-gateway", "--env=dev"],
        ["delete-service", "websocket-server", "--env=dev", "--yes"],
        ["delete", "secret", "refresh-secret", "--env=dev", "--yes"],
        ["cleanup", "--env=dev", "--all", "--yes", "--confirm-project=demo-project"],
    ]

    static let variants: [([String], Credentials)] = [["--verbose"], ["--verbose", "--format", "json"]].flatMap { flags in
        Credentials.allCases.map { (flags, $0) }
    }

    @Test(arguments: variants)
    func everyCommandKeepsTokensKeysAndSecretValuesOutOfOutputAndFiles(flags: [String], credentials: Credentials) async throws {
        try await withEmulator(ProcessWorkflowTests.configuration()) { emulator in
            let directory = try ProcessWorkflowTests.workspace()
            let keys = try TemporaryDirectory()
            defer { directory.remove(); keys.remove() }
            var environment = ["GCP_PROJECT_ID": "demo-project", "GCPCTL_ACCESS_TOKEN": Self.token]
            var account: TestServiceAccount?
            var subjectToken = ""
            if credentials == .workloadIdentity {
                let identity = try await FederatedIdentity.arrange(on: emulator)
                subjectToken = try identity.subjectToken(lifetime: 3600)
                let tokenFile = try keys.write("oidc-token", subjectToken)
                let file = try keys.write("wif.json", identity.credentialsFile(credentialSource: ["file": .string(tokenFile)]))
                environment = ["GCP_PROJECT_ID": "demo-project", "GOOGLE_APPLICATION_CREDENTIALS": file]
            }
            if credentials == .serviceAccountKey {
                let made = try TestServiceAccount.make(on: emulator, email: "deployer@demo-project.iam.gserviceaccount.com")
                environment = ["GCP_PROJECT_ID": "demo-project", "GOOGLE_APPLICATION_CREDENTIALS": try made.writeKeyFile(in: keys, emulator: emulator)]
                account = made
            }
            let gcpctl = GCPCtlProcess(emulator: emulator, directory: URL(fileURLWithPath: directory.path), extra: environment)

            var printed = ""
            var secretValues: Set<String> = []
            for (index, command) in Self.commands.enumerated() {
                if command.starts(with: ["deploy", "api-gateway"]) {
                    try directory.write("examples/api-gateway/src/version.js", "module.exports = 2;\n")
                }
                let run = try await gcpctl.run(command + flags)
                let healthy: Set<Int32> = command.first == "status" ? [0, 3] : [0]
                #expect(healthy.contains(run.status), "\(command.joined(separator: " ")): \(run.all)")
                printed += run.all
                // The values exist from setup until cleanup deletes the secrets.
                if index < Self.commands.count - 1 { secretValues.formUnion(SecretsNeverPrintedTests.secretValues(in: emulator)) }
            }

            // What gcpctl was given and what it made are the sentinels.
            #expect(secretValues.count >= 3, "jwt, refresh and database password values")
            var sentinels = Array(secretValues)
            switch credentials {
            case .accessToken:
                sentinels.append(Self.token)
            case .serviceAccountKey:
                sentinels += Self.keyMaterial(try #require(account).keys.privateKeyPEM)
                #expect(emulator.requests(methodID: "oauth2.token").count >= 1, "the JWT grant was used")
            case .workloadIdentity:
                let issued = emulator.mutateState { Array($0.credentials.principals.keys) }
                #expect(issued.count >= 2, "the federated token and an impersonated one")
                #expect(emulator.requests(methodID: "sts.token").count >= 1)
                sentinels += [subjectToken] + issued
            }
            let keyFile = directory.path + "/runtime-key.json"
            let createdKey = try String(contentsOfFile: keyFile, encoding: .utf8)
            let createdPrivateKey = try #require(Self.privateKey(inKeyFile: createdKey))
            sentinels += Self.keyMaterial(createdPrivateKey)
            let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
            #expect(mode == 0o600, "the key the user asked for is owner-only")

            // The requests did carry credentials: the sentinels were in use, not left out.
            #expect(emulator.requests().filter(\.bearer).count > 50)
            #expect(printed.contains("GET "), "the trace was printed")
            #expect(printed.contains(":addVersion"), "the requests carrying secret values were traced, redacted")

            for secret in sentinels {
                #expect(!printed.contains(secret), "a secret was printed")
                #expect(!printed.contains(Data(secret.utf8).base64EncodedString()), "a secret was printed in base64")
            }
            for pattern in [#"ya29\.[A-Za-z0-9_.-]{8,}"#, #"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}"#, "PRIVATE KEY"] {
                #expect(printed.range(of: pattern, options: .regularExpression) == nil, "\(pattern) was printed")
            }
            #expect(!printed.contains("Bearer ya29"))

            // Files gcpctl wrote (.env updates, state, anything in the directory or HOME).
            for file in Self.files(under: directory.path) where file != keyFile {
                guard let contents = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
                for secret in sentinels { #expect(!contents.contains(secret), "a secret was written to \(file)") }
                #expect(!contents.contains("PRIVATE KEY"), "a private key was written to \(file)")
                #expect(contents.range(of: #"ya29\.[A-Za-z0-9_.-]{8,}"#, options: .regularExpression) == nil, "a token was written to \(file)")
            }
            for secret in sentinels where !createdPrivateKey.contains(secret) {
                #expect(!createdKey.contains(secret), "the created key file holds only its own key")
            }
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

    /// Pieces of a PEM key that would show it leaked: its base64 lines.
    static func keyMaterial(_ pem: String) -> [String] {
        pem.split(separator: "\n").filter { !$0.hasPrefix("-----") && $0.count >= 40 }.map(String.init)
    }

    static func privateKey(inKeyFile json: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["private_key"] as? String
    }

    static func files(under path: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path + "/" + relative)
            }
        }
        return files
    }
}
