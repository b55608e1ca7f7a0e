/// Shows long operations while they run. On a terminal each running operation has a live
/// line with its elapsed time, redrawn at the bottom of stderr; elsewhere (a pipe, a CI log)
/// a plain line when it starts and then one every `reportInterval` ("… still creating Cloud
/// SQL instance digitwinlive-db-dev (1m30s)"). Safe to use from many tasks at once.
///
/// Time only moves when `refresh()` is called (by `startRefreshing()` in real runs, by
/// hand in tests), so tests need no sleeps.
public final class ProgressDisplay: Sendable {
    public struct Handle: Hashable, Sendable {
        let id: Int
    }

    public enum Outcome: Sendable {
        /// Done; the message (if any) is printed as a success line with the elapsed time.
        case succeeded(String?)
        /// Failed; the message is printed as an error line with the elapsed time.
        case failed(String)
        /// Stopped without a result (interrupted): the line just goes.
        case abandoned
    }

    struct Operation {
        var activity: String
        let started: ContinuousClock.Instant
        var lastReported: ContinuousClock.Instant
    }

    struct State {
        var nextID = 0
        var running: [(handle: Handle, operation: Operation)] = []
    }

    let reporter: Reporter
    let now: @Sendable () -> ContinuousClock.Instant
    let reportInterval: Duration
    private let state = Locked(State())

    public init(
        reporter: Reporter,
        reportInterval: Duration = .seconds(30),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.reporter = reporter
        self.reportInterval = reportInterval
        self.now = now
    }

    /// Live lines on a terminal that can move its cursor; plain lines (a pipe, a CI log,
    /// TERM=dumb) only where narration shows.
    var isLive: Bool { reporter.channel.drawsLiveLines && reporter.settings.verbosity > .quiet }
    var printsPlainLines: Bool { !reporter.channel.drawsLiveLines && reporter.showsNarration }

    /// Begins showing `activity` ("creating Cloud SQL instance digitwinlive-db-dev").
    public func start(_ activity: String) -> Handle {
        let time = now()
        let handle = state.withLock { state in
            defer { state.nextID += 1 }
            let handle = Handle(id: state.nextID)
            state.running.append((handle, Operation(activity: activity, started: time, lastReported: time)))
            return handle
        }
        if printsPlainLines { reporter.detail("… \(activity)") }
        redraw()
        return handle
    }

    /// Changes what a running operation says it is doing.
    public func update(_ handle: Handle, activity: String) {
        state.withLock { state in
            if let index = state.running.firstIndex(where: { $0.handle == handle }) {
                state.running[index].operation.activity = activity
            }
        }
        redraw()
    }

    public func finish(_ handle: Handle, _ outcome: Outcome) {
        let operation = state.withLock { state -> Operation? in
            guard let index = state.running.firstIndex(where: { $0.handle == handle }) else { return nil }
            return state.running.remove(at: index).operation
        }
        redraw()
        guard let operation else { return }
        let elapsed = Self.format(now() - operation.started)
        switch outcome {
        case .succeeded(let message?): reporter.success("\(message) (\(elapsed))")
        case .failed(let message): reporter.error("\(message) (\(elapsed))")
        case .succeeded(nil), .abandoned: break
        }
    }

    /// Runs `work` while showing `activity`; prints `success` when it returns, the error
    /// when it throws (and rethrows it).
    public func track<Result: Sendable>(
        _ activity: String, success: String? = nil, _ work: () async throws -> Result
    ) async rethrows -> Result {
        let handle = start(activity)
        do {
            let result = try await work()
            finish(handle, .succeeded(success))
            return result
        } catch {
            finish(handle, error is CancellationError ? .abandoned : .failed(Self.failure(of: activity, error)))
            throw error
        }
    }

    /// "ACTIVITY failed: ERROR", said once: an operation's error already names what failed.
    public static func failure(of activity: String, _ error: any Error) -> String {
        let description = "\(error)"
        return description.hasPrefix(activity) ? description : "\(activity) failed: \(description)"
    }

    /// One tick: redraws the live lines, or prints the plain lines that are due.
    public func refresh() {
        if isLive { redraw(); return }
        guard printsPlainLines else { return }
        let time = now()
        let due = state.withLock { state -> [String] in
            var due: [String] = []
            for index in state.running.indices where time - state.running[index].operation.lastReported >= reportInterval {
                let operation = state.running[index].operation
                due.append("… still \(operation.activity) (\(Self.format(time - operation.started)))")
                state.running[index].operation.lastReported = time
            }
            return due
        }
        due.forEach(reporter.detail)
    }

    /// Calls `refresh()` every `interval` until the task is cancelled.
    public func startRefreshing(every interval: Duration = .seconds(1)) -> Task<Void, Never> {
        Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                self?.refresh()
            }
        }
    }

    /// The live lines as they are now.
    func liveLines() -> [String] {
        drawnLines().map { $0.text + $0.tail }
    }

    /// The lines as the channel draws them: the elapsed time is the tail that stays when a
    /// line is cut to the terminal's width.
    private func drawnLines() -> [LiveLine] {
        let time = now()
        return state.withLock { state in
            state.running.map { LiveLine("⏳ \($0.operation.activity)", tail: " (\(Self.format(time - $0.operation.started)))") }
        }
    }

    private func redraw() {
        guard isLive else { return }
        reporter.channel.setLiveLines(drawnLines().map { LiveLine(reporter.redactor.redact($0.text), tail: $0.tail) })
    }

    /// `45s`, `1m30s`, `1h02m`.
    static func format(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        switch seconds {
        case ..<60: return "\(max(seconds, 0))s"
        case ..<3600: return "\(seconds / 60)m\(String(format2: seconds % 60))s"
        default: return "\(seconds / 3600)h\(String(format2: seconds % 3600 / 60))m"
        }
    }
}

extension String {
    /// Two digits: 05.
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }
}
