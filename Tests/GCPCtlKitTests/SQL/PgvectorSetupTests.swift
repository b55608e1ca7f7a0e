import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// setup leaves pgvector enabled with no manual step: the Data API is turned on, the
/// database password is copied into a regional secret (the only kind the Data API reads),
/// and `CREATE EXTENSION IF NOT EXISTS vector` runs as the declared user.
@Suite struct PgvectorSetupTests {
    static let extensionKey = "digitwinlive-db-dev/digitwinlive-db/vector"
    static let regionalCopy = "@us-central1/database-password"

    /// A secret's versions in the emulator's store, oldest first (`@data` holds the value).
    static func versions(_ project: EmulatedProject, of secret: String) -> [(name: String, value: GCPEmulator.JSONValue)] {
        project.emulator.mutateState { $0.resources(EmulatedProject.project, EmulatorCollections.secretVersions, prefix: secret + "/") }
    }

    @Test func setupOnAFreshEnvironmentLeavesPgvectorEnabled() async throws {
        try await withEmulatedProject { project in
            let setup = await project.setup()
            #expect(setup.status == .success, "\(setup.diagnostics)")
            #expect(project.resource(EmulatorCollections.sqlInstances, "digitwinlive-db-dev")?[path: "settings.dataApiAccess"] == "ALLOW_DATA_API")
            #expect(project.resource("sqladmin.extensions", Self.extensionKey)?["version"] == "0.8.0")

            let create = project.emulator.requests(methodID: "sqladmin.instances.executeSql").filter(\.mutating)
            #expect(create.count == 1)
            #expect(create.first?.body?["sqlStatement"] == "CREATE EXTENSION IF NOT EXISTS \"vector\";")
            #expect(create.first?.body?["user"] == "postgres")
            #expect(create.first?.body?["database"] == "digitwinlive-db")
            #expect(create.first?.body?["passwordSecretVersion"]
                    == "projects/demo-project/locations/us-central1/secrets/database-password/versions/latest")

            // The regional copy holds the password the user has: the global secret's latest version.
            let global = try #require(Self.versions(project, of: "database-password").last?.value["@data"])
            let copies = Self.versions(project, of: Self.regionalCopy)
            #expect(copies.last?.value["@data"] == global)
            #expect(project.resource(EmulatorCollections.secrets, Self.regionalCopy)?[path: "annotations.gcpctl-copy-of"] == "database-password@1")

            project.emulator.clearRequests()
            let again = await project.setup()
            #expect(again.status == .success, "\(again.diagnostics)")
            #expect(project.mutatingRequests.isEmpty, "\(project.mutatingRequests.map(\.methodID))")
            #expect(project.emulator.requests(methodID: "sqladmin.instances.executeSql").count == 1, "one read of pg_extension")
        }
    }

    /// An instance made before the Data API setting existed: setup turns it on, copies the
    /// password and creates the extension, in that order.
    @Test func anExistingInstanceGetsTheDataAPIAndTheExtension() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            _ = project.emulator.updateResource(project: EmulatedProject.project, collection: EmulatorCollections.sqlInstances,
                                                name: "digitwinlive-db-dev") { $0["settings"]?["dataApiAccess"] = nil }
            project.emulator.mutateState { state in
                _ = state.removeResource(EmulatedProject.project, "sqladmin.extensions", Self.extensionKey)
            }
            let plan = await project.plan()
            #expect(plan.output.contains("dataApi"), "\(plan.output)")
            project.emulator.clearRequests()
            let setup = await project.setup()
            #expect(setup.status == .success, "\(setup.diagnostics)")
            let order = project.mutatingRequests.map(\.methodID)
            #expect(order.firstIndex(of: "sqladmin.instances.patch")! < order.firstIndex(of: "sqladmin.instances.executeSql")!, "\(order)")
            #expect(project.resource("sqladmin.extensions", Self.extensionKey) != nil)
        }
    }

    @Test func statusReportsTheExtensionAndItsVersion() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            // Unhealthy overall (no service is deployed), but the Cloud SQL rows are all ok.
            let (run, document) = try await project.statusDocument()
            #expect(document.cloudSQL.allSatisfy { $0.state == "ok" }, "\(document.cloudSQL.map { ($0.kind, $0.state, $0.reason ?? "") })")
            let row = try #require(document.cloudSQL.first { $0.kind == "sql-extension" })
            #expect(row.state == "ok")
            #expect(run.output.contains("0.8.0"))
            let text = await project.status()
            #expect(text.output.contains("extension vector"))
            #expect(text.output.contains("version 0.8.0 in digitwinlive-db"))
        }
    }

    /// The password's regional copy goes with the password secret: cleanup leaves no copy
    /// of it behind.
    @Test func cleanupDeletesTheRegionalCopyWithThePasswordSecret() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            #expect(project.resource(EmulatorCollections.secrets, Self.regionalCopy) != nil)
            let run = await project.cleanupAll()
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.resource(EmulatorCollections.secrets, Self.regionalCopy) == nil)
            #expect(project.emulator.requests(methodID: "secretmanager.projects.locations.secrets.delete").count == 1)
        }
    }
}
