import Testing
@testable import GCPCtlKit

/// The `usage` block's rules (docs/configuration.md, usage), with the line the user reads.
@Suite struct UsageValidationTests {
    static let usage = """
    services:
      api:
        source: app
      worker:
        source: worker
    usage:
      requestsPerMonth: 1000
      averageRequestSeconds: 0.2
      storageGb: 1
      artifactStorageGb: 1
      buildMinutesPerMonth: 10
      secretAccessesPerMonth: 100
    """

    func issues(_ extra: String) async -> [String]? {
        await loadingError(minimalEnvironment + "\n" + Self.usage + "\n" + extra)?.linesWithoutPositions
    }

    @Test func theOptionalKeysLoad() async throws {
        let environment = try await loadEnvironment(minimalEnvironment + "\n" + Self.usage + """

          databaseGb: 3.5
          sqlHoursPerWeek: 60
          requestShare:
            api: 3
            worker: 1
        """)
        #expect(environment.usage?.databaseGb == 3.5)
        #expect(environment.usage?.sqlHoursPerWeek == 60)
        #expect(environment.usage?.requestShare == ["api": 3, "worker": 1])
    }

    @Test func badValuesAreReportedOneALine() async {
        let file = "environments/development.yaml"
        #expect(await issues("  databaseGb: -1\n  sqlHoursPerWeek: 170\n  requestShare:\n    apii: 1\n    worker: -2") == [
            "\(file): usage.databaseGb: must not be negative",
            "\(file): usage.sqlHoursPerWeek: must be at most 168, the hours in a week",
            "\(file): usage.requestShare.apii: 'apii' is not one of this environment's services (api, worker); did you mean 'api'?",
            "\(file): usage.requestShare.worker: must not be negative",
        ])
        #expect(await issues("  requestShare:\n    api: 0") == [
            "\(file): usage.requestShare: every share is 0; give at least one service a positive share, or remove requestShare for equal shares",
        ])
    }
}
