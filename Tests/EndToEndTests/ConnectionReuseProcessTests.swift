import Foundation
import GCPEmulator
import Testing
import TestSupport

/// libcurl keeps connections open between requests. Measured on the binary, whose
/// connection cache holds only its own connections (the test process shares one cache
/// among every test's emulator, so an idle connection there may be evicted).
@Suite struct ConnectionReuseProcessTests {
    @Test func thePagesOfAListTravelOnOneConnection() async throws {
        try await GCPCtlProcess.withDemoProject({ $0.maxPageSize = 2 }) { emulator, gcpctl in
            let before = emulator.acceptedConnections
            let run = try await gcpctl.run(["list", "--kind", "api", "--all", "--env=dev"])
            #expect(run.status == 0, "\(run.all)")
            let pages = emulator.requests(methodID: "serviceusage.services.list").count
            #expect(pages >= 3, "the list came in pages: \(pages)")
            #expect(emulator.acceptedConnections - before == 1, "\(pages) requests")
        }
    }
}
