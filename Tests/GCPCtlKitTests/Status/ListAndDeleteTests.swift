import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

struct ListDocument: Decodable {
    var project: String
    var includesUnmanaged: Bool
    var resources: [Item]
    var errors: [String]

    struct Item: Decodable {
        var kind: String
        var name: String
        var environment: String?
        var managed: Bool
    }
}

@Suite struct ListTests {
    static let managed = ["managed-by": "gcpctl", "gcpctl-env": "dev"]

    /// 510 labelled and 12 unlabelled secrets, 101 labelled and 4 unlabelled buckets, made
    /// through the APIs.
    func arrangeMany(_ project: EmulatedProject) async -> EmulatedProject.Run {
        await project.dayTwo("arrange") { context, connector in
            let cloud = try await connector.resourceContext(for: context)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<522 {
                    group.addTask {
                        _ = try await cloud.secretManager.createSecret(project: cloud.project, id: "extra-\(index)",
                                                                       labels: index < 510 ? ListTests.managed : [:])
                    }
                }
                for index in 0..<105 {
                    group.addTask {
                        _ = try await cloud.storage.createBucket(project: cloud.project, StorageAPI.Bucket(
                            name: "extra-bucket-\(index)", location: "US-CENTRAL1", labels: index < 101 ? ListTests.managed : [:]))
                    }
                }
                try await group.waitForAll()
            }
            return .success
        }
    }

    func list(_ project: EmulatedProject, kinds: [ResourceKind] = [], all: Bool = false, format: OutputFormat = .json) async -> EmulatedProject.Run {
        await project.dayTwo("list", format: format) { context, connector in
            try await ListWorkflow(kinds: kinds, includeUnmanaged: all).run(context, connector: connector)
        }
    }

    @Test func listPagesThroughHundredsOfSecretsAndBuckets() async throws {
        try await withEmulatedProject({ $0.maxPageSize = 7 }) { project in
            project.emulator.setServices(["secretmanager.googleapis.com"], enabled: true, project: EmulatedProject.project)
            #expect(await arrangeMany(project).status == .success)
            project.emulator.clearRequests()

            let run = await list(project, kinds: [.secret, .bucket])
            #expect(run.status == .success, "\(run.diagnostics)")
            let document = try JSONDecoder().decode(ListDocument.self, from: Data(run.output.utf8))
            #expect(document.resources.filter { $0.kind == "secret" }.count == 510)
            #expect(document.resources.filter { $0.kind == "bucket" }.count == 101)
            #expect(document.resources.allSatisfy { $0.managed && $0.environment == "dev" })
            #expect(project.emulator.requests(methodID: "secretmanager.projects.secrets.list").count == 75, "522 secrets, 7 a page")
            #expect(project.emulator.requests(methodID: "storage.buckets.list").count == 15)

            let all = try JSONDecoder().decode(ListDocument.self, from: Data(await list(project, kinds: [.secret, .bucket], all: true).output.utf8))
            #expect(all.resources.count == 522 + 105)
            #expect(all.resources.filter { !$0.managed }.count == 16)
        }
    }

    @Test func listAfterSetupShowsEveryKindAndSaysWhereAnAPIIsOff() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.setServices(["run.googleapis.com"], enabled: false, project: EmulatedProject.project)
            let run = await list(project, format: .text)
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.output.contains("=== Buckets (6) ==="), "with the staging and the build logs buckets")
            #expect(run.output.contains("=== Secrets (3) ==="))
            #expect(run.output.contains("=== Cloud SQL instances (1) ==="))
            #expect(run.output.contains("=== Artifact Registry repositories (1) ==="))
            #expect(run.output.contains("=== Service accounts (2) ==="), "the runtime and the build account")
            #expect(run.output.contains("none: run.googleapis.com is not enabled"))
            #expect(run.output.contains("clone-uploads-dev             dev          US-CENTRAL1"))
            #expect(run.output.contains("=== APIs (9) ===\nNAME\nartifactregistry.googleapis.com\n"))
        }
    }
}

@Suite struct DeleteTests {
    func delete(_ kind: ResourceKind, _ name: String, _ project: EmulatedProject, force: Bool = false, yes: Bool = false,
                input: [String] = [], interactive: Bool = false) async -> EmulatedProject.Run {
        await project.dayTwo("delete", yes: yes, input: input, interactive: interactive) { context, connector in
            try await DeleteWorkflow(kind: kind, name: name, force: force).run(context, connector: connector)
        }
    }

    @Test func aBucketIsDeletedOnlyWithConsent() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            let refused = await delete(.bucket, "clone-uploads-dev", project)
            #expect(refused.status == .configurationError)
            #expect(refused.diagnostics.contains("pass --yes to confirm"))
            let declined = await delete(.bucket, "clone-uploads-dev", project, input: ["n"], interactive: true)
            #expect(declined.status == .configurationError)
            #expect(project.mutatingRequests.isEmpty)
            #expect(project.resource(EmulatorCollections.buckets, "clone-uploads-dev") != nil)

            let accepted = await delete(.bucket, "clone-uploads-dev", project, input: ["y"], interactive: true)
            #expect(accepted.status == .success, "\(accepted.diagnostics)")
            #expect(project.resource(EmulatorCollections.buckets, "clone-uploads-dev") == nil)
            #expect(accepted.output.contains("Deleted bucket clone-uploads-dev from project demo-project"))

            let gone = await delete(.bucket, "clone-uploads-dev", project, yes: true)
            #expect(gone.status == .success)
            #expect(gone.output.contains("does not exist in project demo-project; nothing to delete"))
        }
    }

    @Test func unmanagedResourcesNeedForce() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let arranged = await project.dayTwo("arrange") { context, connector in
                let cloud = try await connector.resourceContext(for: context)
                _ = try await cloud.secretManager.createSecret(project: cloud.project, id: "hand-made", labels: [:])
                return .success
            }
            #expect(arranged.status == .success)
            project.emulator.clearRequests()
            let refused = await delete(.secret, "hand-made", project, yes: true)
            #expect(refused.status == .configurationError)
            #expect(refused.diagnostics.contains("secret hand-made has no managed-by=gcpctl label"))
            #expect(project.mutatingRequests.isEmpty)
            let forced = await delete(.secret, "hand-made", project, force: true, yes: true)
            #expect(forced.status == .success)
            #expect(project.resource(EmulatorCollections.secrets, "hand-made") == nil)
        }
    }

    @Test func anotherEnvironmentsResourceNeedsForce() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            #expect(project.emulator.setBucketLabel("clone-face-models-dev", key: "gcpctl-env", value: "prod"))
            let refused = await delete(.bucket, "clone-face-models-dev", project, yes: true)
            #expect(refused.status == .configurationError)
            #expect(refused.diagnostics.contains("belongs to the prod environment"))
        }
    }

    @Test func aServiceIsDeletedThroughItsResource() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy().status == .success)
            let run = await delete(.cloudRunService, "websocket-server", project, yes: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.service("websocket-server") == nil)
            #expect(project.service("api-gateway") != nil)
            let (_, document) = try await project.statusDocument()
            #expect(document.row("cloud-run-service", "websocket-server")?.state == "not-deployed")
        }
    }

    @Test func theDatabaseInstanceNeedsItsNameTyped() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let wrong = await delete(.sqlInstance, "digitwinlive-db-dev", project, input: ["yes"], interactive: true)
            #expect(wrong.status == .configurationError)
            #expect(project.resource(EmulatorCollections.sqlInstances, "digitwinlive-db-dev") != nil)
            let typed = await delete(.sqlInstance, "digitwinlive-db-dev", project, input: ["digitwinlive-db-dev"], interactive: true)
            #expect(typed.status == .success, "\(typed.diagnostics)")
            #expect(project.resource(EmulatorCollections.sqlInstances, "digitwinlive-db-dev") == nil)
        }
    }
}
