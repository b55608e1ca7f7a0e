import Foundation
import GCPEmulator
import Testing
@testable import GCPCtlKit

/// `gcpctl status` against the emulator: what it reports and the exit status it gives.
@Suite struct StatusTests {
    @Test("Property 30: on a fresh project every resource is missing, each with the command that creates it")
    func property30MissingResourceIndication() async throws {
        try await withEmulatedProject { project in
            let (run, document) = try await project.statusDocument()
            #expect(run.status == .unhealthy, "\(run.diagnostics)")
            #expect(document.exitCode == 3)
            #expect(!document.healthy)
            let setupRows = document.allRows.filter { !["api", "alert-policies", "cloud-run-service"].contains($0.kind) }
            #expect(setupRows.count >= 13)
            for row in setupRows {
                #expect(row.state == "missing", "\(row.kind) \(row.name): \(row.state)")
                #expect(row.fix == "gcpctl setup --env=dev", "\(row.kind) \(row.name)")
                #expect(row.reason != nil)
            }
            let disabled = document.apis.filter { $0.state == "missing" }
            #expect(!disabled.isEmpty)
            for api in disabled { #expect(api.fix == "gcpctl enable \(api.name) --env=dev") }

            let text = await project.status()
            #expect(text.status == .unhealthy)
            #expect(text.output.contains("clone-uploads-dev: does not exist → gcpctl setup --env=dev")
                    || text.output.contains("clone-uploads-dev: cannot exist while"), "\(text.output)")
            #expect(text.output.contains("To fix: "))
        }
    }

    @Test func afterSetupEverySetupResourceIsPresent() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let (run, document) = try await project.statusDocument()
            #expect(run.diagnostics.isEmpty || !run.diagnostics.contains("error"), "\(run.diagnostics)")
            for row in document.allRows where row.kind != "cloud-run-service" && row.kind != "alert-policies" {
                #expect(row.state == "ok", "\(row.kind) \(row.name): \(row.state) \(row.reason ?? "")")
            }
            let uploads = try #require(document.row("bucket", "clone-uploads-dev"))
            #expect(uploads.details["location"]?.stringValue == "US-CENTRAL1")
            #expect(uploads.details["objectCount"] == .number(0))
            let secret = try #require(document.row("secret", "jwt-secret"))
            #expect(secret.details["versionCount"] == .number(1))
            let sql = try #require(document.row("sql-instance", "digitwinlive-db-dev"))
            #expect(sql.details["connectionName"]?.stringValue == "demo-project:us-central1:digitwinlive-db-dev")
            #expect(sql.details["tier"]?.stringValue == "db-f1-micro")
            #expect(sql.details["activationPolicy"]?.stringValue == "ALWAYS")
        }
    }
}
