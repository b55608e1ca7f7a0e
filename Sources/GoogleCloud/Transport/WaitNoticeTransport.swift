import Foundation
import Synchronization

/// Keeps a command from falling silent while a server is slow to answer. Every request
/// passes through `base`; while one has waited `after` without its answer, `notice` is told
/// which host gcpctl waits for and for how long, and again every `after` while the wait
/// lasts: one line per host each time, however many requests wait on it.
public struct WaitNoticeTransport: HTTPTransport {
    public let base: any HTTPTransport
    public let after: Duration
    /// How long silence lasts before the transport gives up (its low-speed window), for the line.
    public let giveUpAfter: Duration?
    let notice: @Sendable (String) -> Void
    private let lastNotices = HostNotices()

    public init(base: any HTTPTransport, after: Duration = .seconds(10), giveUpAfter: Duration? = nil,
                notice: @escaping @Sendable (String) -> Void) {
        self.base = base
        self.after = after
        self.giveUpAfter = giveUpAfter
        self.notice = notice
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let host = URLParts(request.url)?.authority ?? request.url
        let started = ContinuousClock.now
        let watcher = Task { [after, giveUpAfter, notice, lastNotices] in
            var waited = after
            while (try? await Task.sleep(until: started + waited, clock: .continuous)) != nil {
                if lastNotices.due(host, every: after) {
                    let limit = giveUpAfter.map { "; gcpctl stops waiting after about \(Self.seconds($0)) of silence" } ?? ""
                    notice("still waiting for \(host) to answer (\(Self.seconds(waited)) so far\(limit))")
                }
                waited += after
            }
        }
        defer { watcher.cancel() }
        return try await base.send(request)
    }

    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.milliseconds
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : String(format: "%.1fs", Double(milliseconds) / 1000)
    }
}

/// When each host was last said to be slow, so that many waiting requests make one line.
private final class HostNotices: Sendable {
    private let last = Mutex<[String: ContinuousClock.Instant]>([:])

    /// True, and remembered, unless `host` was noticed less than most of `interval` ago.
    func due(_ host: String, every interval: Duration) -> Bool {
        let now = ContinuousClock.now
        return last.withLock { last in
            if let previous = last[host], now - previous < interval * 0.8 { return false }
            last[host] = now
            return true
        }
    }
}
