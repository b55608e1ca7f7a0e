import Foundation

/// An executable-sourced subject token (`credential_source.executable`), run as Google's
/// executable-sourced credentials contract says (AIP-4117): the command (an absolute path
/// and its arguments) with `GOOGLE_EXTERNAL_ACCOUNT_*` variables, at most `timeout_millis`
/// (default 30 s, 5 to 120 s), answering a JSON response on stdout; a still valid response
/// in `output_file` is used without running it.
struct ExecutableSubjectToken: Sendable {
    static let defaultTimeoutMillis = 30_000
    static let timeoutRange = 5_000...120_000

    let arguments: [String]
    let timeout: Duration
    let outputFile: String?
    /// The command's environment: gcpctl's, plus what the contract promises it.
    let environment: [String: String]
    let now: @Sendable () -> Date

    init(_ executable: ExternalAccountFile.Executable, file: ExternalAccountFile, path: String,
         environment: [String: String], now: @escaping @Sendable () -> Date = Date.init) throws {
        arguments = executable.command.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let program = arguments.first, program.hasPrefix("/") else {
            throw CredentialsError.malformedFile(
                path: path, reason: "credential_source.executable.command must start with the program's absolute path")
        }
        let millis = executable.timeout_millis ?? Self.defaultTimeoutMillis
        guard Self.timeoutRange.contains(millis) else {
            throw CredentialsError.malformedFile(
                path: path, reason: "credential_source.executable.timeout_millis is \(millis); it must be between 5000 and 120000")
        }
        timeout = .milliseconds(millis)
        outputFile = executable.output_file.flatMap { $0.isEmpty ? nil : $0 }
        var variables = environment
        variables["GOOGLE_EXTERNAL_ACCOUNT_AUDIENCE"] = file.audience
        variables["GOOGLE_EXTERNAL_ACCOUNT_TOKEN_TYPE"] = file.subject_token_type
        variables["GOOGLE_EXTERNAL_ACCOUNT_INTERACTIVE"] = "0"
        variables["GOOGLE_EXTERNAL_ACCOUNT_IMPERSONATED_EMAIL"] = file.impersonatedEmail
        variables["GOOGLE_EXTERNAL_ACCOUNT_OUTPUT_FILE"] = outputFile
        self.environment = variables
        self.now = now
    }

    var program: String { arguments.first ?? "" }

    func token() async throws -> String {
        if let outputFile, let cached = try cachedToken(at: outputFile) { return cached }
        let result = try await ProcessRun.run(arguments, environment: environment, timeout: timeout)
        if result.timedOut {
            throw SubjectTokenFailure("the command \(program) did not finish within \(timeout.components.seconds) s (timeout_millis)")
        }
        guard result.status == 0 else {
            // Never its stdout: it may hold a token.
            let detail = result.errorText.isEmpty ? "" : ": " + String(result.errorText.prefix(200))
            throw SubjectTokenFailure("the command \(program) exited with status \(result.status)\(detail)")
        }
        switch try ExecutableResponse.parse(result.output, origin: "the output of \(program)", now: now()) {
        case .token(_, nil) where outputFile != nil:
            throw SubjectTokenFailure("the output of \(program) has no \"expiration_time\", which an output_file needs")
        case .token(let token, _): return token
        case .expired: throw SubjectTokenFailure("the command \(program) answered a token that has already expired")
        case .unsuccessful(let code, let message):
            throw SubjectTokenFailure("the command \(program) answered an error (code \(code)): \(message)")
        }
    }

    /// The token of a still valid response in `output_file`; nil when there is none, it has
    /// expired, has no expiry or says the command failed (the command is run then). A
    /// response that breaks the contract is an error, as for Google's libraries.
    private func cachedToken(at path: String) throws -> String? {
        guard let data = FileManager.default.contents(atPath: path), (try? JSONSerialization.jsonObject(with: data)) != nil else {
            return nil
        }
        guard case .token(let token, _?) = try ExecutableResponse.parse(data, origin: "the output file \(path)", now: now()) else {
            return nil
        }
        return token
    }
}

/// The JSON an executable answers: `version` (1), `success`, and then `token_type` with
/// `id_token` (jwt, id_token) or `saml_response` (saml2) and `expiration_time`, or `code`
/// and `message`.
enum ExecutableResponse: Equatable {
    /// The token, and its expiry in seconds since 1970 when the response gives one.
    case token(String, expiresAt: Int?)
    case expired
    case unsuccessful(code: String, message: String)

    static let supportedVersion = 1

    static func parse(_ data: Data, origin: String, now: Date) throws -> ExecutableResponse {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SubjectTokenFailure("\(origin) is not a JSON object")
        }
        guard let version = object["version"] as? Int else { throw SubjectTokenFailure("\(origin) has no \"version\"") }
        guard version <= supportedVersion else {
            throw SubjectTokenFailure("\(origin) has version \(version); gcpctl supports version \(supportedVersion)")
        }
        guard let success = object["success"] as? Bool else { throw SubjectTokenFailure("\(origin) has no \"success\"") }
        guard success else {
            guard let code = object["code"] as? String, let message = object["message"] as? String else {
                throw SubjectTokenFailure("\(origin) reports a failure without \"code\" and \"message\"")
            }
            return .unsuccessful(code: code, message: message)
        }
        let field: String
        switch object["token_type"] as? String {
        case "urn:ietf:params:oauth:token-type:jwt", "urn:ietf:params:oauth:token-type:id_token": field = "id_token"
        case "urn:ietf:params:oauth:token-type:saml2": field = "saml_response"
        case let other?: throw SubjectTokenFailure("\(origin) has token_type \"\(other)\", which is not jwt, id_token or saml2")
        case nil: throw SubjectTokenFailure("\(origin) has no \"token_type\"")
        }
        guard let token = object[field] as? String, !token.isEmpty else {
            throw SubjectTokenFailure("\(origin) has no \"\(field)\"")
        }
        guard let expiry = object["expiration_time"] as? Int else { return .token(token, expiresAt: nil) }
        return Double(expiry) <= now.timeIntervalSince1970 ? .expired : .token(token, expiresAt: expiry)
    }
}
