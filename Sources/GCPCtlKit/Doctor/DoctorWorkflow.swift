import GoogleCloud

/// `gcpctl doctor`: every check at once, one line each with its fix; exit 0 when all pass,
/// 1 when any does not (a prerequisite is missing).
public struct DoctorWorkflow: Sendable {
    public init() {}

    struct Line: Encodable {
        var name: String
        var ok: Bool
        var detail: String
        var fix: String?
    }

    /// The checks; `ok`, the project and the environment are the envelope's (CommandDocument).
    struct Document: Encodable {
        var checks: [Line]
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        let connection = try await connector.connection()
        let resources = try await connector.resourceContext(for: context)
        let principal = await Self.principal(connection.credentials.source, client: connection.client)
        let doctor = DoctorContext(resources: resources, credentials: connection.credentials.source, principal: principal)
        let all = DoctorChecks.all(for: environment)
        let lines = await withTaskGroup(of: (Int, Line).self) { group in
            for (index, check) in all.enumerated() {
                group.addTask {
                    let finding = await check.run(in: doctor)
                    return (index, Line(name: check.name, ok: finding.ok, detail: finding.detail, fix: finding.fix))
                }
            }
            var lines = [Line?](repeating: nil, count: all.count)
            for await (index, line) in group { lines[index] = line }
            return lines.compactMap { $0 }
        }
        let ok = lines.allSatisfy(\.ok)
        let reporter = context.reporter
        reporter.result(Document(checks: lines)) {
            for line in lines {
                reporter.line((line.ok ? "✅ " : "❌ ") + line.detail + (line.fix.map { " → \($0)" } ?? ""))
            }
            let failed = lines.filter { !$0.ok }.count
            if failed == 0 {
                reporter.outcome("Nothing stands in the way of gcpctl setup and deploy in \(environment.project)")
            } else {
                reporter.line("\(failed) of \(lines.count) checks failed")
            }
        }
        return ok ? .success : .configurationError
    }

    /// The key file's account, else what Google's tokeninfo says about the token.
    static func principal(_ source: CredentialSource, client: GoogleCloudClient) async -> String? {
        if case .serviceAccountKey(_, let email) = source { return email }
        return try? await TokenInfo(client).email()
    }
}
