import Foundation
import GoogleCloud

/// A Secret Manager secret with a first version holding a strong random value. An
/// existing version is never replaced: rotating a secret is a deliberate act, not a
/// side effect of setup. The one exception is a placeholder the bash scripts left
/// (`CHANGE_ME`, `SecretPlaceholder`): setup replaces it with a generated value and
/// disables it, which the plan shows and the user confirms.
public struct ManagedSecret: KindResource {
    public let secret: Environment.Secret

    public init(_ secret: Environment.Secret) {
        self.secret = secret
    }

    public struct State: Sendable {
        public var labels: [String: String]
        /// Versions that are not destroyed.
        public var versionCount: Int
        /// The only enabled version, when it holds a placeholder.
        public var placeholderVersion: String?
    }

    public var identity: ResourceIdentity { ResourceIdentity(.secret, secret.id) }

    /// The secret, its versions and its latest value are read at once, not one after the
    /// other; the versions' and the value's answers (a 404 for a secret that does not exist)
    /// count only when the secret exists. The value is only judged (`SecretPlaceholder`),
    /// never kept or shown.
    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> State? {
        let id = identity.name
        async let versions = Result(awaiting: {
            try await context.secretManager.versions(project: context.project, id: id).filter { $0.state != "DESTROYED" }
        })
        async let latest = try? context.secretManager.access(project: context.project, id: id)
        let found: SecretManagerAPI.Secret?
        do {
            found = try await context.secretManager.secret(project: context.project, id: id)
        } catch {
            _ = await versions
            _ = await latest
            throw error
        }
        let listed = await versions
        let value = await latest
        guard let found else { return nil }
        let usable = try listed.get()
        let placeholder = await SecretPlaceholder.version(of: id, versions: usable, latest: value, in: context)
        return State(labels: found.labels ?? [:], versionCount: usable.count, placeholderVersion: placeholder)
    }

    public func differences(from state: State) -> [FieldChange] {
        var changes = FieldChanges()
        changes.compareLabels(observed: state.labels, desired: secret.labels)
        if state.versionCount == 0 { changes.append(FieldChange("versions", old: "none", new: "1 (generated)")) }
        if let version = state.placeholderVersion {
            changes.append(FieldChange(ManagedSecret.placeholderField, old: "version \(version) holds a placeholder",
                                       new: "generated (a new version; version \(version) disabled)"))
        }
        return changes.all
    }

    /// The field a placeholder shows as in plans and status.
    public static let placeholderField = "value"

    public func create(in context: ResourceContext) async throws {
        _ = try await context.secretManager.createSecret(project: context.project, id: secret.id, labels: secret.labels)
        try await addFirstVersionIfMissing(in: context)
    }

    public func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws {
        if changes.contains(where: { $0.field.hasPrefix("labels.") }) {
            _ = try await context.secretManager.patchLabels(project: context.project, id: secret.id, labels: secret.labels)
        }
        if state.versionCount == 0 { try await addFirstVersionIfMissing(in: context) }
        if let placeholder = state.placeholderVersion {
            let outcome = try await SecretVersionChange(secretID: secret.id, disableOlder: true, setsDatabasePassword: false)
                .apply(ManagedSecret.generateValue(), environment: context.environment, in: context, say: { _ in })
            let disabled = outcome.disabledVersions.map { "\($0)" }.joined(separator: ", ")
            context.note("replaced the placeholder in version \(placeholder) of \(secret.id) with a generated value (version \(outcome.version)); "
                         + "disabled version\(outcome.disabledVersions.count == 1 ? "" : "s") \(disabled)")
        }
    }

    /// The database password secret takes its regional copy for the Data API
    /// (`SQLDataAPIPassword`, same id, the environment's region) with it, so neither
    /// cleanup nor `delete` leaves a copy of the password behind.
    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let id = identity.name
        try await context.secretManager.deleteSecret(project: context.project, id: id)
        let environment = context.environment
        guard let sql = environment.cloudSQL, sql.passwordSecret == id, sql.dataAPI else { return }
        let regional = SecretManagerAPI(context.cloud, location: environment.region)
        if try await regional.secret(project: context.project, id: id) != nil {
            try await regional.deleteSecret(project: context.project, id: id)
        }
    }

    /// addVersion is not idempotent: after a failure that may have reached Google, look
    /// at the versions again before trying a second time.
    func addFirstVersionIfMissing(in context: ResourceContext) async throws {
        try await UncertainCreate(following: context.cloud.retryPolicy).run(lookFirst: true, existing: { try await usableVersions(in: context) > 0 ? () : nil }) {
            _ = try await context.secretManager.addVersion(project: context.project, id: secret.id, value: ManagedSecret.generateValue())
        } uncertain: { error in
            context.note("adding the first version of \(secret.id) may not have completed (\(error)); checking before retrying")
        }
    }

    func usableVersions(in context: ResourceContext) async throws -> Int {
        try await context.secretManager.versions(project: context.project, id: secret.id).filter { $0.state != "DESTROYED" }.count
    }

    /// 32 bytes from the system's cryptographic random source, base64url without padding:
    /// 43 characters that are safe in URLs, shells and PostgreSQL passwords.
    public static func generateValue() -> Data {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return Data(text.utf8)
    }
}

extension ResourceKind {
    public static let secret: ResourceKind = ResourceKind(
        id: "secret", title: "secret", plural: "secrets", commandNames: ["secret"], service: "secretmanager.googleapis.com",
        priceKeys: [.secretVersions, .secretAccesses],
        section: .secrets, teardown: Teardown(consequence: "and all its versions", reviewed: "with all its versions",
                                             after: ["cloud-run-service"]),
        nameProblem: NamingRules.secretIDProblem,
        identify: { name, _ in ResourceIdentity(.secret, name) },
        list: { context, _ in
            KindListing(try await FoundResource.judging(context.secretManager.secrets(project: context.project), in: context) {
                (ResourceIdentity(.secret, $0.id), $0.createTime)
            })
        }, setupPart: .secrets,
        declared: { environment, _ in environment.secrets.map(ManagedSecret.init) })
        .deleted(by: ManagedSecret.self)
        .priced { estimator in [try estimator.secretManager()] }
}

extension StatusSection {
    public static let secrets = StatusSection(id: "secrets", title: "Secrets")
}
