import Foundation
import Testing
import TestSupport

/// `gcpctl cost` as a process: offline it needs no emulator, no credentials and no project.
@Suite struct CostBinaryTests {
    let directory = try! TemporaryDirectory()

    func gcpctl() throws -> GCPCtlProcess {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.createDirectory(atPath: directory.path + "/environments", withIntermediateDirectories: true)
        // production.yaml extends staging.yaml, which extends development.yaml.
        for name in ["development", "staging", "production"] {
            try FileManager.default.copyItem(atPath: repository.path + "/environments/\(name).yaml",
                                             toPath: directory.path + "/environments/\(name).yaml")
        }
        return GCPCtlProcess(emulator: nil, directory: URL(fileURLWithPath: directory.path))
    }

    @Test func offlineSucceedsWithNothingButTheEnvironmentFiles() async throws {
        let run = try await gcpctl().run(["cost", "--env=prod", "--offline"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors == "")
        #expect(run.output.split(separator: "\n").contains { $0.hasPrefix("Total") && $0.hasSuffix("$438.85") })
    }

    @Test func conflictingFlagsAreConfigurationErrors() async throws {
        let gcpctl = try gcpctl()
        let both = try await gcpctl.run(["cost", "--live", "--offline"])
        #expect(both.status == 1)
        #expect(both.errors.contains("--live reads the catalog over the network; it cannot be used with --offline"))
        let one = try await gcpctl.run(["cost", "--compare", "dev", "--offline"])
        #expect(one.status == 1)
        #expect(one.errors.contains("--compare 'dev' names fewer than two environments"))
    }
}
