import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Issue 17's keyless identity through the binary, as a CI job runs it: `gcpctl status`
/// with a workload identity federation file, with gcloud's impersonated_service_account
/// file and with `--impersonate-service-account`, all against the emulator's STS and IAM
/// Credentials; the metadata server reached directly whatever the proxy variables say;
/// and rejected credentials said once.
@Suite struct KeylessIdentityProcessTests {
    static let generateAccessToken = "iamcredentials.projects.serviceAccounts.generateAccessToken"

    /// Status answers (0 healthy, 3 not); 1 would mean the credentials failed.
    static func expectStatusAnswered(_ run: GCPCtlProcess.Result) {
        #expect(run.status == 0 || run.status == 3, "\(run.all)")
        #expect(run.all.contains("Status of development"), "\(run.all)")
    }

    /// gcpctl for the demo project with no access token of its own: `extra` names the credentials.
    static func gcpctl(_ emulator: Emulator, in workspace: TemporaryDirectory, _ extra: [String: String]) -> GCPCtlProcess {
        var process = GCPCtlProcess.demoProject(emulator, in: workspace, extra: extra)
        process.environment["GCPCTL_ACCESS_TOKEN"] = nil
        return process
    }

    @Test func statusWithAWorkloadIdentityFederationFile() async throws {
        try await withEmulator(ProcessWorkflowTests.configuration()) { emulator in
            let workspace = try ProcessWorkflowTests.workspace()
            defer { workspace.remove() }
            let identity = try await FederatedIdentity.arrange(on: emulator)
            // As google-github-actions/auth leaves it: the token in a file beside the
            // credentials, which name it.
            let tokenFile = try workspace.write("oidc-token.json", #"{"value":"\#(try identity.subjectToken())"}"#)
            let file = try workspace.write("gha-creds.json", identity.credentialsFile(credentialSource: [
                "file": .string(tokenFile), "format": ["type": "json", "subject_token_field_name": "value"],
            ]))
            emulator.clearRequests()
            let run = try await Self.gcpctl(emulator, in: workspace, ["GOOGLE_APPLICATION_CREDENTIALS": file])
                .run(["status", "--env=dev", "--verbose"])
            Self.expectStatusAnswered(run)
            #expect(run.errors.contains("credentials: service account \(identity.serviceAccount) impersonated with workload identity federation file \(file) (pool ci-pool, provider github)"),
                    "\(run.errors)")
            #expect(emulator.requests(methodID: "sts.token").map(\.status) == [200])
            #expect(emulator.requests(methodID: Self.generateAccessToken).map(\.status) == [200])
            let reads = emulator.requests().filter { $0.api == "secretmanager" }
            #expect(!reads.isEmpty && reads.allSatisfy { $0.bearer })
        }
    }

    @Test func statusWithAnImpersonatedServiceAccountFile() async throws {
        try await withEmulator(ProcessWorkflowTests.configuration()) { emulator in
            let workspace = try ProcessWorkflowTests.workspace()
            defer { workspace.remove() }
            let identity = try await FederatedIdentity.arrange(on: emulator)
            emulator.registerRefreshToken(clientID: "gcloud-client", clientSecret: "s", refreshToken: "operator-refresh")
            emulator.addIAMBinding(project: "demo-project", resource: "projects/demo-project/serviceAccounts/\(identity.serviceAccount)",
                                   role: "roles/iam.serviceAccountTokenCreator", member: "user:owner@example.com")
            let file = try workspace.write("adc.json", """
            {"type":"impersonated_service_account","delegates":[],
             "service_account_impersonation_url":"https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/\(identity.serviceAccount):generateAccessToken",
             "source_credentials":{"type":"authorized_user","client_id":"gcloud-client","client_secret":"s","refresh_token":"operator-refresh"}}
            """)
            emulator.clearRequests()
            let run = try await Self.gcpctl(emulator, in: workspace, ["GOOGLE_APPLICATION_CREDENTIALS": file]).run(["status", "--env=dev"])
            Self.expectStatusAnswered(run)
            #expect(emulator.requests(methodID: "oauth2.token").map(\.status) == [200])
            #expect(emulator.requests(methodID: Self.generateAccessToken).map(\.status) == [200])
        }
    }

    @Test func statusWithTheImpersonationFlagAndVariable() async throws {
        try await withEmulator(ProcessWorkflowTests.configuration()) { emulator in
            let workspace = try ProcessWorkflowTests.workspace()
            defer { workspace.remove() }
            let identity = try await FederatedIdentity.arrange(on: emulator)
            emulator.addIAMBinding(project: "demo-project", resource: "projects/demo-project/serviceAccounts/\(identity.serviceAccount)",
                                   role: "roles/iam.serviceAccountTokenCreator", member: "user:owner@example.com")
            let gcpctl = GCPCtlProcess.demoProject(emulator, in: workspace)
            emulator.clearRequests()
            let flag = try await gcpctl.run(["status", "--env=dev", "--impersonate-service-account", identity.serviceAccount])
            Self.expectStatusAnswered(flag)
            #expect(emulator.requests(methodID: Self.generateAccessToken).count == 1)

            var variable = gcpctl
            variable.environment["GCPCTL_IMPERSONATE_SERVICE_ACCOUNT"] = identity.serviceAccount
            emulator.clearRequests()
            Self.expectStatusAnswered(try await variable.run(["status", "--env=dev"]))
            #expect(emulator.requests(methodID: Self.generateAccessToken).count == 1)
        }
    }

    /// The metadata server under a name that is not loopback to the proxy rules (curl
    /// resolves `*.localhost` itself), with every proxy variable pointing at a closed port:
    /// the token still comes straight from the metadata server.
    @Test func theMetadataServerIsNeverReachedThroughAProxy() async throws {
        try await withEmulator(ProcessWorkflowTests.configuration { $0.metadataProject = "demo-project" }) { emulator in
            let workspace = try ProcessWorkflowTests.workspace()
            defer { workspace.remove() }
            let proxy = "http://127.0.0.1:9"
            let run = try await Self.gcpctl(emulator, in: workspace, [
                "GCE_METADATA_HOST": "metadata.localhost:\(emulator.port)",
                "http_proxy": proxy, "HTTP_PROXY": proxy, "https_proxy": proxy, "HTTPS_PROXY": proxy, "ALL_PROXY": proxy, "all_proxy": proxy,
            ]).run(["status", "--env=dev", "--verbose"])
            Self.expectStatusAnswered(run)
            #expect(run.errors.contains("credentials: the metadata server at metadata.localhost:\(emulator.port)"), "\(run.errors)")
            #expect(emulator.requests(methodID: "metadata.token").map(\.status) == [200])
        }
    }

    /// A revoked token: every command that reads the project stops at the first refusal
    /// with exit status 1 and one message, not a failure per resource.
    @Test(arguments: [
        ["status", "--env=dev"],
        ["plan", "--env=dev"],
        ["deploy", "--env=dev"],
        ["cleanup", "--env=dev", "--all", "--yes", "--confirm-project=demo-project"],
    ])
    func aRevokedTokenIsSaidOnce(arguments: [String]) async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            emulator.revoke(token: "process-token")
            let run = try await gcpctl.run(arguments)
            #expect(run.status == 1, "\(run.all)")
            let mentions = run.all.components(separatedBy: "the credentials were rejected (401 UNAUTHENTICATED)").count - 1
            #expect(mentions == 1, "one message: \(run.all)")
            #expect(run.errors.contains("Google Cloud rejected the access token in GCPCTL_ACCESS_TOKEN"), "\(run.errors)")
            #expect(run.errors.contains("set a fresh one"))
            #expect(!run.all.contains("could not be read"), "no per-resource failure: \(run.all)")
            #expect(emulator.requests().filter(\.mutating).isEmpty)
        }
    }
}
