import Foundation

/// How an emulator behaves. The defaults suit in-process tests: an ephemeral loopback
/// port, operations that finish at once, no faults, no latency.
public struct EmulatorConfiguration: Sendable {
    /// Loopback only: `127.0.0.1`, `::1` or `localhost`.
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 0
    /// Projects that exist. Empty: any well-formed project id exists on first use.
    public var projects: [String] = []
    /// The project the metadata server reports; default the first project, else `emulator-project`.
    public var metadataProject: String?
    /// Service account email the metadata server reports.
    public var metadataServiceAccount: String?
    /// Whether calls to an API that is not enabled in the project answer 403 SERVICE_DISABLED.
    public var apiGating = true
    /// Seconds an operation of each kind takes: `sql`, `run`, `build`, `serviceusage`,
    /// `artifactregistry`. Kinds not listed take `defaultOperationSeconds`.
    public var operationSeconds: [String: Double] = [:]
    public var defaultOperationSeconds: Double = 0
    /// Added to every API request.
    public var latencyMilliseconds = 0
    /// The share of API and token requests answered with a fault (0...1).
    public var faultRate: Double = 0
    public var seed: UInt64 = 0
    public var retryAfterSeconds = 1
    public var slowResponseMilliseconds = 30_000
    /// Caps every list page size, so that paging is exercised.
    public var maxPageSize: Int?
    /// The emulator's clock moves only with `Emulator.advanceClock` (tests that look at an
    /// operation half-way); otherwise it is the wall clock plus what was advanced.
    public var frozenClock = false
    /// How long a new service account stays invisible to setIamPolicy.
    public var iamPropagationSeconds: Double = 0
    /// How long a deleted Cloud SQL instance's name stays reserved (0: reusable at once).
    public var sqlNameReservationSeconds: Double = 0
    /// How long a private services access connection stays in use after its last Cloud SQL or Memorystore instance was deleted (Google keeps producer resources a while).
    public var serviceNetworkingReleaseSeconds: Double = 0
    /// Act as an organisation with domain-restricted sharing: IAM policies naming
    /// `allUsers` or `allAuthenticatedUsers` are refused.
    public var domainRestrictedSharing = false
    /// Act as an organisation created under Google's secure-by-default organisation policies
    /// (since May 2024): the Compute Engine default and legacy Cloud Build service accounts
    /// are granted no roles (so a build that runs as one cannot read its source or push),
    /// `allUsers` / `allAuthenticatedUsers` are refused as with `domainRestrictedSharing`
    /// (iam.allowedPolicyMemberDomains), and `keys.create` is refused
    /// (iam.disableServiceAccountKeyCreation).
    public var secureByDefault = false
    /// Act as an organisation enforcing `constraints/run.managed.requireInvokerIam`: a Cloud
    /// Run service may not turn its invoker IAM check off (`invokerIamDisabled: true` is
    /// refused with 400 FAILED_PRECONDITION).
    public var requireInvokerIAM = false
    /// The status a deployed Cloud Run service's URLs answer from the start, by service (id,
    /// name or `run.app` host, as `Emulator.setServiceHealth` takes it); unnamed services
    /// answer 200. `/_emulator/run-health` changes it later. `--unhealthy-service` sets 503.
    public var serviceHealth: [String: Int] = [:]
    /// JSON lines file the request log is appended to.
    public var requestLogPath: String?
    /// State file loaded at start and rewritten after each change.
    public var statePath: String?
    /// Where the Data API's `executeSql` runs: the model (the default in-process, so that
    /// no test starts a server it did not ask for), or a real PostgreSQL 15+ where one is
    /// installed (`.installed`, the executable's default), started on the first
    /// executeSql that needs it.
    public var postgres: PostgresServerChoice = .model
    /// Where the emulator says what it did on its own (a PostgreSQL server started, or why
    /// the model answers instead); nothing by default. `gcp-emulator` writes it to stderr.
    public var log: (@Sendable (String) -> Void)?

    public init() {}

    /// The defaults of the `gcp-emulator` executable: operations take a few seconds so that
    /// clients really poll.
    public static var executableDefaults: EmulatorConfiguration {
        var configuration = EmulatorConfiguration()
        configuration.operationSeconds = ["sql": 3, "run": 2, "build": 3, "serviceusage": 1, "artifactregistry": 1]
        configuration.defaultOperationSeconds = 1
        configuration.postgres = .installed
        return configuration
    }

    /// Whether IAM policies naming `allUsers` or `allAuthenticatedUsers` are refused.
    var refusesPublicMembers: Bool { domainRestrictedSharing || secureByDefault }

    func operationDuration(kind: String) -> Double { operationSeconds[kind] ?? defaultOperationSeconds }

    var effectiveMetadataProject: String { metadataProject ?? projects.first ?? "emulator-project" }

    /// Parses `sql=30,run=2` into a dictionary; nil when malformed.
    public static func parseOperationSeconds(_ text: String) -> [String: Double]? {
        var result: [String: Double] = [:]
        for item in text.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let seconds = Double(pair[1].trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
                return nil
            }
            result[pair[0].trimmingCharacters(in: .whitespaces)] = seconds
        }
        return result
    }
}
