import Foundation
import GoogleCloud

/// The database user's password, copied into a regional secret in the instance's region.
///
/// Cloud SQL's Data API takes a built-in user's password only from a regional secret in the
/// instance's region (`passwordSecretVersion`; a secret of the global endpoint is refused),
/// while Cloud Run reads the global one. So the copy follows the global secret: its
/// annotation names the global version it holds, and setup copies again when the global
/// secret's latest enabled version differs. Older versions of the copy are disabled, so
/// only the password the user has can be used.
public struct SQLDataAPIPassword: Resource {
    public let sql: Environment.CloudSQL
    public let secretID: String
    public let region: String
    public let labels: [String: String]

    static let annotation = "gcpctl-copy-of"

    public init(_ sql: Environment.CloudSQL, secretID: String, region: String, labels: [String: String]) {
        self.sql = sql
        self.secretID = secretID
        self.region = region
        self.labels = labels
    }

    public struct State: Sendable {
        /// `database-password@3`: the global version the copy holds.
        public var copied: String?
        /// The global secret's latest enabled version.
        public var sourceVersion: String?
    }

    public var id: ResourceID { ResourceID(.sqlDataAPIPassword, "\(sql.instance)/\(sql.user)") }
    public var dependencies: [ResourceID] { [ResourceID(.sqlUser, "\(sql.instance)/\(sql.user)")] }

    func regional(_ context: ResourceContext) -> SecretManagerAPI { SecretManagerAPI(context.cloud, location: region) }

    /// `projects/P/locations/REGION/secrets/ID/versions/latest`, for `executeSql`.
    public func secretVersionName(project: String) -> String {
        "projects/\(project)/locations/\(region)/secrets/\(secretID)/versions/latest"
    }

    public func observe(in context: ResourceContext) async throws -> State? {
        async let copy = regional(context).secret(project: context.project, id: secretID)
        async let source = sourceVersion(in: context)
        // The source's reads are awaited on every path: left to be cancelled, a read status
        // shares with the secret's own rows (ReadOnceTransport) would fail for them too.
        let found: SecretManagerAPI.Secret?
        do {
            found = try await copy
        } catch {
            _ = try? await source
            throw error
        }
        guard let found else {
            _ = try? await source
            return nil
        }
        return State(copied: found.annotations?[Self.annotation], sourceVersion: try await source)
    }

    /// The global secret's latest enabled version; nil when the secret itself is gone
    /// (its own row says so). The secret and its versions are read at once, as the
    /// secret's own row reads them (shared under status), not one after the other.
    func sourceVersion(in context: ResourceContext) async throws -> String? {
        async let latest = Result(awaiting: { try await SQLUserPassword(sql, secretID: secretID).latestVersion(in: context) })
        let found: SecretManagerAPI.Secret?
        do {
            found = try await context.secretManager.secret(project: context.project, id: secretID)
        } catch {
            _ = await latest
            throw error
        }
        let version = await latest
        guard found != nil else { return nil }
        return try version.get()
    }

    public func differences(from state: State) -> [FieldChange] {
        guard state.sourceVersion != nil else { return [] }
        let wanted = marker(state.sourceVersion)
        guard state.copied != wanted else { return [] }
        return [FieldChange("copy", old: state.copied ?? "none", new: wanted)]
    }

    public func create(in context: ResourceContext) async throws { try await copy(in: context) }

    public func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws {
        try await copy(in: context)
    }

    public func delete(in context: ResourceContext) async throws {
        try await regional(context).deleteSecret(project: context.project, id: secretID)
    }

    func marker(_ version: String?) -> String { "\(secretID)@\(version ?? "?")" }

    /// Copies the global secret's latest enabled version, then disables the copy's older
    /// versions. A second run finds the annotation and sends nothing.
    func copy(in context: ResourceContext) async throws {
        let secrets = regional(context)
        guard let version = try await SQLUserPassword(sql, secretID: secretID).latestVersion(in: context) else {
            throw OperationError.failed(what: "copying \(secretID) for the Data API", message: "the secret \(secretID) has no enabled version")
        }
        let value = try await context.secretManager.access(project: context.project, id: secretID, version: version)
        var existing = try await secrets.secret(project: context.project, id: secretID)
        if existing == nil {
            if case .created(let made) = try await secrets.createSecret(project: context.project, id: secretID, labels: labels, replication: nil) {
                existing = made
            }
        }
        // addVersion is not idempotent: after a failure that may have reached Google, count
        // the versions again before trying a second time.
        let before = try await secrets.versions(project: context.project, id: secretID).count
        try await UncertainCreate(following: context.cloud.retryPolicy).run(lookFirst: false, existing: {
            try await secrets.versions(project: context.project, id: secretID).count > before ? () : nil
        }) {
            _ = try await secrets.addVersion(project: context.project, id: secretID, value: value)
        } uncertain: { error in
            context.note("copying \(secretID) for the Data API may not have completed (\(error)); checking before retrying")
        }
        let newest = try await secrets.versions(project: context.project, id: secretID).compactMap(\.number).max()
        var annotations = existing?.annotations ?? [:]
        annotations[Self.annotation] = marker(version)
        _ = try await secrets.patchAnnotations(project: context.project, id: secretID, annotations: annotations)
        for old in try await secrets.versions(project: context.project, id: secretID)
        where old.state == "ENABLED" && old.number != newest {
            _ = try await secrets.disableVersion(project: context.project, id: secretID, version: String(old.number ?? 0))
        }
    }
}

extension ResourceKind {
    /// The database password's copy in a regional secret, for Cloud SQL's Data API.
    public static let sqlDataAPIPassword: ResourceKind = ResourceKind(id: "sql-data-api-password", title: "Data API password of",
                                                        plural: "Data API passwords", service: "secretmanager.googleapis.com", section: .cloudSQL, setupPart: .sql,
        declared: { environment, _ in
            guard let sql = environment.cloudSQL, let secret = sql.passwordSecret, sql.dataAPI else { return [] }
            let labels = environment.secrets.first { $0.id == secret }?.labels ?? environment.labels
            return [SQLDataAPIPassword(sql, secretID: secret, region: environment.region, labels: labels)]
        })
}
