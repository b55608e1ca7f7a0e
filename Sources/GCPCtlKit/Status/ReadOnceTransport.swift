import Foundation
import GoogleCloud

/// Sends each distinct read once per status pass. Resources observe what they need on
/// their own (a secret's versions for the secret and again for the database password
/// made from it), so without this one pass would read some things twice. Concurrent
/// identical reads share one request; answers that a retry could change (429, 5xx, a
/// transport error) are not kept, so the client's retries still reach Google.
final class ReadOnceTransport: HTTPTransport {
    let base: any HTTPTransport
    private let answers = Locked<[Key: Task<HTTPResponse, any Error>]>([:])
    private let counts = Locked(Counts())

    struct Key: Hashable {
        var method: HTTPMethod
        var url: String
        var body: Data?
    }

    /// What went over the wire, and what was answered from an earlier identical read.
    struct Counts: Sendable, Equatable {
        var sent = 0
        var shared = 0
    }

    init(_ base: any HTTPTransport) {
        self.base = base
    }

    var requestCounts: Counts { counts.current }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard ReadOnceTransport.isRead(request) else {
            counts.withLock { $0.sent += 1 }
            return try await base.send(request)
        }
        let key = Key(method: request.method, url: request.url, body: request.body)
        let (task, isNew) = answers.withLock { answers -> (Task<HTTPResponse, any Error>, Bool) in
            if let existing = answers[key] { return (existing, false) }
            let task = Task { [base] in try await base.send(request) }
            answers[key] = task
            return (task, true)
        }
        counts.withLock { isNew ? ($0.sent += 1) : ($0.shared += 1) }
        do {
            // A caller's cancellation ends its own wait, never the read: another caller may
            // share it (a row settled without its read must not take a sibling's answer away).
            let response = try await task.sharedValue()
            if !ReadOnceTransport.isFinal(response) { forget(key, task) }
            return response
        } catch is CancellationError where Task.isCancelled {
            throw CancellationError()  // this caller stopped waiting; the read goes on for the others
        } catch {
            forget(key, task)
            throw error
        }
    }

    private func forget(_ key: Key, _ task: Task<HTTPResponse, any Error>) {
        answers.withLock { answers in
            if answers[key] == task { answers[key] = nil }
        }
    }

    /// GETs, and the POSTs Google defines as reads (an IAM policy).
    static func isRead(_ request: HTTPRequest) -> Bool {
        switch request.method {
        case .get, .head: true
        case .post: request.url.split(separator: "?").first?.hasSuffix(":getIamPolicy") ?? false
        default: false
        }
    }

    /// An answer another identical read may share: success, or a definite 4xx.
    static func isFinal(_ response: HTTPResponse) -> Bool {
        response.status < 500 && response.status != 429 && response.status != 401
    }
}

extension ResourceContext {
    /// This context with each distinct read sent once while it lives (status's pass,
    /// cleanup's discovery); writes go through as they are.
    func readingOnce() -> ResourceContext {
        ResourceContext(cloud: cloud.sending(through: ReadOnceTransport(cloud.transport)), poller: poller, project: project,
                        environment: environment, events: events, serial: serial, projectNumbers: projectNumbers, current: current)
    }
}
