import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 15, point 4: the uploaded build source follows gcloud's rules (`.gcloudignore`, else
/// its default and the `.gitignore` files, and never `.git`) and leaves out what
/// `.dockerignore` hides from Docker; a deploy says how big the upload is, and
/// `deploy --dry-run` lists it without sending anything.
@Suite struct BuildUploadTests {
    /// The api-gateway example with a key file its .gitignore lists, and one a nested
    /// .gitignore lists.
    func addIgnoredKeys(to project: EmulatedProject) {
        project.copyExamples()
        project.directory.write("examples/api-gateway/.gitignore", "service-key.json\n*.pem\n")
        project.directory.write("examples/api-gateway/service-key.json", "{\"private_key\": \"secret\"}")
        project.directory.write("examples/api-gateway/src/.gitignore", "local.secret\n")
        project.directory.write("examples/api-gateway/src/local.secret", "s3cr3t")
        project.directory.write("examples/api-gateway/tls.pem", "-----BEGIN-----")
    }

    @Test func filesTheServiceFoldersGitignoreFilesListAreNotUploaded() async throws {
        try await withEmulatedProject { project in
            addIgnoredKeys(to: project)
            #expect(await project.setup().status == .success)
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")

            let storage = StorageAPI(try await project.client())
            let staging = StagingBucket.name(project: EmulatedProject.project)
            let object = try #require(try await storage.objects(bucket: staging, prefix: "source/api-gateway-").first?.name)
            let listing = try tarPaths(try await storage.download(bucket: staging, name: object))
            #expect(listing.contains("Dockerfile") && listing.contains("src/server.js"), "\(listing)")
            for ignored in ["service-key.json", "src/local.secret", "tls.pem", ".gitignore", "src/.gitignore"] {
                #expect(!listing.contains(ignored), "\(ignored) was uploaded")
            }
            let files = listing.filter { !$0.hasSuffix("/") }.count
            #expect(run.diagnostics.contains("uploaded gs://\(staging)/\(object) (\(files) files, "), "\(run.diagnostics)")
        }
    }

    @Test func aDryRunListsWhatWouldBeUploadedAndSendsNothing() async throws {
        try await withEmulatedProject { project in
            addIgnoredKeys(to: project)
            let run = await project.deploy(DeployOptions(services: ["api-gateway"], dryRun: true))
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.emulator.requests().isEmpty, "\(project.emulator.requests().map(\.url))")
            let archive = try SourceArchive.make(directory: project.directory.url.appendingPathComponent("examples/api-gateway"),
                                                 dockerfile: "Dockerfile")
            #expect(run.output.contains("api-gateway: would upload examples/api-gateway, \(archive.summary) "
                                        + "(ignored by gcloud's defaults, .gitignore, src/.gitignore, .dockerignore)"), "\(run.output)")
            for file in archive.files { #expect(run.output.contains("\n  \(file)\n"), "\(file) is not listed") }
            #expect(!run.output.contains("service-key.json") && !run.output.contains("local.secret"))
            #expect(run.output.contains("Dry run: nothing was uploaded, built or deployed"))
        }
    }

    @Test func aGcloudignoreDecidesAloneButDockerignoreStillApplies() throws {
        let directory = ScratchDirectory()
        for (path, text) in [".gcloudignore": "#!include:.gitignore\n*.log\n", ".gitignore": "key.json\n", ".dockerignore": "notes/\n",
                             "Dockerfile": "FROM a", "key.json": "k", "app.log": "", "app.js": "", "notes/todo.txt": "",
                             "sub/.gitignore": "kept-by-gcloud.txt\n", "sub/kept-by-gcloud.txt": ""] {
            directory.write(path, text)
        }
        let archive = try SourceArchive.make(directory: directory.url, dockerfile: "Dockerfile")
        // With a .gcloudignore, gcloud reads only it (and what it includes): nested .gitignore files do not apply.
        #expect(archive.files == [".dockerignore", ".gcloudignore", ".gitignore", "Dockerfile", "app.js", "sub/.gitignore",
                                  "sub/kept-by-gcloud.txt"])
        #expect(archive.ignoreFiles == [".gcloudignore", ".dockerignore"])
    }

    @Test func withoutAGcloudignoreTheDefaultAndEveryGitignoreApply() throws {
        let directory = ScratchDirectory()
        for (path, text) in [".gitignore": "*.key\nbuild/\n", "Dockerfile": "FROM a", "a.key": "", "app.js": "", "build/out.js": "",
                             "lib/.gitignore": "!important.key\ncache/\n", "lib/important.key": "", "lib/cache/x": "", "lib/x.js": "",
                             ".gcloudignore.bak": "", ".git/HEAD": "ref"] {
            directory.write(path, text)
        }
        let archive = try SourceArchive.make(directory: directory.url, dockerfile: "Dockerfile")
        // A deeper .gitignore overrides a shallower one, as in git.
        #expect(archive.files == [".gcloudignore.bak", "Dockerfile", "app.js", "lib/important.key", "lib/x.js"])
    }
}
