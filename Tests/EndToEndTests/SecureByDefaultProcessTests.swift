import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Issue 16's acceptance, with both executables as processes: against `gcp-emulator
/// --secure-by-default` (the Compute Engine default and legacy Cloud Build accounts hold no
/// roles, allUsers is refused, keys cannot be made), `gcpctl setup` then `gcpctl deploy` on
/// the dev environment converge with exit 0, every build runs as the dedicated build
/// account, the three services answer /health publicly through invokerIamDisabled, and a
/// second setup and deploy change nothing.
@Suite struct SecureByDefaultProcessTests {
    static let buildAccount = "projects/demo-project/serviceAccounts/digitwinlive-build@demo-project.iam.gserviceaccount.com"

    @Test func setupThenDeployConvergeWithBuildsAsTheBuildAccountAndPublicServices() async throws {
        let emulator = try await EmulatorBinaryProcess.start([
            "--secure-by-default", "--project", "demo-project",
            "--operation-seconds", "sql=0,run=0,build=0,serviceusage=0,artifactregistry=0",
        ])
        defer { emulator.killIfRunning() }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("gcpctl-secure-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        for folder in ["environments", "examples"] {
            try FileManager.default.copyItem(at: DeployProcessTests.repository.appendingPathComponent(folder), to: work.appendingPathComponent(folder))
        }
        var gcpctl = GCPCtlProcess(emulator: nil, directory: work,
                                   extra: ["GCPCTL_ACCESS_TOKEN": "e2e-token", "GCP_PROJECT_ID": "demo-project"])
        gcpctl.environment["GCPCTL_API_ENDPOINT"] = "http://127.0.0.1:\(emulator.port)"
        gcpctl.environment["GCE_METADATA_HOST"] = "127.0.0.1:\(emulator.port)"
        gcpctl.environment["GCPCTL_POLL_INTERVAL_MS"] = "5"
        let client = emulator.client

        let setup = try await gcpctl.run(["setup", "--env=dev", "--yes"])
        #expect(setup.status == 0, "\(setup.errors)\n\(setup.output)")
        let deploy = try await gcpctl.run(["deploy", "--env=dev", "--yes", "--verify-timeout", "5"])
        #expect(deploy.status == 0, "\(deploy.errors)\n\(deploy.output)")

        let state = try await client.get("/_emulator/state").json
        let collections = state["projects"]?["demo-project"]?["collections"]
        let builds = Array(collections?["cloudbuild.builds"]?.objectValue?.values ?? [:].values)
        #expect(builds.count == 3)
        #expect(builds.allSatisfy { $0["serviceAccount"] == .string(Self.buildAccount) && $0["status"] == "SUCCESS" },
                "\(builds.map { "\($0["serviceAccount"] ?? .null) \($0["status"] ?? .null)" })")
        #expect(builds.allSatisfy { $0["logsBucket"] == "gs://demo-project_cloudbuild-logs" })
        let services = Array(collections?["run.services"]?.objectValue?.values ?? [:].values)
        #expect(services.count == 3)
        var anonymous = client
        anonymous.token = nil
        for service in services {
            #expect(service["invokerIamDisabled"] == true)
            let host = try #require(service["urls"]?.arrayValue?.first?.stringValue?.dropFirst("https://".count))
            #expect(try await anonymous.get("/run.app/\(host)/health").status == 200, "\(host)")
        }

        _ = try await client.send("DELETE", "/_emulator/requests")
        #expect(try await gcpctl.run(["setup", "--env=dev", "--yes"]).status == 0)
        #expect(try await gcpctl.run(["deploy", "--env=dev", "--yes", "--verify-timeout", "5"]).status == 0)
        let mutating = (try await client.get("/_emulator/requests").json.arrayValue ?? []).filter { $0["mutating"] == true }
        #expect(mutating.isEmpty, "\(mutating.map { "\($0["method"] ?? .null) \($0["url"] ?? .null)" })")
        #expect(await emulator.stop())
    }
}
