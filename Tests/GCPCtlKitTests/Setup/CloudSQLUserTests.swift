import Foundation
import GCPEmulator
import Testing
@testable import GCPCtlKit

/// Issue 16 points 5 and 8: a database user other than postgres is created with
/// users.insert and its password from the secret, and a second setup sends nothing; a
/// stopped instance (RUNNABLE, activationPolicy NEVER) is named as such, with
/// `gcpctl sql start`, before any database or user request.
@Suite struct CloudSQLUserTests {
    static let users = "sqladmin.users"

    func user(_ name: String, in project: EmulatedProject) -> GCPEmulator.JSONValue? {
        project.emulator.mutateState { $0.resource(EmulatedProject.project, Self.users, "digitwinlive-db-dev/\(name)@") }
    }

    @Test func anAppUserIsCreatedWithThePasswordOnTheFirstSetupAndASecondSetupChangesNothing() async throws {
        try await withEmulatedProject { project in
            project.editEnvironment { $0.replacingOccurrences(of: "  user: postgres\n", with: "  user: app_user\n") }
            let run = await project.setup()
            #expect(run.status == .success, "\(run.diagnostics)")
            let created = try #require(user("app_user", in: project), "app_user was not created")
            let secret = try #require(SecretValueTests.payload("database-password", in: project).flatMap { String(data: $0, encoding: .utf8) })
            #expect(created["@password"]?.stringValue == secret)
            let inserts = project.emulator.requests().filter { $0.methodID == "sqladmin.users.insert" }
            #expect(inserts.count == 1)
            #expect(inserts.first?.body?["name"] == "app_user")
            #expect(!project.emulator.requests().contains { $0.methodID == "sqladmin.users.update" }, "inserted with its password: no update")
            #expect(user("postgres", in: project)?["@password"] == nil, "postgres is left alone")

            project.emulator.clearRequests()
            let again = await project.setup()
            #expect(again.status == .success, "\(again.diagnostics)")
            #expect(project.mutatingRequests.isEmpty, "\(project.mutatingRequests.map(\.url))")
        }
    }

    @Test func aNewSecretVersionIsSetWithUsersUpdateAndADeletedUserIsMadeAgain() async throws {
        try await withEmulatedProject { project in
            project.editEnvironment { $0.replacingOccurrences(of: "  user: postgres\n", with: "  user: app_user\n") }
            #expect(await project.setup().status == .success)
            _ = project.emulator.mutateState { $0.removeResource(EmulatedProject.project, Self.users, "digitwinlive-db-dev/app_user@") }
            project.emulator.clearRequests()
            let run = await project.setup()
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(user("app_user", in: project) != nil)
            #expect(project.emulator.requests().filter { $0.methodID == "sqladmin.users.insert" }.count == 1)
        }
    }

    @Test func aStoppedInstanceIsNamedWithSqlStartBeforeAnyDatabaseRequest() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            // Stopped as Google shows it: still RUNNABLE, activationPolicy NEVER; and the
            // database gone, so setup has something to do on it.
            let instance = "digitwinlive-db-dev"
            _ = project.emulator.updateResource(project: EmulatedProject.project, collection: "sqladmin.instances", name: instance) {
                $0["settings"]?["activationPolicy"] = "NEVER"
            }
            _ = project.emulator.mutateState {
                $0.removeResource(EmulatedProject.project, "sqladmin.databases", "\(instance)/digitwinlive-db")
            }
            project.emulator.clearRequests()
            let run = await project.setup()
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("Cloud SQL instance \(instance) is stopped (RUNNABLE with activationPolicy NEVER)"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("gcpctl sql start --env=dev"))
            #expect(!project.emulator.requests().contains { $0.methodID == "sqladmin.databases.insert" }, "no request Cloud SQL would refuse")
        }
    }
}
