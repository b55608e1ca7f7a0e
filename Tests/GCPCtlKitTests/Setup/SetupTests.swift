import Foundation
import GCPEmulator
import Testing
@testable import GCPCtlKit

/// `gcpctl setup` against the emulator, through the real client over libcurl.
@Suite struct SetupTests {
    @Test func setupOnAnEmptyProjectCreatesEveryResourceOfTheEnvironment() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup()
            #expect(run.status == .success, "\(run.diagnostics)")
            let state = try #require(project.emulator.state(project: EmulatedProject.project))
            let enabled = Set(state["enabledServices"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            for api in ["sqladmin.googleapis.com", "run.googleapis.com", "secretmanager.googleapis.com", "artifactregistry.googleapis.com",
                        "cloudbuild.googleapis.com", "iam.googleapis.com", "cloudresourcemanager.googleapis.com", "compute.googleapis.com"] {
                #expect(enabled.contains(api), "\(api) not enabled")
            }
            let resources = try #require(state["resources"]?.objectValue)
            let buckets = Set(resources["storage.buckets"]?.objectValue?.keys.map { $0 } ?? [])
            #expect(buckets == ["clone-voice-models-dev", "clone-face-models-dev", "clone-documents-dev", "clone-uploads-dev",
                                "demo-project_cloudbuild", "demo-project_cloudbuild-logs"])
            print(resources.keys.sorted())
            #expect(run.output.contains("Summary"))
            #expect(run.output.contains("DATABASE_URL on Cloud Run:"))
            #expect(run.output.contains("postgresql://postgres@/digitwinlive-db?host=/cloudsql/demo-project:us-central1:digitwinlive-db-dev"))
            // pgvector is setup's own work now: no manual step in the next steps.
            #expect(run.output.contains("created PostgreSQL extension digitwinlive-db-dev/digitwinlive-db/vector")
                    || run.diagnostics.contains("created PostgreSQL extension digitwinlive-db-dev/digitwinlive-db/vector"))
            #expect(!run.output.contains("gcloud") && !run.output.contains("psql"))
        }
    }

    @Test func aSecondSetupChangesNothingAndSendsNoMutatingRequest() async throws {
        try await withEmulatedProject { project in
            let first = await project.setup()
            #expect(first.status == .success, "\(first.diagnostics)")
            project.emulator.clearRequests()
            let second = await project.setup()
            #expect(second.status == .success, "\(second.diagnostics)")
            #expect(second.output.contains("No changes"))
            #expect(project.mutatingRequests.map { "\($0.method) \($0.url)" } == [])
        }
    }
}

@Suite struct SetupPlanTests {
    @Test func aChangedLifecycleRuleIsPlannedAsExactlyThatUpdateAndConverges() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.editEnvironment { $0.replacingOccurrences(of: "        age: 7\n", with: "        age: 3\n") }
            let plan = await project.plan(format: .json)
            #expect(plan.status == .operationFailed, "changes pending: --detailed-exitcode says 2")
            let document = try JSONDecoder().decode(PlanDocument.self, from: Data(plan.output.utf8))
            let changed = document.resources.filter { $0.action != "unchanged" }
            #expect(changed.map(\.name) == ["clone-uploads-dev"])
            #expect(changed.first?.changes?.map(\.field) == ["lifecycle.rule[0]"])
            #expect(changed.first?.changes?.first?.old == "Delete if age ≥ 7 days, prefix tmp/")
            #expect(changed.first?.changes?.first?.new == "Delete if age ≥ 3 days, prefix tmp/")

            #expect(await project.setup().status == .success)
            let after = await project.plan()
            #expect(after.status == .success)
            #expect(after.output.contains("No changes"))
            let rule = project.resource("storage.buckets", "clone-uploads-dev")?[path: "lifecycle.rule"]?.arrayValue?.first
            #expect(rule?[path: "condition.age"]?.intValue == 3)
        }
    }

    @Test func aChangedLabelIsPlannedOnEveryResourceThatCarriesIt() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.editEnvironment { $0.replacingOccurrences(of: "  app: digitwinlive\n", with: "  app: digitwin\n") }
            let plan = await project.plan(format: .json)
            let document = try JSONDecoder().decode(PlanDocument.self, from: Data(plan.output.utf8))
            let changed = document.resources.filter { $0.action == "update" }
            #expect(!changed.isEmpty)
            for resource in changed {
                #expect(resource.changes?.map(\.field) == ["labels.app"], "\(resource.kind) \(resource.name)")
                #expect(resource.changes?.first?.new == "digitwin")
            }
            #expect(Set(changed.map(\.kind)).isSuperset(of: ["bucket", "secret", "artifact-registry", "sql-instance"]))
            #expect(await project.setup().status == .success)
            #expect(await project.plan().status == .success)
        }
    }

    @Test func planChangesNothing() async throws {
        try await withEmulatedProject { project in
            let plan = await project.plan()
            #expect(plan.status == .operationFailed)
            #expect(plan.output.contains("+ create bucket clone-uploads-dev"))
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    @Test func withoutATerminalSetupRefusesToApplyWithoutYes() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup(yes: false)
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("--yes"))
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    @Test func answeringNoAtThePromptChangesNothing() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup(yes: false, input: ["n"], interactive: true)
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("Cancelled; nothing was changed."))
            #expect(project.mutatingRequests.isEmpty)
        }
    }
}

/// `gcpctl plan --format json`, as a CI job would read it.
struct PlanDocument: Decodable {
    var environment: String
    var project: String
    var changesPending: Bool
    var resources: [Resource]

    struct Resource: Decodable {
        var kind: String
        var name: String
        var action: String
        var changes: [FieldChange]?
    }
}
