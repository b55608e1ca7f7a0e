import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 18 point 3: the seed's repository. Its services' Dockerfiles are
/// apps/api-gateway/Dockerfile, apps/websocket-server/Dockerfile and
/// services/face-processing-service/Dockerfile, built from the repository root so the
/// workspace packages are in the context.
@Suite struct SeedLayoutTests {
    @Test func legacyModeBuildsTheMonorepoDockerfilesFromTheRoot() async throws {
        let directory = ScratchDirectory()
        ScriptsProject.writeRepository(in: directory)
        let environment = try await directory.loader().load(EnvironmentRequest(name: "dev"))
        #expect(environment.origin.isLegacy)
        #expect(environment.services.map { "\($0.name): \($0.source) \($0.dockerfile)" } == [
            "api-gateway: . apps/api-gateway/Dockerfile",
            "websocket-server: . apps/websocket-server/Dockerfile",
            "face-processing-service: . services/face-processing-service/Dockerfile",
        ])
    }

    /// examples/ only where the monorepo's Dockerfile is absent, service by service.
    @Test func aServiceWithoutItsMonorepoDockerfileKeepsItsExample() async throws {
        let directory = ScratchDirectory()
        directory.write(".env", "GCP_PROJECT_ID=demo-project\nGCP_REGION=us-central1\n")
        directory.write("apps/api-gateway/Dockerfile", "FROM node:20 AS build\nFROM node:20\n")
        let environment = try await directory.loader().load(EnvironmentRequest(name: "dev"))
        #expect(environment.services.map { "\($0.source)/\($0.dockerfile)" } == [
            "./apps/api-gateway/Dockerfile",
            "examples/websocket-server/Dockerfile",
            "examples/face-processing-service/Dockerfile",
        ])
    }

    /// The root context's ignore rules keep the upload small: node_modules, .git and the
    /// .env files stay out, the workspace packages and every service's sources go in, and
    /// the Dockerfile named with -f is always there.
    @Test func theRootContextKeepsToTheIgnoreRules() throws {
        let directory = ScratchDirectory()
        ScriptsProject.writeRepository(in: directory)
        directory.write(".git/HEAD", "ref: refs/heads/main\n")
        directory.write("packages/logger/node_modules/x/index.js", "x")
        let archive = try SourceArchive.make(directory: directory.url, dockerfile: "apps/api-gateway/Dockerfile")
        #expect(archive.paths.contains("apps/api-gateway/Dockerfile"))
        #expect(archive.paths.contains("packages/database/package.json"))
        #expect(archive.paths.contains("pnpm-workspace.yaml"))
        #expect(!archive.paths.contains { $0.hasPrefix("node_modules") || $0.contains("/node_modules") || $0.hasPrefix(".git/") })
        #expect(!archive.paths.contains(".env"))
        #expect(archive.data.count < 4096, "\(archive.data.count) bytes: the 100 kB of node_modules stayed out")
    }

    /// Build output only .gitignore names (`dist/`) stays out too: without a .gcloudignore,
    /// gcloud's rules are .git and .gitignore's lines, and .dockerignore's apply besides.
    @Test func whatGitIgnoresIsNotUploaded() throws {
        let directory = ScratchDirectory()
        ScriptsProject.writeRepository(in: directory)
        directory.write("apps/api-gateway/dist/index.js", "built")
        directory.write("dist/bundle.js", "built")
        let archive = try SourceArchive.make(directory: directory.url, dockerfile: "apps/api-gateway/Dockerfile")
        #expect(!archive.paths.contains { $0.hasPrefix("dist") || $0.contains("/dist") }, "\(archive.paths)")
        #expect(archive.paths.contains(".gitignore") == false, "gcloud's default rules leave .gitignore out")
    }

    /// `docker build -f apps/api-gateway/Dockerfile .` reads apps/api-gateway/Dockerfile.dockerignore
    /// instead of the root's .dockerignore when it exists (BuildKit), so the upload does too.
    @Test func aDockerfilesOwnIgnoreFileReplacesTheRootOne() throws {
        let directory = ScratchDirectory()
        ScriptsProject.writeRepository(in: directory)
        directory.write("apps/api-gateway/Dockerfile.dockerignore", "node_modules\nservices\napps/websocket-server\n")
        let gateway = try SourceArchive.make(directory: directory.url, dockerfile: "apps/api-gateway/Dockerfile")
        #expect(!gateway.paths.contains { $0.hasPrefix("services/") || $0.hasPrefix("apps/websocket-server") }, "\(gateway.paths)")
        #expect(gateway.paths.contains("apps/api-gateway/Dockerfile.dockerignore"))
        #expect(gateway.paths.contains("packages/logger/package.json"))
        let websocket = try SourceArchive.make(directory: directory.url, dockerfile: "apps/websocket-server/Dockerfile")
        #expect(websocket.paths.contains("services/face-processing-service/Dockerfile"), "the root .dockerignore for the others")
    }

    /// `deploy --dry-run` says how each service is built: in the repository root, with its Dockerfile.
    @Test func theDryRunShowsTheBuildFromTheRoot() async throws {
        try await withScriptsProject { project in
            let run = await project.deploy(DeployOptions(dryRun: true))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.output.contains("=== api-gateway: would upload ., "))
            #expect(run.output.contains("built with: docker build -f apps/api-gateway/Dockerfile ."))
            #expect(run.output.contains("built with: docker build -f services/face-processing-service/Dockerfile ."))
            #expect(project.emulator.requests().isEmpty)
        }
    }

    /// An environment file says the same with `source: .` and `dockerfile:` relative to it.
    @Test func anEnvironmentFileCanSayTheSame() async throws {
        try await withEmulatedProject { project in
            ScriptsProject.writeRepository(in: project.directory)
            project.editEnvironment { text in
                text.replacingOccurrences(of: "    source: examples/api-gateway\n    dockerfile: Dockerfile\n",
                                          with: "    source: .\n    dockerfile: apps/api-gateway/Dockerfile\n")
            }
            let environment = try await project.resourceContext().environment
            #expect(environment.service(named: "api-gateway").map { "\($0.source) \($0.dockerfile)" } == ". apps/api-gateway/Dockerfile")
            #expect(await project.setup().status == .success)
            project.copyExamples()
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.output)\n\(run.diagnostics)")
            let args = project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").first?
                .body?["steps"]?.arrayValue?.first?["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(Array(args.suffix(3)) == ["-f", "apps/api-gateway/Dockerfile", "."])
        }
    }
}
