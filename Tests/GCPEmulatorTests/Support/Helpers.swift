import GCPEmulator
import TestSupport

/// Runs `body` with an emulator and a raw client pointed at it.
func withClient<Result: Sendable>(
    _ configuration: EmulatorConfiguration = EmulatorConfiguration(),
    _ body: (Emulator, RawHTTPClient) async throws -> Result
) async throws -> Result {
    try await withEmulator(configuration) { emulator in
        try await body(emulator, RawHTTPClient(port: emulator.port))
    }
}

/// A configuration with API gating off, for tests about something else.
func ungated(_ change: (inout EmulatorConfiguration) -> Void = { _ in }) -> EmulatorConfiguration {
    var configuration = EmulatorConfiguration()
    configuration.apiGating = false
    // Time moves when a test advances it: a request sent "early" is early however long the
    // machine stalls between two requests.
    configuration.frozenClock = true
    change(&configuration)
    return configuration
}
