import Foundation
import GCPEmulator
import Testing
import TestSupport

/// `setup --dry-run` and `plan --detailed-exitcode` through the binary, as a CI job uses
/// them: nothing changes, and the exit code says whether changes are pending.
@Suite struct PlanExitCodeProcessTests {
    @Test func dryRunChangesNothingAndDetailedExitcodeSaysWhetherChangesArePending() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            let mutating = { emulator.requests().filter(\.mutating).map { "\($0.method) \($0.url)" } }

            let dryRun = try await gcpctl.run(["setup", "--env=dev", "--dry-run"])
            #expect(dryRun.status == 0, "without --detailed-exitcode: 0 either way, \(dryRun.all)")
            #expect(dryRun.output.contains("+ create bucket clone-uploads-dev"))
            #expect(mutating() == [])
            #expect(emulator.state(project: "demo-project")?["resources"]?["storage.buckets"]?.objectValue?.isEmpty ?? true)

            for arguments in [["plan", "--env=dev", "--detailed-exitcode"], ["setup", "--env=dev", "--dry-run", "--detailed-exitcode"]] {
                let pending = try await gcpctl.run(arguments)
                #expect(pending.status == 2, "\(arguments.joined(separator: " ")): \(pending.all)")
                #expect(pending.output.contains("to create"))
            }
            #expect(mutating() == [])

            let setup = try await gcpctl.run(["setup", "--env=dev", "--yes"])
            #expect(setup.status == 0, "\(setup.all)")
            emulator.clearRequests()
            for arguments in [["plan", "--env=dev", "--detailed-exitcode"], ["setup", "--env=dev", "--dry-run", "--detailed-exitcode"]] {
                let none = try await gcpctl.run(arguments)
                #expect(none.status == 0, "\(arguments.joined(separator: " ")): \(none.all)")
                #expect(none.output.contains("No changes"))
            }
            #expect(mutating() == [])
        }
    }
}
