import Foundation

/// What `gcpctl deploy` was asked to do.
public struct DeployOptions: Sendable {
    /// Service names; empty: every service of the environment.
    public var services: [String]
    /// Deploy the new revision with no traffic, reachable at its tag's URL only.
    public var noTraffic: Bool
    /// The tag of a `--no-traffic` revision (default `candidate`), or of every new revision.
    public var tag: String?
    /// Deploy the image tagged latest instead of building.
    public var skipBuild: Bool
    /// `--image REF`: deploy this image from the environment's repository (a tag, or a
    /// digest, checked to exist) instead of building.
    public var image: String?
    /// GET /health after deploying (property 34).
    public var verify: Bool
    /// When the health check fails, send the traffic back to the revision that served before.
    public var rollbackOnFailure: Bool
    public var healthCheck: HealthCheck
    /// List what each build would upload, and send nothing.
    public var dryRun: Bool
    /// The clock the image timestamp tag is read from.
    public var now: @Sendable () -> Date
    /// `--build-logs`: print every line of each build's log on stderr (`SERVICE | LINE`),
    /// which a CI log keeps, without `--verbose`'s HTTP trace.
    public var buildLogs: Bool
    /// `--take-over`: deploy over services labelled for another environment (`ServiceTakeOver`).
    public var takeOver = false

    public init(services: [String] = [], noTraffic: Bool = false, tag: String? = nil, skipBuild: Bool = false,
                verify: Bool = true, rollbackOnFailure: Bool = false, healthCheck: HealthCheck = HealthCheck(), dryRun: Bool = false,
                now: @escaping @Sendable () -> Date = { Date() }, buildLogs: Bool = false) {
        self.dryRun = dryRun
        self.services = services
        self.noTraffic = noTraffic
        self.tag = tag
        self.skipBuild = skipBuild
        self.verify = verify
        self.rollbackOnFailure = rollbackOnFailure
        self.healthCheck = healthCheck
        self.now = now
        self.buildLogs = buildLogs
    }

    /// The tag the new revision gets, if any.
    public var revisionTag: String? { tag ?? (noTraffic ? TrafficPlan.candidateTag : nil) }
}

/// How one service's deploy went.
public struct ServiceDeployResult: Sendable, Encodable, Equatable {
    public enum Outcome: String, Sendable, Encodable {
        case created, updated, unchanged, failed
    }

    public var name: String
    public var outcome: Outcome
    /// `…@sha256:…`.
    public var image: String?
    /// The image was built before from the same source.
    public var imageReused: Bool
    public var buildID: String?
    public var revision: String?
    /// The service's URL (property 22): the deterministic `https://SERVICE-NUMBER.REGION.run.app`.
    public var url: String?
    /// Cloud Run's hash-based `uri` (`https://SERVICE-HASH-RC.a.run.app`), which serves too.
    public var hashURL: String?
    /// Who may call it: `invokerIamDisabled` or `allUsers` (public), `iam` (private).
    public var access: InvokerAccess?
    /// The new revision's own URL under its tag.
    public var tagURL: String?
    public var changes: [FieldChange]
    /// `ok`, `failed`, `skipped`, `unverifiable` (a private service), or nil before the check.
    public var health: String?
    public var error: String?
    /// The revision traffic went back to after a failed check.
    public var rolledBackTo: String?

    public init(name: String) {
        self.name = name
        outcome = .failed
        imageReused = false
        changes = []
    }

    public var succeeded: Bool { outcome != .failed && error == nil }
}
