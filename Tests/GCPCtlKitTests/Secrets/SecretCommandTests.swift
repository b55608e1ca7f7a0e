import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// `gcpctl secret list|set|rotate`: values are never printed, the database password stays
/// equal to what the Cloud SQL user has, and the old version is disabled only afterwards.
@Suite struct SecretCommandTests {
    static let user = "digitwinlive-db-dev/postgres@"

    func versions(_ project: EmulatedProject, _ secret: String) -> [(name: String, value: GCPEmulator.JSONValue)] {
        project.emulator.mutateState { $0.resources(EmulatedProject.project, EmulatorCollections.secretVersions, prefix: secret + "/") }
    }

    /// The value of a stored version, decoded.
    func value(_ version: GCPEmulator.JSONValue?) -> String? {
        version?["@data"]?.stringValue.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    func sqlPassword(_ project: EmulatedProject) -> String? {
        project.emulator.mutateState { $0.resource(EmulatedProject.project, EmulatorCollections.sqlUsers, Self.user) }?["@password"]?.stringValue
    }

    func change(_ project: EmulatedProject, _ secret: String, _ value: SecretSetWorkflow.Value, yes: Bool = true,
                verbose: Bool = false, format: OutputFormat = .text) async -> EmulatedProject.Run {
        await project.run("secret", settings: GlobalSettings(environment: "dev", assumeYes: yes, format: format, verbose: verbose)) { context, connector in
            try await SecretSetWorkflow(secret: secret, value: value).run(context, connector: connector)
        }
    }

    @Test func listShowsVersionsAndLastChangeButNeverAValue() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            let run = await project.dayTwo("secret list") { context, connector in try await SecretListWorkflow().run(context, connector: connector) }
            #expect(run.status == .success, "\(run.diagnostics)")
            let lines = run.output.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("SECRET") == true)
            let password = try #require(lines.first { $0.hasPrefix("database-password ") })
            #expect(password.contains("1 enabled"))
            #expect(password.contains("api-gateway, websocket-server, Cloud SQL user postgres"))
            #expect(password.contains(" UTC"))
            for secret in ["jwt-secret", "refresh-secret", "database-password"] {
                let stored = try #require(value(versions(project, secret).last?.value))
                #expect(!run.output.contains(stored) && !run.diagnostics.contains(stored))
            }
            #expect(project.emulator.requests().allSatisfy { !$0.url.contains(":access") }, "list reads no value")
        }
    }

    @Test func setAddsTheGivenValueWithItsChecksumAndNeverPrintsIt() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            let secretValue = "a-new-jwt-signing-key-0123456789"
            let run = await change(project, "jwt-secret", .given(Data(secretValue.utf8)), verbose: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(value(versions(project, "jwt-secret").last?.value) == secretValue)
            let added = try #require(project.emulator.requests(methodID: "secretmanager.projects.secrets.addVersion").first)
            #expect(added.body?[path: "payload.dataCrc32c"]?.stringValue == String(CRC32C.checksum(Data(secretValue.utf8))))
            #expect(!run.output.contains(secretValue) && !run.diagnostics.contains(secretValue), "--verbose included")
            #expect(run.output.contains("jwt-secret is now version 2"))
            #expect(versions(project, "jwt-secret").first?.value["state"] == "ENABLED", "set keeps the older version of an ordinary secret")
        }
    }

    @Test func rotatingTheDatabasePasswordLeavesTheUserWithTheNewLatestVersion() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let before = try #require(value(versions(project, "database-password").last?.value))
            #expect(sqlPassword(project) == before)
            project.emulator.clearRequests()

            let run = await change(project, "database-password", .generated, verbose: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            let stored = versions(project, "database-password")
            let latest = try #require(value(stored.last?.value))
            #expect(latest != before)
            #expect(sqlPassword(project) == latest, "the SQL user's password is the new latest version")
            #expect(stored.first?.value["state"] == "DISABLED", "the old version is disabled")
            #expect(value(versions(project, "@us-central1/database-password").last?.value) == latest, "the Data API copy follows")
            #expect(!run.output.contains(latest) && !run.diagnostics.contains(latest))

            let order = project.mutatingRequests.map(\.methodID)
            let added = try #require(order.firstIndex(of: "secretmanager.projects.secrets.addVersion"))
            let password = try #require(order.firstIndex(of: "sqladmin.users.update"))
            let disabled = try #require(order.firstIndex(of: "secretmanager.projects.secrets.versions.disable"))
            #expect(added < password && password < disabled, "\(order)")
            #expect(run.output.contains("running instances keep the old value until their next revision: gcpctl secret rotate database-password --deploy starts new ones (nothing is rebuilt)"))

            // setup agrees: nothing left to do.
            project.emulator.clearRequests()
            #expect(await project.setup().status == .success)
            #expect(project.mutatingRequests.isEmpty, "\(project.mutatingRequests.map(\.methodID))")
        }
    }

    @Test func whenTheDatabaseRefusesTheNewPasswordTheOldOneStaysInUse() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            let before = try #require(value(versions(project, "database-password").last?.value))
            project.emulator.inject(FaultRule(methodID: "sqladmin.users.update", action: .status(
                code: 403, status: "PERMISSION_DENIED", message: "The caller does not have permission"), times: 0))
            let run = await change(project, "database-password", .generated)
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("was disabled again, so the services and the database keep the old password"), "\(run.diagnostics)")
            let stored = versions(project, "database-password")
            #expect(stored.first?.value["state"] == "ENABLED")
            #expect(stored.last?.value["state"] == "DISABLED")
            #expect(sqlPassword(project) == before)
        }
    }

    @Test func rotateAsksFirstAndRefusesAMissingSecret() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setup().status == .success)
            project.emulator.clearRequests()
            let refused = await change(project, "jwt-secret", .generated, yes: false)
            #expect(refused.status == .configurationError)
            #expect(refused.diagnostics.contains("pass --yes to confirm"))
            #expect(project.mutatingRequests.isEmpty)
            let missing = await change(project, "no-such-secret", .generated)
            #expect(missing.status == .operationFailed)
            #expect(missing.diagnostics.contains("secret no-such-secret does not exist"))
        }
    }

    /// `--deploy`: a new revision of each deployed service that reads the secret, from the
    /// same template; the others are left alone, and nothing is built.
    @Test func deployStartsNewRevisionsOfTheServicesThatReadTheSecret() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            #expect(await project.deploy(DeployOptions(healthCheck: quickHealthCheck)).status == .success)
            func latest(_ service: String) -> String? { project.service(service)?["latestReadyRevision"]?.stringValue }
            let before = Dictionary(uniqueKeysWithValues: EmulatedProject.services.map { ($0, latest($0)) })
            project.emulator.clearRequests()
            let run = await project.run("secret", settings: GlobalSettings(environment: "dev", assumeYes: true)) { context, connector in
                try await SecretSetWorkflow(secret: "jwt-secret", value: .generated, deployAfter: true).run(context, connector: connector)
            }
            #expect(run.status == .success, "\(run.diagnostics)")
            for service in ["api-gateway", "websocket-server"] {
                #expect(latest(service) != before[service], "\(service) has a new revision")
                #expect(run.output.contains("\(service): new revision \(latest(service) ?? "?") reads version 2"))
            }
            #expect(latest("face-processing-service") == before["face-processing-service"], "it does not read jwt-secret")
            let patches = project.emulator.requests(methodID: "run.projects.locations.services.patch")
            #expect(patches.count == 2 && patches.allSatisfy { $0.url.contains("forceNewRevision=true") })
            #expect(project.emulator.requests().allSatisfy { $0.methodID?.contains("builds.create") != true }, "nothing rebuilt")
        }
    }
}
