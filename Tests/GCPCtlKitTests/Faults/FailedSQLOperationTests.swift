import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// A Cloud SQL instance whose create operation fails: the operation's own error message
/// reaches the user, and setup's one retry of a failed operation decides the outcome.
@Suite struct FailedSQLOperationTests {
    static let message = "Instance creation failed: the zone is out of resources (injected)."

    /// Failed once: shown, tried again, and the instance, its database and its user's
    /// password are all in place at the end of the same run.
    @Test func aCreateOperationThatFailsOnceIsShownAndRetried() async throws {
        try await withEmulatedProject { project in
            project.emulator.inject(FaultRule(methodID: "sqladmin.instances.insert", action: .failOperation(message: Self.message)))
            let run = await project.setup()
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("creating Cloud SQL instance digitwinlive-db-dev failed: INTERNAL_ERROR: \(Self.message); trying again"),
                    "\(run.diagnostics)")
            #expect(project.emulator.requests(methodID: "sqladmin.instances.insert").count == 2)
            #expect(project.resource("sqladmin.instances", "digitwinlive-db-dev")?["state"]?.stringValue == "RUNNABLE")
            #expect(project.resource("sqladmin.databases", "digitwinlive-db-dev/digitwinlive-db") != nil)
            #expect(await project.plan().output.contains("No changes"))
        }
    }

    /// Failed twice: the summary names the failure with Google's message, what needs the
    /// instance is skipped (and counted among the failures), everything else is made, and
    /// the exit code is 2.
    @Test func aCreateOperationThatFailsTwiceIsAFailureWithItsMessage() async throws {
        try await withEmulatedProject { project in
            project.emulator.inject(FaultRule(methodID: "sqladmin.instances.insert", action: .failOperation(message: Self.message), times: 2))
            let run = await project.setup()
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains(Self.message), "\(run.diagnostics)")
            let failureLine = run.diagnostics.split(separator: "\n").first { $0.contains("❌ Cloud SQL instance digitwinlive-db-dev: ") }
            #expect(failureLine?.contains(Self.message) == true, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("5 of 21 resources failed; the others were applied"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("Cloud SQL database digitwinlive-db-dev/digitwinlive-db skipped"))
            #expect(project.emulator.requests(methodID: "sqladmin.instances.insert").count == 2)
            #expect(project.resource("storage.buckets", "clone-uploads-dev") != nil)
        }
    }
}
