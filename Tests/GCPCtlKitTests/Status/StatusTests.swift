import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// `gcpctl status` against the emulator: what it reports and the exit status it gives.
@Suite struct StatusTests {
    @Test("Property 30: on a fresh project every resource is missing, each with the command that creates it")
    func property30MissingResourceIndication() async throws {
        try await withEmulatedProject { project in
            let (run, document) = try await project.withoutMonitoring().statusDocument()
            #expect(run.status == .unhealthy, "\(run.diagnostics)")
            #expect(document.exitCode == 3)
            #expect(!document.healthy)
            let setupRows = document.allRows.filter { !["api", "alert-policies", "cloud-run-service"].contains($0.kind) }
            #expect(setupRows.count == 13)
            for row in setupRows {
                #expect(row.state == "missing", "\(row.kind) \(row.name): \(row.state)")
                #expect(row.fix == "gcpctl setup --env=dev", "\(row.kind) \(row.name)")
                #expect(row.reason != nil)
            }
            let disabled = document.apis.filter { $0.state == "missing" }
            #expect(disabled.map(\.name).contains("sqladmin.googleapis.com"))
            for api in disabled { #expect(api.fix == "gcpctl enable \(api.name) --env=dev") }
            #expect(document.apis.first { $0.name == "storage.googleapis.com" }?.state == "ok", "enabled by default")

            let text = await project.status()
            #expect(text.status == .unhealthy)
            #expect(text.output.contains("clone-uploads-dev: does not exist → gcpctl setup --env=dev"), "\(text.output)")
            #expect(text.output.contains("digitwinlive-db-dev: cannot exist while sqladmin.googleapis.com is not enabled → gcpctl setup --env=dev"))
            #expect(text.output.contains("sqladmin.googleapis.com: not enabled → gcpctl enable sqladmin.googleapis.com --env=dev"))
            #expect(text.output.contains("❌ development is not healthy"))
            #expect(text.output.contains("To fix: "))
        }
    }

    @Test func afterSetupEverySetupResourceIsPresentWithItsDetails() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let (_, document) = try await project.withoutMonitoring().statusDocument()
            for row in document.allRows where row.kind != "cloud-run-service" && row.kind != "alert-policies" {
                #expect(row.state == "ok", "\(row.kind) \(row.name): \(row.state) \(row.reason ?? "")")
                #expect(row.fix == nil)
            }
            let uploads = try #require(document.row("bucket", "clone-uploads-dev"))
            #expect(uploads.details["location"]?.stringValue == "US-CENTRAL1")
            #expect(uploads.details["objectCount"] == .number(0))
            #expect(uploads.details["lifecycle"] == .array([.string("Delete if age ≥ 7 days, prefix tmp/"), .string("Delete if age ≥ 30 days")]))
            #expect(document.row("secret", "jwt-secret")?.details["versionCount"] == .number(1))
            #expect(document.row("artifact-registry", "digitwinlive")?.details["imageCount"] == .number(0))
            let sql = try #require(document.row("sql-instance", "digitwinlive-db-dev"))
            #expect(sql.details["connectionName"]?.stringValue == "demo-project:us-central1:digitwinlive-db-dev")
            #expect(sql.details["tier"]?.stringValue == "db-f1-micro")
            #expect(sql.details["databaseVersion"]?.stringValue == "POSTGRES_15")
            #expect(sql.details["activationPolicy"]?.stringValue == "ALWAYS")
            #expect(sql.details["backups"]?["enabled"] == .bool(true))
            #expect(document.monitoring.first?.state == "info")
        }
    }

    @Test func objectsAreCountedAndSizedAcrossPages() async throws {
        try await withEmulatedProject({ $0.maxPageSize = 3 }) { project in
            #expect(await project.setup().status == .success)
            let upload = await project.dayTwo("upload") { context, connector in
                let cloud = try await connector.resourceContext(for: context)
                for index in 0..<7 {
                    _ = try await cloud.storage.upload(bucket: "clone-documents-dev", name: "doc-\(index).txt",
                                                       data: Data(repeating: 65, count: 1000 + index), contentType: "text/plain")
                }
                return .success
            }
            #expect(upload.status == .success, "\(upload.diagnostics)")
            let (_, document) = try await project.withoutMonitoring().statusDocument()
            let documents = try #require(document.row("bucket", "clone-documents-dev"))
            #expect(documents.details["objectCount"] == .number(7))
            #expect(documents.details["totalBytes"] == .number(7021))
        }
    }

    @Test func aBucketDeletedBehindGcpctlsBackIsMissingAndTheExitStatusSaysSo() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            #expect(project.emulator.deleteBucket("clone-documents-dev"))
            let (run, document) = try await project.withoutMonitoring().statusDocument()
            #expect(run.status == .unhealthy)
            let row = try #require(document.row("bucket", "clone-documents-dev"))
            #expect(row.state == "missing")
            #expect(row.fix == "gcpctl setup --env=dev")
            #expect(document.buckets.filter { $0.state == "ok" }.count == 3)
            #expect(document.counts["missing"] == 1)
        }
    }

    @Test func aChangedLabelShowsAsDriftFieldByField() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            #expect(project.emulator.setBucketLabel("clone-uploads-dev", key: "app", value: "someone-else"))
            let (run, document) = try await project.withoutMonitoring().statusDocument()
            #expect(run.status == .unhealthy)
            let row = try #require(document.row("bucket", "clone-uploads-dev"))
            #expect(row.state == "drift")
            #expect(row.changes == [FieldChange("labels.app", old: "someone-else", new: "digitwinlive")])
            #expect(row.fix == "gcpctl setup --env=dev")
            let text = await project.status()
            #expect(text.output.contains("clone-uploads-dev: differs from environments/development.yaml → gcpctl setup --env=dev"))
            #expect(text.output.contains("      labels.app: someone-else → digitwinlive"))
        }
    }

    @Test func aStoppedDatabaseIsUnhealthyWithTheCommandThatStartsIt() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.updateResource(project: EmulatedProject.project, collection: EmulatorCollections.sqlInstances,
                                            name: "digitwinlive-db-dev") { $0["settings"]?["activationPolicy"] = "NEVER" }
            let (run, document) = try await project.withoutMonitoring().statusDocument()
            #expect(run.status == .unhealthy)
            let row = try #require(document.row("sql-instance", "digitwinlive-db-dev"))
            #expect(row.state == "unhealthy")
            #expect(row.fix == "gcpctl sql start --env=dev")
            #expect(row.details["activationPolicy"]?.stringValue == "NEVER")
        }
    }

    @Test func anObservationThatFailsMakesTheReportIncompleteWithExitStatus2() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.inject(FaultRule(methodID: "secretmanager.projects.secrets.get", pathContains: "/secrets/jwt-secret",
                                              action: .status(code: 403, status: "PERMISSION_DENIED",
                                                              message: "Permission 'secretmanager.secrets.get' denied"),
                                              times: 0))
            project.extraEnvironment["GCPCTL_RETRY_MAX_ATTEMPTS"] = "1"
            let (run, document) = try await project.withoutMonitoring().statusDocument()
            #expect(run.status == .operationFailed)
            #expect(document.exitCode == 2)
            let row = try #require(document.row("secret", "jwt-secret"))
            #expect(row.state == "failed")
            #expect(row.reason?.contains("secretmanager.secrets.get") == true, "\(row.reason ?? "")")
            #expect(document.row("secret", "refresh-secret")?.state == "ok")
        }
    }
}
