import Foundation
import GCPEmulator
import Testing
import TestSupport

/// gcpctl honours the proxy variables curl honours. The "proxy" is the emulator, which
/// logs the CONNECT it is asked for and refuses it, so nothing leaves loopback.
@Suite struct ProxyProcessTests {
    @Test func googleAPIsAreReachedThroughHTTPSProxy() async throws {
        try await withEmulator(ProcessWorkflowTests.configuration()) { emulator in
            let directory = try ProcessWorkflowTests.workspace()
            defer { directory.remove() }
            var gcpctl = GCPCtlProcess.demoProject(emulator, in: directory,
                                                   extra: ["HTTPS_PROXY": emulator.baseURL, "GCPCTL_RETRY_MAX_ATTEMPTS": "1",
                                                           // a loaded machine's slow refusal is still a refusal, not silence
                                                           "GCPCTL_CONNECT_TIMEOUT_MS": "120000", "GCPCTL_LOW_SPEED_TIME_S": "120"])
            gcpctl.environment["GCPCTL_API_ENDPOINT"] = nil
            let run = try await gcpctl.run(["plan", "--env=dev"])
            #expect(run.status == 2, "\(run.all)")
            let tunnels = emulator.requests().map { "\($0.method) \($0.url)" }
            #expect(!tunnels.isEmpty)
            #expect(tunnels.allSatisfy { $0.hasPrefix("CONNECT ") && $0.hasSuffix(".googleapis.com:443") }, "\(tunnels)")
            #expect(emulator.requests().filter(\.mutating).isEmpty, "a tunnel request changes nothing")
            #expect(run.errors.contains("proxy"), "the error points at the proxy: \(run.errors)")
        }
    }
}
