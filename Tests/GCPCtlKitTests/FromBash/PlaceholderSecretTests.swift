import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 18 point 2: placeholders are not secrets. A secret whose only enabled version
/// holds a placeholder is named in plan and status; setup replaces it (a new version, the
/// old one disabled) after the confirmation, and only then sets the database password; no
/// database password is ever set from a placeholder.
@Suite struct PlaceholderSecretTests {
    @Test(arguments: [
        ("CHANGE_ME\n", true), ("change_me", true), ("changeme", true), ("placeholder", true), ("TODO", true),
        ("secret", true), ("Password", true), ("", true), ("   \n", true), ("fifteen-bytes!!", true),
        ("sixteen-bytes!!!", false), ("kT3v9Qw2Lm8Zr5Xc1Bn7Hd4Fg6Js0Ay2", false), ("  this-is-a-long-enough-value\n", false),
    ])
    func thePlaceholderRule(value: String, isPlaceholder: Bool) {
        #expect(SecretPlaceholder.isPlaceholder(Data(value.utf8)) == isPlaceholder, "\(value.debugDescription)")
    }

    @Test func statusNamesEachPlaceholderSecretWithTheCommandThatReplacesIt() async throws {
        try await withScriptsProject { project in
            let (run, document) = try await project.statusDocument()
            #expect(run.status == .unhealthy)
            for secret in ScriptsProject.secrets {
                let row = try #require(document.row("secret", secret))
                #expect(row.state == "unhealthy")
                #expect(row.reason?.hasPrefix("holds a placeholder (version 1)") == true, "\(row.reason ?? "")")
                #expect(row.fix == "gcpctl setup --env=dev")
            }
            #expect(!run.output.contains("CHANGE_ME"))
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    /// Only the sole enabled version counts: once someone added a real value (and left the
    /// placeholder enabled beside it), the secret is not called a placeholder, nor replaced.
    @Test func aSecretWithARealVersionBesideThePlaceholderIsKept() async throws {
        try await withEmulatedProject { project in
            let context = try await project.resourceContext()
            project.emulator.setServices(["secretmanager.googleapis.com"], enabled: true, project: EmulatedProject.project)
            let secret = try #require(context.environment.secrets.first)
            _ = try await context.secretManager.createSecret(project: context.project, id: secret.id, labels: secret.labels)
            _ = try await context.secretManager.addVersion(project: context.project, id: secret.id, value: ScriptsProject.placeholder)
            let state = try #require(try await ManagedSecret(secret).observe(in: context))
            #expect(state.placeholderVersion == "1")

            _ = try await context.secretManager.addVersion(project: context.project, id: secret.id, value: Data("an operator's real value".utf8))
            let after = try #require(try await ManagedSecret(secret).observe(in: context))
            #expect(after.placeholderVersion == nil)
            #expect(ManagedSecret(secret).differences(from: after).isEmpty)
        }
    }

    /// The password is set only from a value that is not a placeholder: called on the
    /// scripts' secret directly (as a run that skipped the secret would), it refuses and
    /// sends nothing to Cloud SQL.
    @Test func theDatabasePasswordIsNeverSetFromAPlaceholder() async throws {
        try await withScriptsProject { project in
            let context = try await project.resourceContext()
            let sql = try #require(context.environment.cloudSQL)
            var adopted = sql
            adopted.instance = ScriptsProject.instance
            await #expect(throws: PlaceholderPasswordRefused.self) {
                try await SQLUserPassword(adopted, secretID: "database-password").apply(in: context)
            }
            #expect(project.emulator.requests(methodID: "sqladmin.users.update").isEmpty)
        }
    }

    /// "after confirmation": answering no leaves the placeholders where they are.
    @Test func answeringNoKeepsEveryVersion() async throws {
        try await withScriptsProject { project in
            let run = await project.setup(yes: false, input: ["n"], interactive: true)
            #expect(run.status == .configurationError)
            #expect(project.mutatingRequests.isEmpty)
            for secret in ScriptsProject.secrets {
                let states = try await project.secretVersionStates(secret)
                #expect(states == [1: "ENABLED"])
            }
        }
    }

    /// The replacement adds one version and disables the one it replaces, once: a second
    /// run finds a real value and changes nothing.
    @Test func setupReplacesEachPlaceholderOnce() async throws {
        try await withScriptsProject { project in
            #expect(await project.setup(SetupWorkflow(only: [.secrets], executor: fastExecutor)).status == .success)
            #expect(project.emulator.requests(methodID: "secretmanager.projects.secrets.addVersion").count == 3)
            #expect(project.emulator.requests(methodID: "secretmanager.projects.secrets.versions.disable").count == 3)
            for secret in ScriptsProject.secrets {
                let states = try await project.secretVersionStates(secret)
                #expect(states == [1: "DISABLED", 2: "ENABLED"])
            }
            project.emulator.clearRequests()
            let again = await project.plan()
            #expect(again.output.contains("Plan for development"), "\(again.diagnostics)")
            #expect(!again.output.contains("placeholder"))
            #expect(project.mutatingRequests.isEmpty)
        }
    }
}
