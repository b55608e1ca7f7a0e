import Foundation
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 19, point 6: setup's summary counts the outcomes, lists only what changed, and
/// prints next steps only while some remain; deploy keeps the .env file out of git.
@Suite struct SetupSummaryTests {
    static func summary(_ output: String) -> [String] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "=== Summary ===") else { return [] }
        return Array(lines[start...])
    }

    @Test func theFirstSetupCountsAndListsWhatChangedThenWhatRemains() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup()
            #expect(run.status == .success, "\(run.diagnostics)")
            let summary = Self.summary(run.output)
            // 14 resources of setup's own, the build account's five (staging and logs buckets,
            // the account, its project and bucket/repository roles), the Data API password and
            // the pgvector extension.
            #expect(summary.dropFirst().first == "20 created, 1 updated", "\(summary)")
            #expect(summary.filter { $0.hasPrefix("  + created ") }.count == 20)
            #expect(summary.contains("  ~ updated project APIs"))
            #expect(summary.contains("=== Next steps ==="))
            #expect(summary.contains("Deploy the services: gcpctl deploy --env=dev"))
            // The extension is setup's work now; a database made now is one to look into.
            #expect(summary.contains("Run SQL on digitwinlive-db: gcpctl sql exec --env=dev \"SELECT extversion FROM pg_extension\""))
        }
    }

    /// Nothing changed and nothing deployed: no list, only the deploy step; once the
    /// services are deployed, no next steps at all.
    @Test func nextStepsOnlyWhileSomethingRemains() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let again = Self.summary(await project.setup().output)
            #expect(again.dropFirst().first == "21 unchanged", "\(again)")
            #expect(!again.contains { $0.hasPrefix("  + ") || $0.hasPrefix("  ~ ") || $0.contains("sql exec") })
            #expect(again.contains("Deploy the services: gcpctl deploy --env=dev"), "\(again)")

            #expect(await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck)).status == .success)
            let partly = Self.summary(await project.setup().output)
            #expect(partly.contains("Deploy the services: gcpctl deploy websocket-server face-processing-service --env=dev"), "\(partly)")

            #expect(await project.deploy(DeployOptions(healthCheck: quickHealthCheck)).status == .success)
            let done = Self.summary(await project.setup().output)
            #expect(!done.contains("=== Next steps ==="), "\(done)")
            #expect(done.last(where: { !$0.isEmpty }) == "✅ Setup of development complete")
        }
    }

    /// Deploy writes the URLs into .env.development: in a git work tree its name goes into
    /// .gitignore, once; a rule that ignores it already is left alone; outside git, nothing.
    @Test func deployKeepsTheEnvFileOutOfGit() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let gitignore = project.directory.url.appendingPathComponent(".gitignore").path
            #expect(await project.deploy(DeployOptions(healthCheck: quickHealthCheck)).status == .success)
            #expect(!FileManager.default.fileExists(atPath: gitignore), "not a git work tree: no .gitignore")

            try FileManager.default.createDirectory(atPath: project.directory.url.path + "/.git", withIntermediateDirectories: true)
            project.directory.write(".gitignore", "node_modules/\n.env.example")
            let deployed = await project.deploy(DeployOptions(healthCheck: quickHealthCheck))
            #expect(deployed.diagnostics.contains("added /.env.development to .gitignore"))
            _ = await project.deploy(DeployOptions(healthCheck: quickHealthCheck))
            #expect(project.directory.read(".gitignore") == "node_modules/\n.env.example\n# written by gcpctl deploy (service URLs); keep .env files out of git\n/.env.development\n")
        }
    }

    @Test(arguments: [
        ("", false), (".env*", true), (".env.*\n!.env.example", true), ("/.env.development", true), ("config/.env.development", false),
        (".env*\n!.env.development", false), ("*.yaml", false), (".env.dev*", true), ("# .env.development", false),
    ])
    func gitignoreRulesAreRead(rules: String, ignored: Bool) {
        #expect(GitIgnore.ignores(rules, ".env.development") == ignored)
    }
}
