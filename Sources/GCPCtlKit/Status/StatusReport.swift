import Foundation
import GoogleCloud

/// Everything one status pass found, in section order, and what it means for the exit status.
public struct StatusReport: Sendable {
    public var environment: String
    public var shortName: String
    public var project: String
    public var region: String
    /// The environment's Cloud Run services, so "deploy them all" reads as one command.
    public var services: [String]
    public var rows: [StatusRow]
    public var checkedAt: Date
    public var elapsed: Duration
    /// HTTP requests sent, and reads answered from an identical one of the same pass.
    public var requestsSent: Int
    public var requestsShared: Int

    public init(environment: Environment, rows: [StatusRow], checkedAt: Date, elapsed: Duration,
                requestsSent: Int = 0, requestsShared: Int = 0) {
        self.environment = environment.name
        shortName = environment.shortName
        project = environment.project
        region = environment.region
        services = environment.services.map(\.name)
        self.rows = rows
        self.checkedAt = checkedAt
        self.elapsed = elapsed
        self.requestsSent = requestsSent
        self.requestsShared = requestsShared
    }

    /// 0 when everything exists and is healthy; 3 when something is missing, drifted, not
    /// deployed or unhealthy; 2 when something could not be observed (the report is
    /// incomplete, which outweighs what it did find).
    public var exitStatus: ExitStatus {
        if rows.contains(where: { $0.state == .failed }) { return .operationFailed }
        if rows.contains(where: { $0.state.isProblem }) { return .unhealthy }
        return .success
    }

    public var isHealthy: Bool { exitStatus == .success }

    /// The time the pass took, in whole milliseconds, as an exact decimal (0.214, never
    /// 0.21400000000000002).
    public var elapsedSeconds: Decimal {
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        return Decimal(milliseconds) / 1000
    }

    public func rows(in section: StatusSection) -> [StatusRow] { rows.filter { $0.section == section } }

    public func row(_ kind: String, _ name: String) -> StatusRow? { rows.first { $0.kind == kind && $0.name == name } }

    public var counts: [StatusState: Int] {
        rows.reduce(into: [:]) { $0[$1.state, default: 0] += 1 }
    }

    /// The commands that would fix what is wrong, one per kind of fix, in the order to run them.
    public var fixes: [String] {
        // Information (a resource no longer declared) suggests a command, but is nothing to fix.
        StatusFix.merged(rows.filter { $0.state.isProblem || $0.state == .failed }.compactMap(\.fix), services: services).map(\.description)
    }

    /// `22 checked: 18 ok, 1 drift, 3 not deployed`.
    public var countsLine: String {
        let counts = self.counts
        let parts = StatusState.allCases.compactMap { state in counts[state].map { "\($0) \(state.label)" } }
        return "\(rows.count) checked: " + parts.joined(separator: ", ")
    }
}

extension Duration {
    /// Seconds with their fraction, for reports.
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
