import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// `deploy --image REF` (an image built elsewhere, no build) and the `git-COMMIT` tag of
/// images built from a clean git checkout.
@Suite struct PrebuiltImageDeployTests {
    static let repository = "us-central1-docker.pkg.dev/demo-project/digitwinlive"

    func deploy(_ project: EmulatedProject, image: String?, services: [String] = []) async -> EmulatedProject.Run {
        var options = DeployOptions(services: services, healthCheck: quickHealthCheck)
        options.image = image
        return await project.deploy(options)
    }

    @Test func aTagEveryServiceHasIsDeployedByDigestWithoutABuild() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            var digests: [String: String] = [:]
            for service in EmulatedProject.services {
                digests[service] = try #require(project.emulator.pushImage("\(Self.repository)/\(service):v1.4.2"))
            }
            project.emulator.clearRequests()
            let run = await deploy(project, image: "v1.4.2")
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.emulator.requests(methodID: "cloudbuild.projects.builds.create").isEmpty
                    && project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").isEmpty, "no build")
            for service in EmulatedProject.services {
                let image = project.service(service)?[path: "template.containers"]?.arrayValue?.first?["image"]?.stringValue
                #expect(image == "\(Self.repository)/\(service)@\(digests[service]!)")
            }
        }
    }

    @Test func oneServicesDigestIsDeployedAndAMissingImageIsRefusedBeforeAnyChange() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let digest = try #require(project.emulator.pushImage("\(Self.repository)/api-gateway:ci-build"))
            let run = await deploy(project, image: "api-gateway@\(digest)", services: ["api-gateway"])
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.service("api-gateway")?[path: "template.containers"]?.arrayValue?.first?["image"]?.stringValue
                    == "\(Self.repository)/api-gateway@\(digest)")

            project.emulator.clearRequests()
            let missing = await deploy(project, image: "no-such-tag", services: ["websocket-server"])
            #expect(missing.status == .operationFailed)
            #expect(missing.diagnostics.contains("\(Self.repository)/websocket-server:no-such-tag is not in the registry"), "\(missing.diagnostics)")
            #expect(project.service("websocket-server") == nil)
            #expect(!project.mutatingRequests.contains { $0.methodID?.hasPrefix("run.") == true }, "nothing deployed")

            let elsewhere = await deploy(project, image: "docker.io/library/nginx:1", services: ["api-gateway"])
            #expect(elsewhere.diagnostics.contains("is not in the environment's repository \(Self.repository)"), "\(elsewhere.diagnostics)")
        }
    }

    @Test func anImageBuiltFromACleanGitCheckoutIsTaggedWithItsCommit() async throws {
        try await withEmulatedProject { project in
            project.copyExamples()
            let directory = project.directory.url
            for arguments in [["init", "-q"], ["add", "-A"], ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "first"]] {
                #expect(GitCommit.git(arguments, in: directory) != nil, "git \(arguments)")
            }
            let head = try #require(GitCommit.git(["rev-parse", "HEAD"], in: directory))
            #expect(await project.setup().status == .success)
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            let build = try #require(project.builds.first)
            let tags = build["images"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(tags.contains("\(Self.repository)/api-gateway:git-\(head.prefix(12))"), "\(tags)")

            // Uncommitted changes: the image is not that commit, so it gets no commit tag.
            project.directory.write("examples/api-gateway/src/version.js", "module.exports = 3;\n")
            #expect(GitCommit.tag(forSourceIn: directory.appendingPathComponent("examples/api-gateway")) == nil)
        }
    }
}
