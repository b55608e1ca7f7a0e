import Foundation
import GoogleCloud
import Processes
import Testing

/// The programs gcpctl starts (credential helpers, git), started with posix_spawn since
/// Foundation's Process crashed this suite now and then (swift-corelibs-foundation #5472).
@Suite struct ChildProcessTests {
    @Test func theExitStatusAndWhatTheChildWroteComeBack() async throws {
        let run = try await ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(run.termination == ChildProcess.Termination(status: 3, signalled: false))
        #expect(String(decoding: run.output, as: UTF8.self) == "out\n")
        #expect(String(decoding: run.errors, as: UTF8.self) == "err\n")
    }

    @Test func theChildGetsExactlyTheEnvironmentAndDirectoryGiven() async throws {
        let directory = FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path
        let run = try await ChildProcess.run("/bin/sh", ["-c", "pwd; env | sort"], environment: ["ONLY": "this"],
                                             directory: directory)
        let lines = String(decoding: run.output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.first == directory)
        #expect(lines.contains("ONLY=this"))
        #expect(!lines.contains { $0.hasPrefix("HOME=") })
    }

    @Test func aSignalEndsTheChildAndSaysWhich() async throws {
        let child = try ChildProcess("/bin/sh", ["-c", "echo ready; exec sleep 60"], standardOutput: .pipe)
        _ = child.standardOutput?.availableData
        child.send(SIGTERM)
        #expect(await child.exit() == ChildProcess.Termination(status: SIGTERM, signalled: true))
        #expect(!child.isRunning)
    }

    @Test func inputGoesInThroughAPipe() async throws {
        let child = try ChildProcess("/bin/cat", [], standardInput: .pipe, standardOutput: .pipe)
        child.standardInput?.write(Data("hello".utf8))
        try child.standardInput?.close()
        #expect(String(decoding: await ChildProcess.readToEnd(child.standardOutput), as: UTF8.self) == "hello")
        #expect(await child.exit().exitedCleanly)
    }

    /// A child that inherited another child's pipe would keep that pipe open, and whoever
    /// reads it would wait for the wrong process: every descriptor above 2 is closed.
    @Test func aChildInheritsNoDescriptorOfTheParents() async throws {
        let descriptor = open("/dev/null", O_RDONLY)
        defer { close(descriptor) }
        let run = try await ChildProcess.run("/bin/sh", ["-c", "ls /proc/self/fd"])
        let open = String(decoding: run.output, as: UTF8.self).split(separator: "\n").compactMap { Int32($0) }
        // 0, 1, 2 and the descriptor ls opens to read the folder.
        #expect(!open.contains(descriptor), "\(open)")
        #expect(open.filter { $0 > 2 }.count <= 1, "\(open)")
    }

    @Test func aProgramThatDoesNotExistIsAnErrorThatNamesIt() throws {
        #expect {
            _ = try ChildProcess("/nonexistent/helper")
        } throws: { error in
            "\(error)".contains("/nonexistent/helper could not be started")
        }
    }

    /// The crash Foundation's Process had showed under many concurrent starts.
    @Test func manyChildrenAtOnceAllEndWithTheirOwnStatus() async throws {
        let statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
            for index in 0..<40 {
                group.addTask { try await ChildProcess.run("/bin/sh", ["-c", "exit \(index % 7)"]).termination.status }
            }
            return try await group.reduce(into: [Int32]()) { $0.append($1) }
        }
        #expect(statuses.sorted() == (0..<40).map { Int32($0 % 7) }.sorted())
    }
}
