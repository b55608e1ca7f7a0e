import Foundation
import GoogleCloud
import Processes
import Testing
@testable import GCPCtlKit

/// The build archive: which files go in (.gcloudignore, else gcloud's default and the
/// .gitignore files; and .dockerignore besides; never .git), and the same bytes for the same
/// sources.
@Suite struct SourceArchiveTests {
    /// A service folder with `files` (path → contents).
    func folder(_ files: [String: String]) -> ScratchDirectory {
        let directory = ScratchDirectory()
        for (path, text) in files { directory.write(path, text) }
        return directory
    }

    func archivedPaths(_ files: [String: String], dockerfile: String = "Dockerfile") throws -> [String] {
        let directory = folder(files)
        return try SourceArchive.make(directory: directory.url, dockerfile: dockerfile).paths.filter { !$0.hasSuffix("/") }
    }

    /// The paths `tar` lists from the archive: it is a valid gzip'd tar.
    func tarListing(_ archive: SourceArchive) throws -> [String] {
        try tarPaths(archive.data)
    }

    @Test func gitIsAlwaysLeftOutAndEverythingElseKeptWithoutIgnoreFile() throws {
        let paths = try archivedPaths(["Dockerfile": "FROM a\nFROM b\n", "src/app.js": "x", ".git/HEAD": "ref", ".env": "A=1"])
        #expect(paths == [".env", "Dockerfile", "src", "src/app.js"])
    }

    @Test func gcloudignoreUsesGitignoreSyntax() throws {
        let paths = try archivedPaths([
            ".gcloudignore": "# comment\nnode_modules/\n*.log\n!keep.log\n/build\ndocs/**/*.md\n",
            "Dockerfile": "FROM a", "node_modules/x/index.js": "", "src/node_modules/y.js": "", "app.log": "", "keep.log": "",
            "src/deep/debug.log": "", "build/out.js": "", "src/build/kept.js": "", "docs/a/b.md": "", "docs/readme.txt": "",
            ".dockerignore": "src\n",
        ])
        // .dockerignore applies too: what Docker would not see (src) is not uploaded either.
        #expect(paths == [".dockerignore", ".gcloudignore", "Dockerfile", "docs", "docs/a", "docs/readme.txt", "keep.log"])
    }

    @Test func gcloudignoreIncludesAnotherFile() throws {
        let paths = try archivedPaths([".gcloudignore": "#!include:.gitignore\n.gitignore\n", ".gitignore": "secret.txt\n",
                                       "Dockerfile": "FROM a", "secret.txt": "s", "app.py": ""])
        #expect(paths == [".gcloudignore", "Dockerfile", "app.py"])
    }

    @Test func dockerignoreIsAnchoredAndItsExceptionsReachIntoExcludedFolders() throws {
        let paths = try archivedPaths([
            ".dockerignore": "*.md\nlogs\n!logs/keep.txt\n**/*.tmp\n# comment\n",
            "Dockerfile": "FROM a", "README.md": "", "docs/guide.md": "", "logs/a.txt": "", "logs/keep.txt": "",
            "src/x.tmp": "", "x.tmp": "", "src/y.js": "",
        ])
        #expect(paths == [".dockerignore", "Dockerfile", "docs", "docs/guide.md", "logs/keep.txt", "src", "src/y.js"])
    }

    @Test func theDockerfileIsKeptEvenWhenIgnored() throws {
        let paths = try archivedPaths([".dockerignore": "Dockerfile*\n.dockerignore\n", "Dockerfile.prod": "FROM a", "app": ""],
                                      dockerfile: "Dockerfile.prod")
        #expect(paths == [".dockerignore", "Dockerfile.prod", "app"])
    }

    @Test func globsMatchWithinOneSegment() {
        #expect(Glob.matches("*.js", "app.js"))
        #expect(!Glob.matches("*.js", "app.json"))
        #expect(Glob.matches("file?.txt", "file1.txt"))
        #expect(Glob.matches("[a-c]x", "bx"))
        #expect(!Glob.matches("[!a-c]x", "bx"))
        #expect(Glob.matches("\\*", "*"))
        #expect(!Glob.matches("\\*", "a"))
    }

    @Test func theSameSourcesGiveTheSameBytesAndOtherSourcesOthers() throws {
        let files = ["Dockerfile": "FROM a AS b\nFROM c\n", "src/app.js": "console.log(1)\n", "z.txt": "z"]
        let one = folder(files), other = folder(files)
        let first = try SourceArchive.make(directory: one.url, dockerfile: "Dockerfile")
        let second = try SourceArchive.make(directory: other.url, dockerfile: "Dockerfile")
        #expect(first.data == second.data)
        #expect(first.digest == second.digest)
        #expect(first.digest.count == 64)
        var changed = files
        changed["src/app.js"] = "console.log(2)\n"
        let third = folder(changed)
        #expect(try SourceArchive.make(directory: third.url, dockerfile: "Dockerfile").digest != first.digest)
        #expect(try tarListing(first) == ["Dockerfile", "src/", "src/app.js", "z.txt"])
    }

    @Test func longPathsSurviveThroughPaxRecords() throws {
        let long = (0..<6).map { "directory-with-a-long-name-\($0)" }.joined(separator: "/") + "/file.txt"
        let directory = folder(["Dockerfile": "FROM a", long: "x"])
        let archive = try SourceArchive.make(directory: directory.url, dockerfile: "Dockerfile")
        #expect(try tarListing(archive).contains(long))
    }

    @Test func executableBitsAndSymlinksAreKept() async throws {
        let directory = folder(["Dockerfile": "FROM a", "run.sh": "#!/bin/sh\n"])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.appendingPathComponent("run.sh").path)
        try FileManager.default.createSymbolicLink(atPath: directory.url.appendingPathComponent("link").path, withDestinationPath: "run.sh")
        let archive = try SourceArchive.make(directory: directory.url, dockerfile: "Dockerfile")
        let scratch = ScratchDirectory()
        let file = scratch.url.appendingPathComponent("a.tgz")
        try archive.data.write(to: file)
        let tar = try await ChildProcess.run("/usr/bin/env", ["tar", "-xzf", file.path, "-C", scratch.url.path])
        #expect(tar.termination.exitedCleanly)
        #expect(FileManager.default.isExecutableFile(atPath: scratch.url.appendingPathComponent("run.sh").path))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scratch.url.appendingPathComponent("link").path) == "run.sh")
    }

    @Test func everyExampleServiceArchivesWithItsDockerfile() throws {
        for service in EmulatedProject.services {
            let archive = try SourceArchive.make(directory: Repository.root.appendingPathComponent("examples/\(service)"), dockerfile: "Dockerfile")
            #expect(archive.paths.contains("Dockerfile"), "\(service)")
            #expect(archive.ignoreFiles.contains { $0.hasSuffix("ignore") }, "\(service) has an ignore file")
        }
    }
}

/// The paths `tar` lists from the bytes of a .tar.gz (which must be a valid one).
func tarPaths(_ data: Data) throws -> [String] {
    let scratch = ScratchDirectory()
    let file = scratch.url.appendingPathComponent("source.tgz")
    try data.write(to: file)
    let tar = try ChildProcess("/usr/bin/env", ["tar", "-tzf", file.path], standardOutput: .pipe)
    let output = tar.standardOutput?.readDataToEndOfFile() ?? Data()
    #expect(tar.exitBlocking().exitedCleanly)
    return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
}
