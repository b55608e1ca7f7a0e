import Foundation
import GCPEmulator
import TestSupport
@testable import GoogleCloud

/// A retry policy that keeps its rules but does not make tests wait.
let instantRetries = RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(5), jitter: { $0 })

/// Polls every few milliseconds.
let quickPoller = OperationPoller(initialInterval: .milliseconds(5), maxInterval: .milliseconds(20))

/// The environment that points gcpctl's client at `emulator` and nowhere else: every API,
/// the token endpoint and the metadata server.
func emulatorEnvironment(_ emulator: Emulator, _ extra: [String: String] = [:]) -> [String: String] {
    var environment = [
        "GCPCTL_API_ENDPOINT": emulator.baseURL,
        "GCE_METADATA_HOST": "127.0.0.1:\(emulator.port)",
        "GCE_METADATA_IP": "127.0.0.1:9",
        // The emulator shares two cores with the rest of the suite: a generous metadata probe.
        "GCE_METADATA_TIMEOUT": "30",
        "HOME": "/nonexistent-home",
    ]
    environment.merge(extra) { $1 }
    return environment
}

/// A connected client, through the real credential chain and the real libcurl transport.
func connect(_ emulator: Emulator, _ extra: [String: String] = ["GCPCTL_ACCESS_TOKEN": "test-token"],
             retry: RetryPolicy = instantRetries, sleep: (@Sendable (Duration) async throws -> Void)? = nil,
             tracer: HTTPTracer? = nil) async throws -> GoogleCloudConnection {
    let environment = emulatorEnvironment(emulator, extra)
    var options = GoogleCloudConnection.Options(retryPolicy: retry, poller: quickPoller, tracer: tracer)
    options.transport.timeout = .seconds(30)  // generous: a loaded CI machine is slow, not broken
    let connection = try await GoogleCloudConnection.connect(environment: environment, options: options)
    guard let sleep else { return connection }
    let client = GoogleCloudClient(transport: connection.client.transport, endpoints: connection.client.endpoints,
                                   tokens: connection.client.tokens, retryPolicy: retry, tracer: tracer, sleep: sleep)
    return GoogleCloudConnection(client: client, credentials: connection.credentials, poller: quickPoller)
}

/// Records the waits a client asks for instead of waiting.
final class RecordedSleeps: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var waits: [Duration] = []

    var all: [Duration] { lock.withLock { waits } }

    var sleep: @Sendable (Duration) async throws -> Void {
        { [self] duration in lock.withLock { waits.append(duration) } }
    }
}


/// Runs `body` with the path of a service account key file the emulator trusts.
func withServiceAccountKey<Result: Sendable>(
    on emulator: Emulator, email: String = "gcpctl-test@test-project.iam.gserviceaccount.com",
    _ body: (_ path: String, _ account: TestServiceAccount) async throws -> Result
) async throws -> Result {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let account = try TestServiceAccount.make(on: emulator, email: email)
    return try await body(try account.writeKeyFile(in: directory, emulator: emulator), account)
}
