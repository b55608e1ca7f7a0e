import Foundation
import GoogleCloud

/// Property 34: after a deploy, `GET <url>/health` until it answers 200, with growing
/// pauses, for at most `timeout`. Property 36: when it never does, the error says what
/// the URL answered last (status and the body's first line).
public struct HealthCheck: Sendable {
    public var timeout: Duration
    public var path: String

    public init(timeout: Duration = .seconds(60), path: String = ServiceSpec.healthPath) {
        self.timeout = timeout
        self.path = path
    }

    public enum Outcome: Sendable, Equatable {
        case healthy(attempts: Int)
        /// A private service refused gcpctl's access token: only an identity token reaches
        /// it, so its readiness rests on Cloud Run's own conditions.
        case unverifiable(status: Int)
    }

    /// Checks `url` (a `*.run.app` URL; under `GCPCTL_API_ENDPOINT` it goes to the emulator).
    public func verify(service: String, url: String, isPublic: Bool, in context: ResourceContext,
                       progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws -> Outcome {
        let address = context.cloud.endpoints.serviceURL(url, path: path)
        let attempts = Locked(0)
        let last = Locked<(status: Int?, line: String)>((nil, "no answer"))
        do {
            return try await context.poller.wait(for: "checking \(url)\(path)", timeout: timeout, progress: progress) {
                attempts.withLock { $0 += 1 }
                var headers: HTTPHeaders = ["Accept": "*/*"]
                if !isPublic { headers.add("Authorization", "Bearer \(try await context.cloud.tokens.token())") }
                do {
                    let response = try await context.cloud.sendWithinLimit(
                        HTTPRequest(method: .get, url: address, headers: headers, timeout: .seconds(10)))
                    if response.status == 200 { return .done(.healthy(attempts: attempts.current)) }
                    if !isPublic, response.status == 401 || response.status == 403 { return .done(.unverifiable(status: response.status)) }
                    last.withLock { $0 = (response.status, Self.firstLine(response.bodyText)) }
                    return .pending(status: "HTTP \(response.status)")
                } catch let error as TransportError {
                    last.withLock { $0 = (nil, "\(error)") }
                    return .pending(status: "no answer")
                }
            }
        } catch is OperationError {
            let (status, line) = last.current
            throw HealthCheckFailedError(service: service, url: url + path, status: status, firstLine: line,
                                         attempts: attempts.current, timeout: timeout)
        }
    }

    static func firstLine(_ body: String) -> String {
        let line = body.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingBlanks() ?? ""
        return line.isEmpty ? "(empty body)" : String(line.prefix(200))
    }
}

/// Property 36.
public struct HealthCheckFailedError: Error, Sendable, Equatable, CustomStringConvertible {
    public var service: String
    public var url: String
    /// nil: no HTTP answer at all.
    public var status: Int?
    public var firstLine: String
    public var attempts: Int
    public var timeout: Duration

    public var description: String {
        let answer = status.map { "answered \($0): \(firstLine)" } ?? "did not answer (\(firstLine))"
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        return "\(service) failed its health check: GET \(url) \(answer), still after \(attempts) attempts in \(seconds < 10 ? String(format: "%.1f", seconds) : String(Int(seconds))) s"
    }
}
