import Foundation
import GoogleCloud

/// `gcpctl logs SERVICE` (or `--build ID`, `--builds`): the most recent entries from Cloud
/// Logging, newest last, as lines or (`--format json`) the entries as Logging gave them.
/// `--follow` then asks again every `pollInterval` for entries from the newest one shown
/// on, printing only those not shown yet, until interrupted.
public struct LogsWorkflow: Sendable {
    public var source: LogQuery.Source
    public var limit: Int
    /// `--since`, in seconds back from now.
    public var sinceSeconds: Int?
    public var severity: String?
    public var follow: Bool
    public var pollInterval: Duration
    /// Between two polls of `--follow` (tests make traffic here instead of waiting); nil:
    /// sleep `pollInterval`.
    public var pause: (@Sendable () async throws -> Void)?
    /// Stop following after this many polls (tests); nil: until interrupted.
    public var maxPolls: Int?

    public init(source: LogQuery.Source, limit: Int = 50, sinceSeconds: Int? = 86_400, severity: String? = nil,
                follow: Bool = false, pollInterval: Duration = .seconds(2),
                pause: (@Sendable () async throws -> Void)? = nil, maxPolls: Int? = nil) {
        self.source = source
        self.limit = limit
        self.sinceSeconds = sinceSeconds
        self.severity = severity
        self.follow = follow
        self.pollInterval = pollInterval
        self.pause = pause
        self.maxPolls = maxPolls
    }

    struct Document: Encodable {
        var filter: String
        var entries: [LoggingAPI.Entry]
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        var source = source
        if case .service(let name) = source {
            source = .service(try environment.selectServices([name]).first?.name ?? name)
        }
        let query = LogQuery(source: source, region: environment.region,
                             since: sinceSeconds.map { Date().addingTimeInterval(-Double($0)) }, severity: severity)
        let logging = LoggingAPI(try await connector.resourceContext(for: context).cloud)
        let request = LoggingAPI.ListRequest(project: environment.project, filter: query.filter(), orderBy: "timestamp desc", pageSize: limit)
        let entries = Array(try await logging.entries(request, limit: limit).reversed())
        let reporter = context.reporter
        reporter.result(Document(filter: query.filter(), entries: entries)) {
            if entries.isEmpty, !follow {
                reporter.line("No log entries" + (sinceSeconds.map { " in the last \(Self.describe(seconds: $0))" } ?? "") + " for \(Self.describe(source)).")
            }
            entries.forEach { reporter.line(LogEntryLine.text($0)) }
        }
        guard follow else { return .success }

        var last = entries.last?.timestamp
        var shown = Set(entries.filter { $0.timestamp == last }.compactMap(\.insertId))
        var polls = 0
        while maxPolls.map({ polls < $0 }) ?? true {
            polls += 1
            if let pause { try await pause() } else { try await Task.sleep(for: pollInterval) }
            try Task.checkCancellation()
            let next = LoggingAPI.ListRequest(project: environment.project, filter: query.filter(after: last), orderBy: "timestamp asc",
                                              pageSize: 1000)
            let fresh = try await logging.entries(next, limit: 1000).filter { !shown.contains($0.insertId ?? "") }
            for entry in fresh { reporter.line(LogEntryLine.text(entry)) }
            if let newest = fresh.last?.timestamp {
                if newest != last { shown = [] }
                last = newest
            }
            shown.formUnion(fresh.filter { $0.timestamp == last }.compactMap(\.insertId))
        }
        return .success
    }

    static func describe(_ source: LogQuery.Source) -> String {
        switch source {
        case .service(let name): "Cloud Run service \(name)"
        case .build(let id): "build \(id)"
        case .builds: "builds"
        }
    }

    static func describe(seconds: Int) -> String {
        seconds % 86400 == 0 ? "\(seconds / 86400)d" : seconds % 3600 == 0 ? "\(seconds / 3600)h" : seconds % 60 == 0 ? "\(seconds / 60)m" : "\(seconds)s"
    }
}
