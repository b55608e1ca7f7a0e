import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

/// Executable-sourced subject tokens, as Google's contract for them says: only when
/// `GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES=1`, the command run with the contract's
/// variables, its JSON response read, a cached response in `output_file` used while valid,
/// and every way a command can fail said without its output.
@Suite struct ExecutableSubjectTokenTests {
    /// A command that records its variables, arguments and runs, then prints `response.json`.
    struct Script {
        let directory: TemporaryDirectory
        var path: String { directory.path + "/get-token.sh" }
        /// Run through /bin/sh: a script just written cannot be executed while another test's
        /// child process still holds the file open for writing (ETXTBSY).
        var command: String { "/bin/sh " + path }

        init(exit status: Int = 0, sleep seconds: Int = 0) throws {
            directory = try TemporaryDirectory()
            let dir = directory.path
            try directory.write("get-token.sh", """
            #!/bin/sh
            echo run >> "\(dir)/runs"
            env | grep '^GOOGLE_EXTERNAL_ACCOUNT_' | sort > "\(dir)/seen-env"
            echo "$@" > "\(dir)/seen-args"
            \(seconds > 0 ? "exec sleep \(seconds)" : "")
            echo "boom: stderr line" >&2
            cat "\(dir)/response.json"
            exit \(status)
            """)
            chmod(path, 0o755)
        }

        func respond(_ json: String) throws { try directory.write("response.json", json) }
        var runs: Int { ((try? String(contentsOfFile: directory.path + "/runs", encoding: .utf8)) ?? "").split(separator: "\n").count }
        var seenEnvironment: [String] {
            ((try? String(contentsOfFile: directory.path + "/seen-env", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        var seenArguments: String {
            ((try? String(contentsOfFile: directory.path + "/seen-args", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    static let audience = "//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-pool/providers/github"

    static func file(command: String, timeout: Int? = nil, outputFile: String? = nil, impersonate: Bool = true) throws -> ExternalAccountFile {
        var executable: [String: Any] = ["command": command]
        if let timeout { executable["timeout_millis"] = timeout }
        if let outputFile { executable["output_file"] = outputFile }
        var object: [String: Any] = [
            "type": "external_account", "audience": audience, "subject_token_type": "urn:ietf:params:oauth:token-type:id_token",
            "token_url": "https://sts.googleapis.com/v1/token", "credential_source": ["executable": executable],
        ]
        if impersonate {
            object["service_account_impersonation_url"] =
                "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/ci@p.iam.gserviceaccount.com:generateAccessToken"
        }
        return try JSONDecoder().decode(ExternalAccountFile.self, from: JSONSerialization.data(withJSONObject: object))
    }

    static func source(_ file: ExternalAccountFile, allow: Bool = true) throws -> SubjectTokenSource {
        try file.subjectTokenSource(path: "/ci/wif.json", environment: allow ? ["GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES": "1", "PATH": "/usr/bin:/bin"] : [:])
    }

    static func response(token: String = "header.payload.signature", expiresIn: Int? = 600,
                         type: String = "urn:ietf:params:oauth:token-type:id_token", version: Int = 1) -> String {
        let expiry = expiresIn.map { #","expiration_time":\#(Int(Date().timeIntervalSince1970) + $0)"# } ?? ""
        return #"{"version":\#(version),"success":true,"token_type":"\#(type)","id_token":"\#(token)"\#(expiry)}"#
    }

    @Test func theCommandRunsWithTheContractsVariablesAndItsTokenIsExchanged() async throws {
        try await withEmulator { emulator in
            let identity = try await FederatedIdentity.arrange(on: emulator)
            let script = try Script()
            defer { script.directory.remove() }
            try script.respond(Self.response(token: try identity.subjectToken()))
            let path = try script.directory.write("wif.json", identity.credentialsFile(
                credentialSource: ["executable": ["command": .string(script.command + " --audience github"), "timeout_millis": 5000]]))
            let connection = try await connect(emulator, ["GOOGLE_APPLICATION_CREDENTIALS": path,
                                                          "GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES": "1"])
            _ = try await ServiceUsageAPI(connection.client).enabledServices(project: identity.project)
            #expect(script.runs == 1)
            #expect(script.seenArguments == "--audience github")
            #expect(script.seenEnvironment == [
                "GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES=1",
                "GOOGLE_EXTERNAL_ACCOUNT_AUDIENCE=\(identity.audience)",
                "GOOGLE_EXTERNAL_ACCOUNT_IMPERSONATED_EMAIL=\(identity.serviceAccount)",
                "GOOGLE_EXTERNAL_ACCOUNT_INTERACTIVE=0",
                "GOOGLE_EXTERNAL_ACCOUNT_TOKEN_TYPE=urn:ietf:params:oauth:token-type:jwt",
            ])
            #expect(emulator.requests(methodID: "sts.token").first?.status == 200)
            #expect(emulator.requests(methodID: "iamcredentials.projects.serviceAccounts.generateAccessToken").first?.status == 200)
        }
    }

    @Test func withoutTheAllowVariableNothingRuns() async throws {
        let script = try Script()
        defer { script.directory.remove() }
        try script.respond(Self.response())
        let file = try Self.file(command: script.command)
        #expect(throws: CredentialsError.executablesNotAllowed(path: "/ci/wif.json")) { try Self.source(file, allow: false) }
        let message = CredentialsError.executablesNotAllowed(path: "/ci/wif.json").description
        #expect(message.contains("set GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES=1"))
        #expect(script.runs == 0)
    }

    @Test func aValidResponseInTheOutputFileIsUsedWithoutRunningTheCommand() async throws {
        let script = try Script()
        defer { script.directory.remove() }
        try script.respond(Self.response(token: "fresh-from-the-command"))
        let output = script.directory.path + "/cached.json"
        let source = try Self.source(try Self.file(command: script.command, outputFile: output))

        try script.directory.write("cached.json", Self.response(token: "from-the-cache", expiresIn: 600))
        #expect(try await source.token(transport: CurlTransport()) == "from-the-cache")
        #expect(script.runs == 0)

        try script.directory.write("cached.json", Self.response(token: "from-the-cache", expiresIn: -10))
        #expect(try await source.token(transport: CurlTransport()) == "fresh-from-the-command", "an expired cache runs the command")
        #expect(script.runs == 1)
        #expect(script.seenEnvironment.contains("GOOGLE_EXTERNAL_ACCOUNT_OUTPUT_FILE=\(output)"))

        try script.directory.write("cached.json", #"{"version":1,"success":false,"code":"401","message":"stale"}"#)
        #expect(try await source.token(transport: CurlTransport()) == "fresh-from-the-command", "a cached failure runs the command")
        #expect(script.runs == 2)
    }

    @Test(arguments: [
        ("a failing command", 1, #"{"version":1,"success":true,"token_type":"urn:ietf:params:oauth:token-type:id_token","id_token":"SECRET-TOKEN"}"#,
         "exited with status 1: boom: stderr line"),
        ("an unsuccessful response", 0, #"{"version":1,"success":false,"code":"401","message":"Caller not authorized."}"#,
         "answered an error (code 401): Caller not authorized."),
        ("a newer version", 0, response(version: 2), "has version 2; gcpctl supports version 1"),
        ("an unknown token type", 0, response(type: "urn:ietf:params:oauth:token-type:access_token"), "is not jwt, id_token or saml2"),
        ("an expired token", 0, response(expiresIn: -10), "answered a token that has already expired"),
        ("no token", 0, #"{"version":1,"success":true,"token_type":"urn:ietf:params:oauth:token-type:jwt"}"#, "has no \"id_token\""),
        ("not JSON", 0, "SECRET-TOKEN", "is not a JSON object"),
    ] as [(String, Int, String, String)])
    func aBadRunSaysWhatWentWrongWithoutItsOutput(_ name: String, exit status: Int, output: String, message: String) async throws {
        let script = try Script(exit: status)
        defer { script.directory.remove() }
        try script.respond(output)
        let source = try Self.source(try Self.file(command: script.command))
        let error = await #expect(throws: SubjectTokenFailure.self) { try await source.token(transport: CurlTransport()) }
        let text = error?.description ?? ""
        #expect(text.contains(message), "\(text)")
        #expect(!text.contains("SECRET-TOKEN"), "the command's output is never shown")
    }

    @Test func anOutputFileNeedsAnExpiryInTheResponse() async throws {
        let script = try Script()
        defer { script.directory.remove() }
        try script.respond(Self.response(expiresIn: nil))
        let source = try Self.source(try Self.file(command: script.command, outputFile: script.directory.path + "/cached.json"))
        let error = await #expect(throws: SubjectTokenFailure.self) { try await source.token(transport: CurlTransport()) }
        #expect(error?.description.contains("has no \"expiration_time\", which an output_file needs") == true)
    }

    @Test func aCommandPastItsTimeoutIsStopped() async throws {
        let script = try Script(sleep: 30)
        defer { script.directory.remove() }
        try script.respond(Self.response())
        let source = try Self.source(try Self.file(command: script.command, timeout: 5000))
        let error = await #expect(throws: SubjectTokenFailure.self) { try await source.token(transport: CurlTransport()) }
        #expect(error?.description.contains("did not finish within 5 s (timeout_millis)") == true, "\(String(describing: error))")
        #expect(script.runs == 1)
    }

    @Test(arguments: [
        ("get-token.sh", nil, "must start with the program's absolute path"),
        ("/bin/true", 1000, "timeout_millis is 1000; it must be between 5000 and 120000"),
        ("/bin/true", 200_000, "timeout_millis is 200000"),
    ] as [(String, Int?, String)])
    func aBadExecutableSettingIsRefusedBeforeRunning(command: String, timeout: Int?, message: String) throws {
        let error = #expect(throws: CredentialsError.self) { try Self.source(try Self.file(command: command, timeout: timeout)) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test func aSAMLResponseGivesItsAssertion() throws {
        let json = #"{"version":1,"success":true,"token_type":"urn:ietf:params:oauth:token-type:saml2","saml_response":"PHNhbWw+","expiration_time":4102444800}"#
        #expect(try ExecutableResponse.parse(Data(json.utf8), origin: "out", now: Date()) == .token("PHNhbWw+", expiresAt: 4102444800))
    }
}
