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
            let (run, document) = try await project.statusDocument()
            #expect(run.status == .unhealthy, "\(run.diagnostics)")
            #expect(document.exitCode == 3)
            #expect(!document.healthy)
            let setupRows = document.allRows.filter { !["api", "alert-policies", "cloud-run-service"].contains($0.kind) }
            // 15, and the build account's: two buckets, the account, its two kinds of roles.
            #expect(setupRows.count == 20)
            for row in setupRows {
                #expect(row.state == "missing", "\(row.kind) \(row.name): \(row.state)")
                #expect(row.fix == "gcpctl setup --env=dev", "\(row.kind) \(row.name)")
                #expect(row.reason != nil)
            }
            let disabled = document.apis.filter { $0.state == "missing" }
            #expect(disabled.map(\.name).contains("sqladmin.googleapis.com"))
            for api in disabled { #expect(api.fix == "gcpctl enable \(api.name) --env=dev") }
            #expect(document.apis.first { $0.name == "storage.googleapis.com" }?.state == "ok", "enabled by default")
            #expect(document.services.map(\.name) == ["api-gateway", "websocket-server", "face-processing-service"])
            for service in document.services {
                #expect(service.state == "not-deployed")
                #expect(service.fix == "gcpctl deploy \(service.name) --env=dev")
            }

            let text = await project.status()
            #expect(text.status == .unhealthy)
            #expect(text.output.contains("clone-uploads-dev: does not exist → gcpctl setup --env=dev"), "\(text.output)")
            #expect(text.output.contains("digitwinlive-db-dev: cannot exist while sqladmin.googleapis.com is not enabled → gcpctl setup --env=dev"))
            #expect(text.output.contains("sqladmin.googleapis.com: not enabled → gcpctl enable sqladmin.googleapis.com --env=dev"))
            #expect(text.output.contains("❌ development is not healthy"))
            #expect(text.output.contains("To fix: gcpctl setup --env=dev; gcpctl deploy --env=dev\n"), "setup enables the APIs too")
        }
    }

    @Test func afterSetupEverySetupResourceIsPresentAndTheServicesAreNotDeployedYet() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let (run, document) = try await project.statusDocument()
            #expect(run.status == .unhealthy, "services not deployed yet")
            for row in document.allRows where row.kind != "cloud-run-service" {
                #expect(row.state == "ok", "\(row.kind) \(row.name): \(row.state) \(row.reason ?? "")")
                #expect(row.fix == nil)
            }
            #expect(document.services.allSatisfy { $0.state == "not-deployed" && $0.reason == "not deployed yet" })
            #expect(document.fixes == ["gcpctl deploy --env=dev"], "one command deploys them all")
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
            #expect(document.row("alert-policies", "alert policies")?.details["policyCount"] == .number(0))
        }
    }

    @Test func afterSetupAndDeployEverythingIsHealthy() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy().status == .success)
            project.emulator.clearRequests()
            let (run, document) = try await project.statusDocument()
            let requests = project.apiRequests
            #expect(Set(requests).count == requests.count, "no read repeated")
            #expect(requests.count == document.requests)
            #expect(run.status == .success, "\(document.allRows.filter { $0.state != "ok" }.map { "\($0.name): \($0.reason ?? "")" })")
            #expect(document.healthy)
            #expect(document.exitCode == 0)
            #expect(document.fixes.isEmpty)
            let gateway = try #require(document.row("cloud-run-service", "api-gateway"))
            #expect(gateway.state == "ok")
            #expect(gateway.details["url"]?.stringValue?.hasPrefix("https://api-gateway-") == true)
            #expect(gateway.details["latestReadyRevision"]?.stringValue?.hasPrefix("api-gateway-") == true)
            #expect(gateway.details["traffic"] == .array([.object(["revision": gateway.details["latestReadyRevision"] ?? .null,
                                                                  "latest": .bool(true), "percent": .number(100), "tag": .null])]))
            #expect(gateway.details["health"]?["status"] == .number(200))
            #expect(gateway.details["lastDeployed"]?.stringValue != nil)
            #expect(document.row("artifact-registry", "digitwinlive")?.details["imageCount"] == .number(3))

            let text = await project.status()
            #expect(text.status == .success)
            #expect(text.output.contains("✅ development is healthy"))
            #expect(text.output.contains("=== Cloud Run services ==="))
        }
    }

    @Test func aFailingHealthCheckMakesTheServiceUnhealthy() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy().status == .success)
            project.emulator.setRunHealth(service: "websocket-server", status: 503)
            let (run, document) = try await project.statusDocument()
            #expect(run.status == .unhealthy)
            let row = try #require(document.row("cloud-run-service", "websocket-server"))
            #expect(row.state == "unhealthy")
            #expect(row.reason?.contains("/health answered 503") == true, "\(row.reason ?? "")")
            #expect(row.details["health"]?["ok"] == .bool(false))
            #expect(document.row("cloud-run-service", "api-gateway")?.state == "ok")
        }
    }

    @Test func alertPoliciesAreCounted() async throws {
        try await withEmulatedProject { project in
            let created = await project.dayTwo("arrange") { context, connector in
                let cloud = try await connector.resourceContext(for: context)
                let policy: GoogleCloud.JSONValue = .object([
                    "displayName": .string("5xx on the gateway"), "combiner": .string("OR"),
                    "conditions": .array([.object(["displayName": .string("5xx"), "conditionThreshold": .object([
                        "filter": .string("metric.type=\"run.googleapis.com/request_count\""), "comparison": .string("COMPARISON_GT"),
                        "thresholdValue": .number(5), "duration": .string("60s")])])]),
                ])
                _ = try await cloud.cloud.send(GoogleCall(.post, .monitoring, "v3/projects/\(cloud.project)/alertPolicies", json: policy))
                return .success
            }
            #expect(created.status == .success, "\(created.diagnostics)")
            let (_, document) = try await project.statusDocument()
            let row = try #require(document.row("alert-policies", "alert policies"))
            #expect(row.state == "ok")
            #expect(row.details["policyCount"] == .number(1))
            #expect(row.details["enabledCount"] == .number(1))

            project.emulator.setServices(["monitoring.googleapis.com"], enabled: false, project: EmulatedProject.project)
            let (_, without) = try await project.statusDocument()
            #expect(without.row("alert-policies", "alert policies")?.state == "info")
        }
    }

    /// docs/commands.md documents these fields; a change here is a change there.
    @Test func theJSONDocumentHasTheDocumentedFields() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.setBucketLabel("clone-uploads-dev", key: "app", value: "other")
            let run = await project.status(format: .json)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
            #expect(Set(document.keys) == CommandDocument.envelopeKeys.union([
                "healthy", "checkedAt", "elapsedSeconds", "requests", "counts", "fixes", "apis", "artifactRegistry", "buckets",
                "serviceAccount", "secrets", "network", "cloudSQL", "cache", "messaging", "scheduler", "services", "edge", "monitoring", "undeclared"]))
            #expect(document["command"] as? String == "status" && document["exitCode"] as? Int == 3 && document["ok"] as? Bool == false)
            #expect(document["errors"] as? [String] == [], "drift is a finding, not an error")
            #expect(Set((document["counts"] as? [String: Int])?.keys.map { $0 } ?? [])
                    == ["info", "ok", "not-deployed", "drift", "unhealthy", "missing", "failed"])
            let buckets = try #require(document["buckets"] as? [[String: Any]])
            let drifted = try #require(buckets.first { $0["name"] as? String == "clone-uploads-dev" })
            #expect(Set(drifted.keys) == ["kind", "name", "state", "details", "changes", "reason", "fix"])
            #expect(Set((drifted["details"] as? [String: Any])?.keys.map { $0 } ?? [])
                    == ["location", "storageClass", "objectCount", "totalBytes", "lifecycle"])
            let change = try #require((drifted["changes"] as? [[String: Any]])?.first)
            #expect(change["field"] as? String == "labels.app")
            #expect(change["old"] as? String == "other")
            #expect(change["new"] as? String == "digitwinlive")
            let ok = try #require(buckets.first { $0["name"] as? String == "clone-voice-models-dev" })
            #expect(Set(ok.keys) == ["kind", "name", "state", "details", "changes"], "no reason or fix when ok")
            let sql = try #require((document["cloudSQL"] as? [[String: Any]])?.first)
            #expect(Set((sql["details"] as? [String: Any])?.keys.map { $0 } ?? [])
                    == ["instanceState", "activationPolicy", "databaseVersion", "tier", "connectionName", "backups"])
            let sqlRows = try #require(document["cloudSQL"] as? [[String: Any]])
            let user = try #require(sqlRows.first { $0["kind"] as? String == "sql-user" })
            let source = try #require((user["details"] as? [String: Any])?["passwordSource"] as? [String: Any])
            #expect(source["secret"] as? String == "database-password" && source["version"] as? String == "1" && source["applied"] as? Bool == true)
            let database = try #require(sqlRows.first { $0["kind"] as? String == "sql-database" })
            #expect((database["details"] as? [String: Any])?["charset"] as? String == "UTF8")
            #expect(run.diagnostics.trimmingCharacters(in: .whitespacesAndNewlines) == "=== Status of development in project demo-project (us-central1) ===",
                    "the heading on stderr, the rest in the document: \(run.diagnostics)")
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
            let (_, document) = try await project.statusDocument()
            let documents = try #require(document.row("bucket", "clone-documents-dev"))
            #expect(documents.details["objectCount"] == .number(7))
            #expect(documents.details["totalBytes"] == .number(7021))
        }
    }

    @Test func aBucketDeletedBehindGcpctlsBackIsMissingAndTheExitStatusSaysSo() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            #expect(project.emulator.deleteBucket("clone-documents-dev"))
            let (run, document) = try await project.statusDocument()
            #expect(run.status == .unhealthy)
            let row = try #require(document.row("bucket", "clone-documents-dev"))
            #expect(row.state == "missing")
            #expect(row.fix == "gcpctl setup --env=dev")
            #expect(document.fixes == ["gcpctl setup --env=dev", "gcpctl deploy --env=dev"])
            #expect(document.buckets.filter { $0.state == "ok" }.count == 5, "3 of the environment's, the staging and logs buckets")
            #expect(document.counts["missing"] == 1)
        }
    }

    @Test func aChangedLabelShowsAsDriftFieldByField() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            #expect(project.emulator.setBucketLabel("clone-uploads-dev", key: "app", value: "someone-else"))
            let (run, document) = try await project.statusDocument()
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
            let (run, document) = try await project.statusDocument()
            #expect(run.status == .unhealthy)
            let row = try #require(document.row("sql-instance", "digitwinlive-db-dev"))
            #expect(row.state == "unhealthy")
            #expect(row.fix == "gcpctl sql start --env=dev")
            #expect(document.fixes == ["gcpctl sql start --env=dev", "gcpctl deploy --env=dev"])
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
            let (run, document) = try await project.statusDocument()
            #expect(run.status == .operationFailed)
            #expect(document.exitCode == 2)
            let row = try #require(document.row("secret", "jwt-secret"))
            #expect(row.state == "failed")
            #expect(row.reason?.contains("secretmanager.secrets.get") == true, "\(row.reason ?? "")")
            #expect(document.row("secret", "refresh-secret")?.state == "ok")
        }
    }
}

@Suite struct StatusFixTests {
    static let environment = "dev"

    func fix(_ verb: StatusFix.Verb, _ names: [String] = []) -> StatusFix {
        StatusFix(verb: verb, names: names, environment: StatusFixTests.environment)
    }

    @Test func fixesMergeIntoOneCommandPerKindInTheOrderToRunThem() {
        let services = ["api-gateway", "websocket-server"]
        let merged = StatusFix.merged([fix(.deploy, ["websocket-server"]), fix(.enable, ["run.googleapis.com"]),
                                       fix(.enable, ["iam.googleapis.com"]), fix(.sqlStart), fix(.enable, ["run.googleapis.com"])],
                                      services: services)
        #expect(merged.map(\.description) == ["gcpctl enable run.googleapis.com iam.googleapis.com --env=dev",
                                              "gcpctl sql start --env=dev", "gcpctl deploy websocket-server --env=dev"])
        let withSetup = StatusFix.merged([fix(.enable, ["run.googleapis.com"]), fix(.setup), fix(.deploy, ["api-gateway"]),
                                          fix(.deploy, ["websocket-server"]), .command("gcloud iam service-accounts enable x")],
                                         services: services)
        #expect(withSetup.map(\.description) == ["gcpctl setup --env=dev", "gcpctl deploy --env=dev", "gcloud iam service-accounts enable x"])
    }
}
