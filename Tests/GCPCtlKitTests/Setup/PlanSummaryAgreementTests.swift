import Foundation
@testable import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// What the plan announces is what the summary reports: a resource planned as created is
/// reported created, one planned as updated is reported updated.
@Suite struct PlanSummaryAgreementTests {
    /// `+ create X` / `~ update X` lines of a printed plan, as "created" / "updated" by name.
    static func planned(_ output: String) -> [String: String] {
        var actions: [String: String] = [:]
        for line in output.split(separator: "\n").map(String.init) {
            for (prefix, label) in [("  + create ", "created"), ("  ~ update ", "updated")] where line.hasPrefix(prefix) {
                let rest = line.dropFirst(prefix.count)
                let name = rest.range(of: " (").map { String(rest[..<$0.lowerBound]) } ?? String(rest)
                actions[name] = label
            }
        }
        return actions
    }

    /// `  + created X` / `  ~ updated X` lines of a summary, by name.
    static func reported(_ output: String) -> [String: String] {
        var outcomes: [String: String] = [:]
        for line in output.split(separator: "\n").map(String.init) {
            for (prefix, label) in [("  + created ", "created"), ("  ~ updated ", "updated")] where line.hasPrefix(prefix) {
                outcomes[String(line.dropFirst(prefix.count))] = label
            }
        }
        return outcomes
    }

    /// The postgres user comes with the instance; until gcpctl has set its password from
    /// the secret, gcpctl's part of it is missing: planned "create", reported "created",
    /// whether or not Secret Manager was enabled when the plan was made.
    @Test(arguments: [false, true])
    func everyResourceIsReportedAsThePlanAnnouncedIt(secretManagerEnabledFirst: Bool) async throws {
        try await withEmulatedProject { project in
            if secretManagerEnabledFirst {
                project.emulator.setServices(["secretmanager.googleapis.com"], enabled: true, project: EmulatedProject.project)
            }
            let run = await project.setup()
            #expect(run.status == .success, "\(run.diagnostics)")
            let planned = Self.planned(run.output), reported = Self.reported(run.output)
            // 16, and the build account's: the staging and logs buckets, the account, its
            // project roles and its roles on the buckets and the repository.
            #expect(planned.count == 21, "\(planned)")
            #expect(reported == planned)
            #expect(planned["Cloud SQL user digitwinlive-db-dev/postgres"] == "created")
            #expect(!(run.output + run.diagnostics).contains("updated Cloud SQL user"))
        }
    }

    /// A new version of the password secret is what changes the user: planned and
    /// reported as an update of its password.
    @Test func aNewPasswordVersionIsPlannedAndReportedAsAnUpdate() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let context = try await project.resourceContext()
            _ = try await context.secretManager.addVersion(project: context.project, id: "database-password", value: Data("rotated-password".utf8))
            let run = await project.setup()
            #expect(run.status == .success, "\(run.diagnostics)")
            // The Data API's regional copy of the password follows the new version too.
            let updated = ["Cloud SQL user digitwinlive-db-dev/postgres": "updated", "Data API password of digitwinlive-db-dev/postgres": "updated"]
            #expect(Self.planned(run.output) == updated)
            #expect(Self.reported(run.output) == updated)
            let user = project.emulator.mutateState { $0.resource(EmulatedProject.project, "sqladmin.users", "digitwinlive-db-dev/postgres@") }
            #expect(user?["@password"]?.stringValue == "rotated-password")
        }
    }
}
