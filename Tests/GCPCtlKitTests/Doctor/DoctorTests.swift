import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// `gcpctl doctor`: one line per check with its fix, exit 0 or 1, nothing changed.
@Suite struct DoctorTests {
    func doctor(_ project: EmulatedProject, format: OutputFormat = .text) async -> EmulatedProject.Run {
        await project.dayTwo("doctor", format: format) { context, connector in try await DoctorWorkflow().run(context, connector: connector) }
    }

    @Test func afterSetupEveryCheckPassesAndNothingChanges() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            let run = await doctor(project)
            #expect(run.status == .success, "\(run.output)\(run.diagnostics)")
            let lines = run.output.split(separator: "\n").map(String.init)
            #expect(lines.first == "✅ the access token in GCPCTL_ACCESS_TOKEN as owner@example.com")
            #expect(lines.contains("✅ the 10 declared APIs are on"))
            #expect(lines.contains("✅ can act as the runtime account digitwinlive-sa@demo-project.iam.gserviceaccount.com"))
            #expect(lines.contains("✅ the runtime account holds its 4 roles"))
            #expect(lines.contains("✅ can act as the build account digitwinlive-build@demo-project.iam.gserviceaccount.com"), "\(lines)")
            #expect(lines.contains("✅ the build account holds its role"))
            #expect(lines.contains("✅ bucket clone-uploads-dev: permissions held"))
            #expect(project.mutatingRequests.isEmpty)
            let tokenInfo = try #require(project.emulator.requests(methodID: "oauth2.tokeninfo").first)
            #expect(!tokenInfo.url.contains("emulator-token"), "the token travels in the body, not the URL")
        }
    }

    @Test func aFreshProjectSaysWhatIsMissingWithEachFix() async throws {
        try await withEmulatedProject { project in
            let run = await doctor(project)
            #expect(run.status == .configurationError)
            let failures = run.output.split(separator: "\n").filter { $0.hasPrefix("❌") }
            #expect(failures.contains { $0.contains("declared APIs are off:") && $0.contains("→ gcpctl enable --env=dev ") }, "\(run.output)")
            #expect(failures.contains { $0.contains("cloudresourcemanager.googleapis.com is not enabled") }, "each read an API that is off says so")

            // With the APIs on, what setup would still make: the account's roles.
            let apis = ["compute", "sqladmin", "run", "secretmanager", "artifactregistry", "cloudbuild", "iam", "cloudresourcemanager"]
            project.emulator.setServices(apis.map { $0 + ".googleapis.com" }, enabled: true, project: EmulatedProject.project)
            let again = await doctor(project)
            #expect(again.status == .configurationError)
            #expect(again.output.contains("❌ the runtime account digitwinlive-sa@demo-project.iam.gserviceaccount.com lacks roles/cloudsql.client, roles/storage.objectAdmin, roles/secretmanager.secretAccessor, roles/run.invoker → gcpctl setup --env=dev"), "\(again.output)")
            #expect(again.output.contains("✅ runtime account digitwinlive-sa@demo-project.iam.gserviceaccount.com does not exist yet; gcpctl setup --env=dev creates it"))
            #expect(again.output.contains("✅ bucket clone-uploads-dev does not exist yet; gcpctl setup --env=dev creates it"))
            #expect(run.output.contains("checks failed"))
        }
    }

    @Test func missingPermissionsAreNamedWithTheCommandThatNeedsThem() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.denyPermissions(["run.services.create", "iam.serviceAccounts.actAs", "storage.objects.create"])
            let run = await doctor(project, format: .json)
            #expect(run.status == .configurationError)
            struct Document: Decodable {
                var ok: Bool
                var checks: [Check]
                struct Check: Decodable { var name: String; var ok: Bool; var detail: String; var fix: String? }
            }
            let document = try JSONDecoder().decode(Document.self, from: Data(run.output.utf8))
            #expect(!document.ok)
            let permissions = try #require(document.checks.first { $0.name == "project-permissions" })
            #expect(!permissions.ok)
            #expect(permissions.detail == "owner@example.com lacks storage.objects.create, run.services.create, which deploy needs")
            let actAs = try #require(document.checks.first { $0.name.hasPrefix("act-as:") })
            #expect(actAs.fix == "grant roles/iam.serviceAccountUser on digitwinlive-sa@demo-project.iam.gserviceaccount.com")
            #expect(document.checks.first { $0.name == "bucket:clone-uploads-dev" }?.ok == false)
        }
    }
}
