import Foundation
import GoogleCloud

/// `gcpctl secret set NAME` and `gcpctl secret rotate NAME`: a new version from a value the
/// user gives (never echoed, never printed) or a generated one, through
/// `SecretVersionChange`. Asks first: what the services read changes.
public struct SecretSetWorkflow: Sendable {
    public enum Value: Sendable {
        /// `secret set`: the bytes read from a file or standard input.
        case given(Data)
        /// `secret rotate`: 32 random bytes, base64url (`ManagedSecret.generateValue`).
        case generated
    }

    public var secret: String
    public var value: Value
    /// `--deploy`: start new revisions of the services that read it afterwards, without asking.
    public var deployAfter: Bool

    public init(secret: String, value: Value, deployAfter: Bool = false) {
        self.secret = secret
        self.value = value
        self.deployAfter = deployAfter
    }

    var isRotation: Bool { if case .generated = value { true } else { false } }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        let reporter = context.reporter
        let bytes: Data
        switch value {
        case .given(let data): bytes = data
        case .generated: bytes = ManagedSecret.generateValue()
        }
        guard !bytes.isEmpty else { throw SecretChangeError.emptyValue(secret: secret) }
        reporter.redactor.register(String(decoding: bytes, as: UTF8.self))
        let resourceContext = try await connector.resourceContext(for: context)
        try await ensureSecret(in: resourceContext, environment: environment, say: reporter.info)

        let readers = SecretListWorkflow.readers(of: secret, in: environment)
        let consequence = readers.isEmpty ? "" : " (read by \(readers.joined(separator: ", ")))"
        let question = isRotation
            ? "Rotate \(secret)\(consequence)? A new random version replaces the current one, which is then disabled."
            : "Set a new value for \(secret)\(consequence)?"
        guard try await context.prompter.confirm(question) else {
            reporter.warning("Cancelled; \(secret) is unchanged.")
            return .configurationError
        }
        let change = SecretVersionChange(secretID: secret, disableOlder: isRotation)
        let outcome = try await change.apply(bytes, environment: environment, in: resourceContext, say: { reporter.info($0) })

        let services = environment.services.filter { $0.secrets.values.contains(secret) }.map(\.name)
        var rollout: [SecretRollout.Result] = []
        if !services.isEmpty, try await wantsDeploy(context) {
            rollout = await SecretRollout(services: services).run(in: resourceContext, progress: context.progress)
        }
        let rotateFlag = isRotation ? "rotate" : "set"
        reporter.result(Document(change: outcome, newRevisions: rollout)) {
            reporter.outcome("\(secret) is now version \(outcome.version)" + (isRotation ? " (generated; never shown)" : ""))
            if !services.isEmpty && rollout.isEmpty {
                reporter.line("Services reading \(secret) at latest (\(services.joined(separator: ", "))) get it when an instance starts; "
                    + "running instances keep the old value until their next revision: gcpctl secret \(rotateFlag) \(secret) --deploy "
                    + "starts new ones (nothing is rebuilt)")
            }
            for result in rollout {
                if let error = result.error { reporter.error("\(result.service): no new revision: \(error)") }
                else if let revision = result.revision { reporter.line("\(result.service): new revision \(revision) reads version \(outcome.version)") }
                else { reporter.line("\(result.service): not deployed; its first revision will read version \(outcome.version)") }
            }
        }
        return rollout.contains { $0.error != nil } ? .operationFailed : .success
    }

    struct Document: Encodable {
        var change: SecretVersionChange.Outcome
        var newRevisions: [SecretRollout.Result]
    }

    /// `--deploy`, or yes to the offer on a terminal; never asked in scripts.
    func wantsDeploy(_ context: CommandContext) async throws -> Bool {
        if deployAfter { return true }
        guard context.io.input.isInteractive, !context.settings.assumeYes else { return false }
        return try await context.prompter.confirm("Start new revisions of the services that read \(secret), so every instance has the new value?")
    }

    /// The secret exists, or is declared and is made now (as setup would).
    func ensureSecret(in context: ResourceContext, environment: Environment, say: (String) -> Void) async throws {
        guard try await context.secretManager.secret(project: context.project, id: secret) == nil else { return }
        guard !isRotation else { throw SecretChangeError.notFound(secret: secret, environment: environment.shortName) }
        guard let declared = environment.secrets.first(where: { $0.id == secret }) else {
            throw SecretChangeError.notDeclared(secret: secret, environment: environment.name)
        }
        _ = try await context.secretManager.createSecret(project: context.project, id: secret, labels: declared.labels)
        say("created secret \(secret)")
    }
}
