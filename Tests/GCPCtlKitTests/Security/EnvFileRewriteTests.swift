import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 15, point 3: deploy writes the services' URLs into the environment's .env file
/// keeping its mode and owner, through a symbolic link to the link's target (a link to
/// nothing is refused clearly), and atomically from the target's own directory.
@Suite struct EnvFileRewriteTests {
    func attributes(_ path: String) -> stat {
        var status = stat()
        lstat(path, &status)
        return status
    }

    @Test func deployKeepsTheEnvFilesModeAndOwner() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let file = project.directory.write(".env.development", "# mine\nNODE_ENV=development\n").path
            #expect(chmod(file, 0o600) == 0)
            // The tests run as root, as a `sudo gcpctl deploy` does: the file is a user's.
            #expect(chown(file, 4321, 4322) == 0)

            let run = await project.deploy()
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(project.envFileText()?.contains("API_GATEWAY_URL=https://api-gateway-") == true)
            #expect(project.envFileText()?.hasPrefix("# mine\nNODE_ENV=development\n") == true)
            let after = attributes(file)
            #expect(after.st_mode & 0o7777 == 0o600)
            #expect(after.st_uid == 4321 && after.st_gid == 4322)
        }
    }

    @Test func deployWritesThroughASymbolicLinkAndKeepsTheLink() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let target = project.directory.write("config/shared.env", "SHARED=1\n").path
            #expect(chmod(target, 0o640) == 0)
            let link = project.directory.url.appendingPathComponent(".env.development").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "config/shared.env")

            let run = await project.deploy()
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "config/shared.env")
            let text = project.directory.read("config/shared.env")
            #expect(text.hasPrefix("SHARED=1\n") && text.contains("WEBSOCKET_URL=https://websocket-server-"), "\(text)")
            #expect(attributes(target).st_mode & 0o7777 == 0o640)
            // Written from the target's folder: nothing left beside it but the file itself.
            #expect(try FileManager.default.contentsOfDirectory(atPath: (target as NSString).deletingLastPathComponent) == ["shared.env"])
        }
    }

    @Test func aLinkToNothingIsRefusedAfterTheSummary() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            let link = project.directory.url.appendingPathComponent(".env.development").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "missing/dev.env")

            let run = await project.deploy()
            #expect(run.status == .configurationError)
            #expect(run.output.contains("Deployed services"), "the summary is shown: \(run.output)")
            #expect(run.diagnostics.contains("is a symbolic link to missing/dev.env, which does not exist"), "\(run.diagnostics)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "missing/dev.env")
        }
    }

    @Test func theFileIsReplacedByRenameNotRewrittenInPlace() throws {
        let directory = ScratchDirectory()
        let file = directory.write("dev.env", "A=1\n").path
        let before = attributes(file).st_ino
        try DotEnvUpdater.update(fileAt: URL(fileURLWithPath: file), setting: [(name: "B", value: "2")])
        #expect(directory.read("dev.env") == "A=1\nB=2\n")
        #expect(attributes(file).st_ino != before, "a new file took the old one's place")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["dev.env"])
    }

    @Test func aNewFileIsPrivate() throws {
        let directory = ScratchDirectory()
        let file = directory.url.appendingPathComponent("new.env")
        try DotEnvUpdater.update(fileAt: file, setting: [(name: "API_GATEWAY_URL", value: "https://a")])
        #expect(attributes(file.path).st_mode & 0o7777 == 0o600)
    }
}
