import Foundation
import GCPEmulator
import Testing
@testable import GCPCtlKit

/// `gcpctl deploy` against the emulator, through the real client over libcurl.
@Suite struct DeployTests {
    @Test func deployingAllThreeFromACleanProjectBuildsDeploysAndWritesTheURLs() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let run = await project.deploy()
            #expect(run.status == .success, "\(run.diagnostics)\n\(run.output)")
            print(run.diagnostics)
            print(run.output)
        }
    }
}
