import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 18 point 1: adopt the scripts' resources. The scripts' instance stands in for a
/// missing declared one; unlabelled resources the environment names are adopted with a
/// plan line showing the labels added, never silently; afterwards cleanup treats them as
/// gcpctl's; `gcpctl adopt` does only that, with confirmation.
@Suite struct AdoptionTests {
    @Test func thePlanShowsWhatEachAdoptionAdds() async throws {
        try await withScriptsProject { project in
            let run = await project.plan()
            #expect(run.output.contains("""
              ~ update bucket clone-uploads-dev
                  adopt: add managed-by=gcpctl, gcpctl-env=dev, app=digitwinlive
                  lifecycle.rule[0]: Delete if age ≥ 30 days → Delete if age ≥ 7 days, prefix tmp/
            """), "\(run.output)")
            #expect(run.output.contains("""
              ~ update service account digitwinlive-sa@demo-project.iam.gserviceaccount.com
                  adopt: set description 'Managed by gcpctl'
            """))
            #expect(!run.output.contains("labels.managed-by"), "the adopt line says it instead")

            let json = await project.setup(SetupWorkflow(planOnly: true), format: .json)
            let document = try JSONDecoder().decode(AdoptionPlanDocument.self, from: Data(json.output.utf8))
            let bucket = try #require(document.resources.first { $0.name == "clone-documents-dev" })
            #expect(bucket.adopt == ["managed-by=gcpctl", "gcpctl-env=dev", "app=digitwinlive"])
            #expect(document.adoptions == ["adopt Cloud SQL instance digitwinlive-db instead of creating digitwinlive-db-dev (the bash scripts' instance)"])
        }
    }

    /// After setup, cleanup's one ownership rule counts every adopted resource as the
    /// environment's: offered by default, like anything gcpctl made.
    @Test func afterSetupCleanupTreatsTheAdoptedAsGcpctls() async throws {
        try await withScriptsProject { project in
            #expect(await project.setup().status == .success)
            let context = try await project.resourceContext()
            let inventory = await CleanupDiscovery().discover(in: context)
            let adopted = ScriptsProject.buckets.map { "bucket \($0)" } + ScriptsProject.secrets.map { "secret \($0)" }
                + ["Cloud SQL instance digitwinlive-db", "Artifact Registry repository digitwinlive", "service account digitwinlive-sa@demo-project.iam.gserviceaccount.com"]
            for title in adopted {
                let found = try #require(inventory.resources.first { $0.title == title }, "\(title)")
                #expect(found.ownership == .environment, "\(title): \(found.ownership)")
            }
        }
    }

    /// `gcpctl adopt`: only labels (and the account's description); labels already there
    /// are kept; the scripts' instance is written down; a second run has nothing to do.
    @Test func adoptChangesLabelsAndNothingElse() async throws {
        try await withScriptsProject { project in
            #expect(project.emulator.setBucketLabel("clone-documents-dev", key: "team", value: "data"))
            let run = await project.adopt(yes: true)
            #expect(run.status == .success, "\(run.output)\n\(run.diagnostics)")
            #expect(run.output.contains("~ bucket clone-documents-dev: adopt: add managed-by=gcpctl, gcpctl-env=dev, app=digitwinlive"))
            #expect(run.output.contains("Adoption: 10 to adopt, 0 already dev's."))

            let changed = project.mutatingRequests.compactMap(\.methodID)
            #expect(Set(changed) == ["storage.buckets.patch", "secretmanager.projects.secrets.patch", "artifactregistry.projects.locations.repositories.patch",
                                     "sqladmin.instances.patch", "iam.projects.serviceAccounts.patch"], "\(changed)")
            for patch in project.emulator.requests(methodID: "storage.buckets.patch") {
                #expect(patch.body?.objectValue?.keys.sorted() == ["labels"])
            }
            let instancePatch = try #require(project.emulator.requests(methodID: "sqladmin.instances.patch").first?.body)
            #expect(instancePatch["settings"]?.objectValue?.keys.sorted() == ["userLabels"])
            #expect(project.emulator.requests(methodID: "secretmanager.projects.secrets.patch").allSatisfy { $0.url.contains("updateMask=labels") })
            #expect(project.emulator.requests(methodID: "artifactregistry.projects.locations.repositories.patch").allSatisfy { $0.url.hasSuffix("updateMask=labels") })
            let documents = project.resource("storage.buckets", "clone-documents-dev")?["labels"]
            #expect(documents == ["team": "data", "app": "digitwinlive", "managed-by": "gcpctl", "gcpctl-env": "dev"])
            #expect(project.directory.read(".env").contains("CLOUD_SQL_CONNECTION_NAME=demo-project:us-central1:digitwinlive-db\n"))

            project.emulator.clearRequests()
            let again = await project.adopt(yes: true)
            #expect(again.status == .success)
            #expect(again.output.contains("Adoption: 0 to adopt, 10 already dev's."), "\(again.output)")
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    /// `--format json`: one document, in the shared envelope, with what would be adopted.
    @Test func adoptsPlanAsJSON() async throws {
        try await withScriptsProject { project in
            let run = await project.run("adopt", settings: GlobalSettings(environment: "dev", format: .json)) { context, connector in
                try await AdoptWorkflow(planOnly: true).run(context, connector: connector)
            }
            #expect(run.status == .success, "\(run.diagnostics)")
            let document = try GCPEmulator.JSONValue.parse(run.output)
            #expect(document["command"] == "adopt")
            #expect(document["environment"] == "development")
            #expect(document["instance"] == "adopt Cloud SQL instance digitwinlive-db instead of creating digitwinlive-db-dev (the bash scripts' instance)")
            #expect(document["adopt"]?.arrayValue?.count == 10)
            #expect(document["missing"]?.arrayValue?.isEmpty == true)
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    @Test func adoptAsksFirst() async throws {
        try await withScriptsProject { project in
            let run = await project.adopt(input: ["n"], interactive: true)
            #expect(run.status == .configurationError)
            #expect(project.mutatingRequests.isEmpty)
            #expect(!project.directory.read(".env").contains("CLOUD_SQL_CONNECTION_NAME"))
        }
    }

    /// adopt does not take over what another environment's labels claim.
    @Test func adoptLeavesAnotherEnvironmentsResourcesAlone() async throws {
        try await withScriptsProject { project in
            #expect(project.emulator.setBucketLabel("clone-uploads-dev", key: "managed-by", value: "gcpctl"))
            #expect(project.emulator.setBucketLabel("clone-uploads-dev", key: "gcpctl-env", value: "prod"))
            let run = await project.adopt(yes: true)
            #expect(run.output.contains("! bucket clone-uploads-dev is labelled for prod; adopt leaves it alone"))
            #expect(project.resource("storage.buckets", "clone-uploads-dev")?["labels"]?["gcpctl-env"] == "prod")
        }
    }

    /// With an environment file (not legacy mode) whose instance does not exist, the one
    /// the .env names is adopted, and setup writes its name into the file in place.
    @Test func theInstanceTheDotEnvNamesIsAdoptedAndWrittenIntoTheEnvironmentFile() async throws {
        try await withScriptsProject { project in
            project.directory.write("environments/development.yaml", Repository.environmentText("development"))
            project.directory.write(".env.development", ScriptsProject.dotEnv + "CLOUD_SQL_CONNECTION_NAME=demo-project:us-central1:digitwinlive-db\n")
            let plan = await project.plan()
            #expect(plan.output.contains("⇐ adopt Cloud SQL instance digitwinlive-db instead of creating digitwinlive-db-dev (.env.development names it in CLOUD_SQL_CONNECTION_NAME)"))
            let before = project.directory.read("environments/development.yaml")
            #expect(await project.setup().status == .success)
            #expect(project.sqlInstances == ["digitwinlive-db"])
            let after = project.directory.read("environments/development.yaml")
            #expect(after == before.replacingOccurrences(of: "  instance: digitwinlive-db-{env}\n", with: "  instance: digitwinlive-db\n"))
            project.emulator.clearRequests()
            #expect(await project.plan().output.contains("No changes"))
        }
    }

    /// An instance another environment has claimed is not taken: dev gets its own.
    @Test func anotherEnvironmentsInstanceIsNotAdopted() async throws {
        try await withScriptsProject { project in
            let labelled = project.emulator.updateResource(project: EmulatedProject.project, collection: "sqladmin.instances", name: "digitwinlive-db") {
                $0["settings"]?["userLabels"] = ["managed-by": "gcpctl", "gcpctl-env": "prod"]
            }
            #expect(labelled)
            let run = await project.plan()
            #expect(!run.output.contains("⇐ adopt"))
            #expect(run.output.contains("+ create Cloud SQL instance digitwinlive-db-dev"))
        }
    }

    /// Legacy mode before setup: status looks for the scripts' instance (the name is only
    /// gcpctl's guess) and says what it is.
    @Test func statusFindsTheScriptsInstanceBeforeSetup() async throws {
        try await withScriptsProject { project in
            let (_, document) = try await project.statusDocument()
            let row = try #require(document.row("sql-instance", "digitwinlive-db"))
            #expect(row.reason?.hasPrefix("not gcpctl's yet (has no managed-by=gcpctl label): gcpctl adopt --env=dev labels it") == true, "\(row.reason ?? "")")
            #expect(document.row("sql-instance", "digitwinlive-db-dev") == nil)
        }
    }
}

extension EmulatedProject {
    /// `gcpctl adopt` in-process.
    func adopt(dryRun: Bool = false, yes: Bool = false, input: [String] = [], interactive: Bool = false) async -> Run {
        await run("adopt", settings: GlobalSettings(environment: "dev", assumeYes: yes), input: input, interactive: interactive) { context, connector in
            try await AdoptWorkflow(planOnly: dryRun, executor: fastExecutor).run(context, connector: connector)
        }
    }
}
