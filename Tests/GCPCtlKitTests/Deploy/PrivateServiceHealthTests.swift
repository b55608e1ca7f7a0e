import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 15 point 7: deploy once sent the operator's access token to a private service's
/// own `/health`. A private service is now called with an identity token for its URL, of
/// the account the services run as (IAM Credentials `generateIdToken`), or not at all,
/// with the reason. The emulator's private URLs answer 401 to anything but such a token,
/// so a request that carried the operator's token would show in its log as refused.
@Suite struct PrivateServiceHealthTests {
    static let service = "face-processing-service"

    static func makePrivate(_ project: EmulatedProject) {
        project.editEnvironment { $0.replacingOccurrences(of: "    public: true\n    cloudSQL: false\n", with: "    public: false\n    cloudSQL: false\n") }
    }

    /// The IAM Credentials API on, and the operator (the emulator's owner) an OpenID token
    /// creator on the project, so on the runtime account.
    static func allowIdentityTokens(_ project: EmulatedProject) {
        project.emulator.setServices(["iamcredentials.googleapis.com"], enabled: true, project: "demo-project")
        project.emulator.addIAMBinding(project: "demo-project", role: "roles/iam.serviceAccountOpenIdTokenCreator", member: "user:owner@example.com")
    }

    static func appRequests(_ emulator: Emulator) -> [RequestLogEntry] {
        emulator.requests().filter { $0.api == "run.app" && $0.url.contains(service) }
    }

    @Test func aPrivateServiceIsCheckedWithAnIdentityTokenForItsURL() async throws {
        try await withEmulatedProject { project in
            Self.makePrivate(project)
            Self.allowIdentityTokens(project)
            let run = await project.setUpAndDeploy([Self.service])
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("\(Self.service): https://"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("/health answered 200"), "\(run.diagnostics)")
            let minted = project.emulator.requests(methodID: "iamcredentials.projects.serviceAccounts.generateIdToken")
            #expect(minted.count == 1)
            #expect(minted.first?.url.removingPercentEncoding?.contains("digitwinlive-sa@demo-project.iam.gserviceaccount.com:generateIdToken") == true)
            let calls = Self.appRequests(project.emulator)
            #expect(!calls.isEmpty)
            #expect(calls.allSatisfy { $0.rejected == nil && $0.status == 200 }, "\(calls.map { ($0.status, $0.rejected) })")
        }
    }

    @Test func withoutAnIdentityTokenThePrivateServiceIsNotCalledAndTheNoteSaysWhy() async throws {
        try await withEmulatedProject { project in
            Self.makePrivate(project)
            // The API is on, but the operator may not mint tokens for the runtime account.
            project.emulator.setServices(["iamcredentials.googleapis.com"], enabled: true, project: "demo-project")
            let run = await project.setUpAndDeploy([Self.service])
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("\(Self.service) is private and was not checked: no identity token for digitwinlive-sa@demo-project.iam.gserviceaccount.com (403 PERMISSION_DENIED); grant yourself roles/iam.serviceAccountOpenIdTokenCreator on digitwinlive-sa@demo-project.iam.gserviceaccount.com"),
                    "\(run.diagnostics)")
            #expect(Self.appRequests(project.emulator).isEmpty, "the operator's token never went to the application")
        }
    }

    @Test func anAPINotEnabledIsTheNote() async throws {
        try await withEmulatedProject { project in
            Self.makePrivate(project)
            let run = await project.setUpAndDeploy([Self.service])
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("was not checked: no identity token: iamcredentials.googleapis.com is not enabled; add it to apis: in the environment file"),
                    "\(run.diagnostics)")
            #expect(Self.appRequests(project.emulator).isEmpty)
        }
    }

    @Test func statusChecksAPrivateServiceWithAnIdentityTokenToo() async throws {
        try await withEmulatedProject { project in
            Self.makePrivate(project)
            Self.allowIdentityTokens(project)
            #expect(await project.setUpAndDeploy([Self.service]).status == .success)
            project.emulator.clearRequests()
            let status = await project.status()
            #expect(status.output.contains("200 OK"), "\(status.output)")
            let calls = Self.appRequests(project.emulator)
            #expect(!calls.isEmpty && calls.allSatisfy { $0.rejected == nil && $0.status == 200 }, "\(calls.map { ($0.status, $0.rejected) })")
        }
    }
}
