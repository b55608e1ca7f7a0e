import Foundation
import GoogleCloud

/// Gives a secret a new value without leaving the services without a working one.
///
/// Cloud Run resolves a secret in an environment variable when an instance starts (Google's
/// "Configure secrets for services"), and PostgreSQL keeps one password per user, so for
/// the database password the order is: add the new version; set the Cloud SQL user's
/// password from it at once (if that fails, the new version is disabled again, so `latest`
/// is once more the password the database has); copy it for the Data API; only then
/// disable the older versions. Other secrets: add the version, then disable the older ones
/// when asked (rotate), so nothing reads a value that was replaced.
///
/// Setup uses it too, to replace a placeholder the bash scripts left (`ManagedSecret`): there
/// the database password is the next step of setup's own plan (`SQLUserPassword`, which
/// waits for the secret), so `setsDatabasePassword` is off.
struct SecretVersionChange: Sendable {
    var secretID: String
    /// Disable the versions that were enabled before (rotate does; set does only for the
    /// database password, whose old value no longer works).
    var disableOlder: Bool
    /// Set the Cloud SQL user's password when this is the environment's password secret.
    var setsDatabasePassword = true

    struct Outcome: Encodable, Sendable {
        var secret: String
        var version: Int
        var disabledVersions: [Int]
        var databaseUser: String?
        var dataAPICopy: Bool
    }

    func apply(_ value: Data, environment: Environment, in context: ResourceContext,
               say: @Sendable (String) -> Void) async throws -> Outcome {
        let api = context.secretManager
        let project = context.project
        let versions = try await api.versions(project: project, id: secretID)
        let before = versions.filter { $0.state == "ENABLED" }.compactMap(\.number)
        let newest = versions.compactMap(\.number).max() ?? 0
        // addVersion is not idempotent: after a failure that may have reached Google, a
        // version newer than those listed counts as the one added, rather than adding another.
        let number = try await UncertainCreate(following: context.cloud.retryPolicy).run(existing: {
            try await api.versions(project: project, id: secretID).compactMap(\.number).first { $0 > newest }
        }, create: {
            try await api.addVersion(project: project, id: secretID, value: value).number ?? newest + 1
        }, uncertain: { error in
            context.note("adding a version of \(secretID) may not have completed (\(error)); checking before retrying")
        })
        say("added version \(number) of \(secretID)")
        let sql = setsDatabasePassword ? environment.cloudSQL.flatMap { $0.passwordSecret == secretID ? $0 : nil } : nil
        var outcome = Outcome(secret: secretID, version: number, disabledVersions: [], databaseUser: sql?.user, dataAPICopy: false)
        if let sql {
            do {
                try await SQLUserPassword(sql, secretID: secretID).apply(in: context)
            } catch {
                _ = try? await api.disableVersion(project: project, id: secretID, version: String(number))
                throw SecretChangeError.databasePasswordNotSet(secret: secretID, version: number, user: sql.user, underlying: "\(error)")
            }
            say("Cloud SQL user \(sql.user) now has the password of version \(number)")
            if sql.dataAPI {
                try await SQLDataAPIPassword(sql, secretID: secretID, region: environment.region,
                                             labels: environment.secrets.first { $0.id == secretID }?.labels ?? environment.labels)
                    .copy(in: context)
                outcome.dataAPICopy = true
            }
        }
        if disableOlder || sql != nil {
            for old in before where old != number {
                _ = try await api.disableVersion(project: project, id: secretID, version: String(old))
                outcome.disabledVersions.append(old)
            }
            if !outcome.disabledVersions.isEmpty {
                say("disabled version\(outcome.disabledVersions.count == 1 ? "" : "s") \(outcome.disabledVersions.map { "\($0)" }.joined(separator: ", "))")
            }
        }
        return outcome
    }
}

/// Why a secret's value could not be set or rotated.
public enum SecretChangeError: Error, Sendable, CustomStringConvertible, ExitStatusProviding {
    case notFound(secret: String, environment: String)
    case notDeclared(secret: String, environment: String)
    case emptyValue(secret: String)
    case databasePasswordNotSet(secret: String, version: Int, user: String, underlying: String)

    public var description: String {
        switch self {
        case .notFound(let secret, let environment):
            "secret \(secret) does not exist; gcpctl setup --env=\(environment) creates the declared secrets"
        case .notDeclared(let secret, let environment):
            "secret \(secret) is not declared in the \(environment) environment and does not exist; declare it under secrets and run gcpctl setup"
        case .emptyValue(let secret):
            "the value for \(secret) is empty; Secret Manager refuses empty versions"
        case .databasePasswordNotSet(let secret, let version, let user, let underlying):
            "setting the Cloud SQL password of \(user) failed (\(underlying)); version \(version) of \(secret) was disabled again, so the services and the database keep the old password. Run the command again"
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .notFound, .databasePasswordNotSet: .operationFailed
        case .notDeclared, .emptyValue: .configurationError
        }
    }
}
