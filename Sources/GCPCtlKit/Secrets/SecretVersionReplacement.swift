import Foundation
import GoogleCloud

/// Gives a secret a new value and takes the old one out of service: add a version, then
/// disable every version that was enabled before it, so neither `latest` nor a reader
/// pinned to an old number gets the old value again. A disabled version is kept (and can be
/// enabled again), unlike a destroyed one.
///
/// addVersion is not idempotent: after a failure that may have reached Google, a version
/// newer than those seen before counts as the one added, rather than adding a second.
public struct SecretVersionReplacement: Sendable {
    public var secretID: String

    public init(secretID: String) {
        self.secretID = secretID
    }

    public struct Outcome: Sendable, Equatable {
        public var added: Int
        public var disabled: [Int]
    }

    /// Replaces the value with `value` (by default a generated one, `ManagedSecret.generateValue`).
    @discardableResult
    public func apply(_ value: Data = ManagedSecret.generateValue(), in context: ResourceContext) async throws -> Outcome {
        let api = context.secretManager
        let before = try await api.versions(project: context.project, id: secretID)
        let numbers = before.compactMap { $0.name.flatMap(SecretPlaceholder.number) }
        let enabled = before.filter { $0.state == "ENABLED" }.compactMap { $0.name.flatMap(SecretPlaceholder.number) }
        let newest = numbers.max() ?? 0
        let added = try await UncertainCreate(following: context.cloud.retryPolicy).run(existing: {
            try await api.versions(project: context.project, id: secretID)
                .compactMap { $0.name.flatMap(SecretPlaceholder.number) }.first { $0 > newest }
        }, create: {
            let version = try await api.addVersion(project: context.project, id: secretID, value: value)
            return version.name.flatMap(SecretPlaceholder.number) ?? newest + 1
        }, uncertain: { error in
            context.note("adding a version of \(secretID) may not have completed (\(error)); checking before retrying")
        })
        for old in enabled.sorted() where old != added {
            _ = try await api.disableVersion(project: context.project, id: secretID, version: String(old))
        }
        return Outcome(added: added, disabled: enabled.sorted().filter { $0 != added })
    }

    /// Setup's use: replace the placeholder in `version` (the only enabled version).
    func replace(_ version: String, in context: ResourceContext) async throws {
        let outcome = try await apply(in: context)
        context.note("replaced the placeholder in version \(version) of \(secretID) with a generated value (version \(outcome.added)); "
                     + "disabled version\(outcome.disabled.count == 1 ? "" : "s") \(outcome.disabled.map { "\($0)" }.joined(separator: ", "))")
    }
}
