import Foundation
import GCPEmulator

extension Emulator {
    /// The logged requests of one discovery method, in order.
    public func requests(methodID: String) -> [RequestLogEntry] {
        requests().filter { $0.methodID == methodID }
    }

    /// Waits until a request matching `condition` has been received, checking the log
    /// every few milliseconds: a condition with a bound, not a sleep standing in for it.
    public func waitForRequest(timeout: Duration = .seconds(20),
                               where condition: @Sendable (RequestLogEntry) -> Bool) async throws {
        try await waitForLog(timeout: timeout) { $0.contains(where: condition) }
    }

    /// Waits until the whole request log satisfies `condition`, checked the same way.
    public func waitForLog(timeout: Duration = .seconds(20),
                           where condition: @Sendable ([RequestLogEntry]) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition(requests()) {
            guard ContinuousClock.now < deadline else { throw RequestNotReceived() }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

extension Emulator {
    /// Runs `action` once the emulator has received a request matching `condition`: the
    /// moment a test interrupts a command, or lets an operation finish. If the request has
    /// not come within `timeout`, `action` runs anyway, so that what waits on it ends and
    /// the test fails on its expectations instead of hanging on a slow machine. The task
    /// answers whether the request came.
    @discardableResult
    public func whenReceived(timeout: Duration = .seconds(120), _ condition: @escaping @Sendable (RequestLogEntry) -> Bool,
                             do action: @escaping @Sendable () -> Void) -> Task<Bool, Never> {
        whenLog(timeout: timeout, { $0.contains(where: condition) }, do: action)
    }

    /// The same, once the whole request log satisfies `condition`.
    @discardableResult
    public func whenLog(timeout: Duration = .seconds(120), _ condition: @escaping @Sendable ([RequestLogEntry]) -> Bool,
                        do action: @escaping @Sendable () -> Void) -> Task<Bool, Never> {
        Task {
            let received = (try? await waitForLog(timeout: timeout, where: condition)) != nil
            action()
            return received
        }
    }
}

/// The point in the request log at which a signal was sent, to tell what came after it:
/// an interrupted command starts no new work, so no change may reach the emulator after it.
public final class LogMark: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int?

    public init() {}

    /// Whether `condition` holds of the log now; if so, marks the log's current end.
    public func markWhen(_ emulator: Emulator, _ condition: ([RequestLogEntry]) -> Bool) -> Bool {
        let requests = emulator.requests()
        guard condition(requests) else { return false }
        lock.withLock { count = count ?? requests.count }
        return true
    }

    /// Marks the log's current end (the first mark stays).
    public func mark(_ emulator: Emulator) {
        _ = markWhen(emulator) { _ in true }
    }

    /// Changes the emulator received after the mark, as `METHOD URL`.
    public func mutatingAfter(_ emulator: Emulator) -> [String] {
        let start = lock.withLock { count } ?? 0
        return emulator.requests().dropFirst(start).filter(\.mutating).map { "\($0.method) \($0.url)" }
    }
}

/// `gcpctl setup --env=dev` with a Cloud SQL instance that takes long: true once the
/// instance's operation is being polled and every other change setup makes before the
/// instance is ready (APIs, four buckets, three secrets and their versions, the
/// repository, the service account and its roles) has been sent, so that an interrupt
/// now finds nothing else on its way and what follows it in the log is new work.
public func setupWaitsOnlyOnCloudSQL(_ log: [RequestLogEntry]) -> Bool {
    // Distinct resources: a slow machine may make the client send a request again.
    func count(_ methodID: String, by key: (RequestLogEntry) -> String? = { _ in "" }) -> Int {
        Set(log.filter { $0.methodID == methodID }.compactMap(key)).count
    }
    return count("sqladmin.operations.get") == 1 && count("serviceusage.services.batchEnable") == 1
        && count("storage.buckets.insert", by: { $0.body?["name"]?.stringValue }) == 6
        && count("secretmanager.projects.secrets.addVersion", by: \.url) == 3
        && count("artifactregistry.projects.locations.repositories.create") == 1
        // The runtime and the build account, each with its project roles; the build account's
        // roles on the staging and logs buckets and on the repository.
        && count("iam.projects.serviceAccounts.create", by: { $0.body?["accountId"]?.stringValue }) == 2
        // Both accounts' project roles are in a policy written (the two writes may meet and
        // one be sent again with the other's roles, so the writes are not counted).
        && log.contains { entry in
            entry.methodID == "cloudresourcemanager.projects.setIamPolicy"
                && entry.body.map { "\($0)" }.map { $0.contains("digitwinlive-sa@") && $0.contains("digitwinlive-build@") } == true
        }
        && count("storage.buckets.setIamPolicy", by: \.url) == 2
        && count("artifactregistry.projects.locations.repositories.setIamPolicy") == 1
}

public struct RequestNotReceived: Error, CustomStringConvertible {
    public var description: String { "the emulator did not receive the awaited request in time" }
}
