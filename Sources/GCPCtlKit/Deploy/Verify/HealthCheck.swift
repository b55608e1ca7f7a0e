import Foundation
import GoogleCloud

/// Property 34: after a deploy, `GET <url>/health` until it answers 200, with growing
/// pauses, for at most `timeout`. Property 36: when it never does, the error says what
/// the URL answered last (status and the body's first line).
///
/// Issue 15 point 7: the operator's access token is never sent to an application's URL. A
/// public service is asked without credentials; a private one with an identity token whose
/// audience is its URL (`GoogleCloudClient.identityToken`), or not at all when none can be
/// had, with the reason.
public struct HealthCheck: Sendable {
    public var timeout: Duration
    public var path: String

    public init(timeout: Duration = .seconds(60), path: String = ServiceSpec.healthPath) {
        self.timeout = timeout
        self.path = path
    }

    public enum Outcome: Sendable, Equatable {
        case healthy(attempts: Int)
        /// A private service gcpctl could not check (no identity token, or one it refused):
        /// its readiness rests on Cloud Run's own conditions. `reason` says why.
        case unverifiable(reason: String)
    }

    /// Checks `url` (a `*.run.app` URL; under `GCPCTL_API_ENDPOINT` it goes to the emulator).
    public func verify(service: String, url: String, isPublic: Bool, in context: ResourceContext,
                       progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws -> Outcome {
        let address = context.cloud.endpoints.serviceURL(url, path: path)
        var headers: HTTPHeaders = ["Accept": "*/*"]
        let account = context.environment.serviceAccount.email
        if !isPublic {
            switch await Self.identityToken(for: url, account: account, in: context) {
            case .success(let token): headers.add("Authorization", "Bearer \(token)")
            case .failure(let reason): return .unverifiable(reason: reason.description)
            }
        }
        let attempts = Locked(0)
        let last = Locked<(status: Int?, line: String)>((nil, "no answer"))
        do {
            return try await context.poller.wait(for: "checking \(url)\(path)", timeout: timeout, progress: progress) { [headers] in
                attempts.withLock { $0 += 1 }
                do {
                    let response = try await context.cloud.sendWithinLimit(
                        HTTPRequest(method: .get, url: address, headers: headers, timeout: .seconds(10)))
                    if response.status == 200 { return .done(.healthy(attempts: attempts.current)) }
                    if !isPublic, response.status == 401 || response.status == 403 {
                        return .done(.unverifiable(reason: "it answered \(response.status) to an identity token of \(account); grant it roles/run.invoker"))
                    }
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

    /// Why no identity token could be had, said as what to do.
    struct NoIdentityToken: Error, CustomStringConvertible {
        var description: String
    }

    /// An identity token for `url`, or why there is none.
    static func identityToken(for url: String, account: String, in context: ResourceContext) async -> Result<String, NoIdentityToken> {
        do {
            return .success(try await context.cloud.identityToken(audience: url, serviceAccount: account))
        } catch let error as GoogleAPIError {
            if let service = error.disabledService {
                return .failure(.init(description: "no identity token: \(service) is not enabled; add it to apis: in the environment file to check private services"))
            }
            let advice = error.httpStatus == 403 || error.httpStatus == 401
                ? "grant yourself roles/iam.serviceAccountOpenIdTokenCreator on \(account)"
                : error.isNotFound ? "run setup to create \(account)" : "run again"
            return .failure(.init(description: "no identity token for \(account) (\(error.httpStatus) \(error.status ?? "")); \(advice)"))
        } catch {
            return .failure(.init(description: "no identity token for \(account): \(error)"))
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
