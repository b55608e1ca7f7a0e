import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Issue 15.16 through the binary: a .env file that is a directory, and usage figures an
/// estimate cannot hold.
@Suite struct ConfigurationEdgeProcessTests {
    /// Plan has nothing to write and goes on; deploy would write the services' URLs there,
    /// so it stops with exit 1 before sending any request.
    @Test func aDotEnvFileThatIsADirectoryStopsDeployBeforeAnythingIsSent() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            try FileManager.default.createDirectory(atPath: gcpctl.directory.path + "/.env.development", withIntermediateDirectories: true)
            let plan = try await gcpctl.run(["plan", "--env=dev"])
            #expect(plan.status == 0, "\(plan.all)")
            emulator.clearRequests()
            let deploy = try await gcpctl.run(["deploy", "--env=dev"])
            #expect(deploy.status == 1, "\(deploy.all)")
            #expect(deploy.errors.contains("❌ .env.development is a directory, not a .env file: deploy writes the services' URLs to it"))
            #expect(emulator.requests().isEmpty, "\(emulator.requests().map(\.url))")
        }
    }

    /// `cost` printed -$NaN for a usage block with figures beyond Decimal's range.
    @Test func hugeUsageFiguresAreRefusedInsteadOfPricedAsNaN() async throws {
        try await GCPCtlProcess.withDemoProject { _, gcpctl in
            let path = gcpctl.directory.path + "/environments/development.yaml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "requestsPerMonth: 100000", with: "requestsPerMonth: 9223372036854775807")
                .replacingOccurrences(of: "storageGb: 5", with: "storageGb: 1e300")
                .write(toFile: path, atomically: true, encoding: .utf8)
            let cost = try await gcpctl.run(["cost", "--env=dev", "--offline"])
            #expect(cost.status == 1, "\(cost.all)")
            #expect(!cost.all.contains("NaN"))
            #expect(cost.errors.contains("usage.requestsPerMonth: 9223372036854775807 is more than gcpctl can estimate; use at most 1000000000000"))
            #expect(cost.errors.contains("usage.storageGb: 1e+300 is more than gcpctl can estimate"))
        }
    }
}
